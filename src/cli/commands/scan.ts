import type { Command } from '../command.js';
import { commonFrom, parseCommandArgs, UsageError, type OptionSpec } from '../options.js';
import { resolveSourceDir } from '../../source/locate.js';
import { emitReport } from '../emit.js';

const options: OptionSpec = { staged: { type: 'boolean', default: false } };

const scan: Command = {
  name: 'scan',
  summary: 'scan the source tree as it is now (or with --staged, only the index)',
  usage: `Usage: chezmoi-sops scan [DIR] [--staged] [--format text|json|sarif] [--output FILE] [--config FILE]
                         [--baseline FILE] [--show-secrets] [--no-color] [--quiet] [--strict]

Scan a chezmoi source directory: every template variable classified (secret, review, config,
reference) and every hard-coded secret in any file. With --staged, only what the index holds
(for a pre-commit hook). Exit codes: 0 clean, 1 secrets found, 2 usage error or a file that
could not be analysed.`,
  options,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (positionals.length > 1) throw new UsageError('scan takes at most one directory');
    const common = commonFrom(values);
    const dir = resolveSourceDir(positionals[0]);
    const { scanSource, scanStaged } = await import('../../scan/index.js');
    const result = values.staged
      ? await scanStaged(dir, { configPath: common.config })
      : await scanSource(dir, { configPath: common.config });
    return emitReport(result, common);
  },
};

export default scan;
