import type { Command } from './command.js';
import { COMMON } from './options.js';
import { REPORT_FORMATS } from '../report/reporters.js';
import { version } from './version.js';
import { runCommand } from './run-command.js';

export { version };

// Each command module is imported only when it runs: start-up cost matters for the pre-commit hook.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  inspect: { summary: 'parse templates; print delimiters, references, functions, includes, parse errors', load: async () => (await import('./commands/inspect.js')).default },
  scan: { summary: 'scan the source tree as it is now (or with --staged, only the index)', load: async () => (await import('./commands/scan.js')).default },
  history: { summary: 'scan every object reachable from any ref (or only REF..HEAD with --since)', load: async () => (await import('./commands/history.js')).default },
  migrate: { summary: 'plan (dry run with a diff) or, with --write, move secrets to sops', load: async () => (await import('./commands/migrate.js')).default },
  purge: { summary: 'plan or run the history clean-up, with a backup and verification', load: async () => (await import('./commands/purge.js')).default },
  baseline: { summary: 'create or audit the baseline of accepted findings', load: async () => (await import('./commands/baseline.js')).default },
  'install-hook': { summary: 'install the git pre-commit hook', load: async () => (await import('./commands/install-hook.js')).default },
};

function help(): string {
  const lines = ['Usage: chezmoi-sops <command> [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(14)}${c.summary}`);
  lines.push('', ...commonOptionsHelp(), '', 'Run `chezmoi-sops <command> --help` for the options of a command.');
  return lines.join('\n') + '\n';
}

/** The shared options, from their declaration (src/cli/options.ts), wrapped at 100 columns. */
function commonOptionsHelp(): string[] {
  const words = Object.entries(COMMON)
    .filter(([name]) => name !== 'help')
    .map(([name, def]) => (def.type === 'boolean' ? `--${name}` : `--${name} ${name === 'format' ? REPORT_FORMATS.join('|') : def.arg}`));
  const out: string[] = [];
  let line = 'Common options:';
  words.forEach((w, i) => {
    const word = i < words.length - 1 ? `${w},` : w;
    if (line.length + 1 + word.length > 100) {
      out.push(line);
      line = ' ';
    }
    line += ` ${word}`;
  });
  return [...out, line];
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`chezmoi-sops: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  return runCommand(name, entry.load, rest);
}
