import type { Command } from '../command.js';

/** Placeholder for a command whose stage is not built yet: a clear message and exit code 2. */
export function notYet(name: string): Command {
  return {
    name,
    summary: `${name} (not available yet)`,
    usage: `chezmoi-sops ${name}: not available in this build yet`,
    options: {},
    async run() {
      process.stderr.write(`chezmoi-sops ${name}: not available in this build yet\n`);
      return 2;
    },
  };
}
