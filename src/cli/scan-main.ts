// The entry of the `scan` command alone (the pre-commit hook runs `scan --staged`). build/bundle.mjs
// bundles it into one script with a V8 code cache made at build time, so the hook starts without
// resolving, reading and compiling the modules one by one; bin/chezmoi-sops uses it for `scan
// --staged` when the cache fits this Node, else the full CLI (main.ts), which behaves the same.
import { runCommand } from './run-command.js';

/** `main(['scan', ...args])` of main.ts, without the other commands. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name !== 'scan') throw new Error(`scan-main runs only the scan command, not '${name}'`);
  return runCommand(name, async () => (await import('./commands/scan.js')).default, rest);
}
