import type { Command } from '../command.js';
import { commonFrom, parseCommandArgs, UsageError, type OptionSpec } from '../options.js';
import { resolveSourceDir } from '../../source/locate.js';
import { emitReport } from '../emit.js';
import { progressBar } from '../../history/progress.js';

const options: OptionSpec = { since: { type: 'string' } };

const history: Command = {
  name: 'history',
  summary: 'scan every object reachable from any ref (or only REF..HEAD with --since)',
  usage: `Usage: chezmoi-sops history [DIR] [--since REF] [--format text|json|sarif] [--output FILE]
                            [--config FILE] [--baseline FILE] [--show-secrets] [--no-color] [--quiet]

Every secret that any commit, branch, tag, remote ref, stash entry (with its index and untracked
files), note or jj keep ref still reaches, and secrets written in commit messages: each distinct
value once, with the commit that introduced it, the last one that holds it, whether HEAD holds it,
its paths, the refs that reach it and how many commits hold it. --since REF: only commits in
REF..HEAD (CI on a pull request). A shallow clone is scanned as far as it goes and reported as
incomplete. Exit codes: 0 clean, 1 secrets found, 2 usage error, not a repository, or a file that
could not be analysed.`,
  options,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (positionals.length > 1) throw new UsageError('history takes at most one directory');
    if (values.since === '') throw new UsageError('--since needs a revision');
    const common = commonFrom(values);
    const dir = resolveSourceDir(positionals[0]);
    const { scanHistory, NotARepositoryError, UnknownRevisionError } = await import('../../history/index.js');
    const { defaultBlobScanner } = await import('../../scan/blob.js');
    const { scanner, tree, errors } = await defaultBlobScanner(dir, common.config);
    const bar = process.stderr.isTTY && !common.quiet ? progressBar(process.stderr) : null;
    const started = performance.now();
    let result;
    try {
      result = await scanHistory(dir, { scanner, tree, since: values.since as string | undefined, onProgress: bar?.update });
    } catch (err) {
      if (err instanceof NotARepositoryError || err instanceof UnknownRevisionError) throw new UsageError(err.message);
      throw err;
    } finally {
      bar?.done();
    }
    result.errors.unshift(...errors);
    if (common.debug) {
      const secs = (performance.now() - started) / 1000;
      process.stderr.write(`debug: history took ${secs.toFixed(2)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
    }
    return emitReport(result, common);
  },
};

export default history;
