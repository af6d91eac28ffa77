import { defineCommand } from '../command.js';
import { UsageError } from '../options.js';
import { resolveSourceDir } from '../../source/locate.js';
import { escapeForTerminal } from '../../report/escape.js';

export default defineCommand({
  name: 'install-hook',
  summary: 'install the git pre-commit hook',
  description: `Write the git pre-commit hook of the repository that holds DIR (core.hooksPath is honoured):
every commit runs \`chezmoi-sops scan --staged\` and is refused when it stages a secret.
An existing hook that is not ours is left alone unless --force (it is then kept as
pre-commit.bak). Bypass the hook once with: git commit --no-verify`,
  forms: [
    {
      args: '[DIR]',
      options: { force: { type: 'boolean', help: 'replace a hook that is not ours (kept as pre-commit.bak)' } },
      common: ['quiet', 'no-color'],
      commonHelp: { quiet: 'do not say what was written' },
    },
  ],
  async run({ values, positionals, common }) {
    if (positionals.length > 1) throw new UsageError('install-hook takes at most one directory');
    const { installHook: install } = await import('../../gates/hook.js');
    const { message } = await install(resolveSourceDir(positionals[0]), { force: Boolean(values.force) });
    if (!common.quiet) process.stdout.write(`${escapeForTerminal(message).replace(/\\n/g, '\n')}\n`);
    return 0;
  },
});
