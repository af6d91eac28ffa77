import { defineCommand } from '../command.js';
import { UsageError } from '../options.js';
import { REPORT_FORMATS } from '../../report/reporters.js';
import { resolveSourceDir } from '../../source/locate.js';
import { emitReport } from '../emit.js';
import { scanWholeHistory } from '../history-scan.js';
import { progressBar } from '../../history/progress.js';

export default defineCommand({
  name: 'history',
  summary: 'scan every object reachable from any ref (or only REF..HEAD with --since)',
  description: `Every secret that any commit, branch, tag, remote ref, stash entry (with its index and untracked
files), note or jj keep ref still reaches, and secrets written in commit messages: each distinct
value once, with the commit that introduced it, the last one that holds it, whether HEAD holds it,
its paths, the refs that reach it and how many commits hold it. --since REF: only commits in
REF..HEAD (CI on a pull request). A shallow clone is scanned as far as it goes and reported as
incomplete. Exit codes: 0 clean, 1 secrets found, 2 usage error, not a repository, or a file that
could not be analysed.`,
  forms: [
    {
      args: '[DIR]',
      options: { since: { type: 'string', arg: 'REF', help: 'only commits in REF..HEAD' } },
      common: ['format', 'output', 'config', 'baseline', 'show-secrets', 'no-color', 'quiet', 'strict'],
      formats: REPORT_FORMATS,
    },
  ],
  async run({ values, positionals, common }) {
    if (positionals.length > 1) throw new UsageError('history takes at most one directory');
    if (values.since === '') throw new UsageError('--since needs a revision');
    const dir = resolveSourceDir(positionals[0]);
    const bar = process.stderr.isTTY && !common.quiet ? progressBar(process.stderr) : null;
    const started = performance.now();
    let result;
    try {
      result = await scanWholeHistory(dir, { configPath: common.config, since: values.since as string | undefined, onProgress: bar?.update });
    } finally {
      bar?.done();
    }
    if (common.debug) {
      const secs = (performance.now() - started) / 1000;
      process.stderr.write(`debug: history took ${secs.toFixed(2)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
    }
    return emitReport(result, common);
  },
});
