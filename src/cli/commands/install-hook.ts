import type { Command } from '../command.js';
import { parseCommandArgs, UsageError, type OptionSpec } from '../options.js';
import { resolveSourceDir } from '../../source/locate.js';
import { escapeForTerminal } from '../../report/escape.js';

const options: OptionSpec = { force: { type: 'boolean', default: false } };

const installHook: Command = {
  name: 'install-hook',
  summary: 'install the git pre-commit hook',
  usage: `Usage: chezmoi-sops install-hook [DIR] [--force]

Write the git pre-commit hook of the repository that holds DIR (core.hooksPath is honoured):
every commit runs \`chezmoi-sops scan --staged\` and is refused when it stages a secret.
An existing hook that is not ours is left alone unless --force (it is then kept as
pre-commit.bak). Bypass the hook once with: git commit --no-verify`,
  options,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (positionals.length > 1) throw new UsageError('install-hook takes at most one directory');
    const { installHook: install } = await import('../../gates/hook.js');
    const { message } = await install(resolveSourceDir(positionals[0]), { force: Boolean(values.force) });
    if (!values.quiet) process.stdout.write(`${escapeForTerminal(message).replace(/\\n/g, '\n')}\n`);
    return 0;
  },
};

export default installHook;
