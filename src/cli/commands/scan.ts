import { defineCommand } from '../command.js';
import { UsageError } from '../options.js';
import { REPORT_FORMATS } from '../../report/reporters.js';
import { resolveSourceDir } from '../../source/locate.js';
import { emitReport } from '../emit.js';

export default defineCommand({
  name: 'scan',
  summary: 'scan the source tree as it is now (or with --staged, only the index)',
  description: `Scan a chezmoi source directory: every template variable classified (secret, review, config,
reference) and every hard-coded secret in any file. With --staged, only what the index holds
(for a pre-commit hook). Exit codes: 0 clean, 1 secrets found, 2 usage error or a file that
could not be analysed.`,
  forms: [
    {
      args: '[DIR]',
      options: { staged: { type: 'boolean', help: 'only what the index holds (the pre-commit hook)' } },
      common: ['format', 'output', 'config', 'baseline', 'show-secrets', 'no-color', 'quiet', 'strict'],
      formats: REPORT_FORMATS,
    },
  ],
  async run({ values, positionals, common }) {
    if (positionals.length > 1) throw new UsageError('scan takes at most one directory');
    const dir = resolveSourceDir(positionals[0]);
    const { scanSource, scanStaged } = await import('../../scan/index.js');
    const result = values.staged ? await scanStaged(dir, { configPath: common.config }) : await scanSource(dir, { configPath: common.config });
    return emitReport(result, common);
  },
});
