import type { Command } from './command.js';
import { UsageError } from './options.js';
import { escapeForTerminal } from '../report/escape.js';

/**
 * Load one command and run it: `--help` prints its usage, a usage error or any other failure is
 * reported on stderr with exit code 2 (a stack trace only with --debug). Shared by the CLI entry
 * (main.ts) and the pre-commit hook's entry (scan-main.ts).
 */
export async function runCommand(name: string, load: () => Promise<Command>, rest: string[]): Promise<number> {
  const debug = rest.includes('--debug');
  try {
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest);
  } catch (err) {
    // Messages may name repository files (hostile names): escaped, line by line.
    const message = ((err as Error)?.message ?? String(err)).split('\n').map(escapeForTerminal).join('\n');
    process.stderr.write(`chezmoi-sops ${name}: ${message}\n`);
    // Expected failures carry a clear message; a stack trace only with --debug, never for a usage error.
    if (debug && !(err instanceof UsageError) && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
}
