// Runs the shell sessions written in docs/*.md against a fresh demo repository, so the documents
// cannot drift from the tool. The conventions (also stated at the top of each document):
//   - In a ```sh block, a line starting with `$ ` is a command. It continues on the next line when
//     it ends with `\`, and a here-document (`<<'EOF'` … `EOF`) belongs to it.
//   - `# exit N` at the end of the command's first line is the exit code it must return (default 0).
//     `# not run: REASON` marks the few commands that need a terminal or chezmoi itself.
//   - The lines after a command, up to the next command, are its output: each non-empty line must
//     appear in the real output (stdout then stderr), in order; `…` in a line matches any text.
//     Lines the document leaves out are allowed (an excerpt), lines it shows must be real.
//   - The commands of one document run in order in a fresh home directory: HOME is a temporary
//     directory whose `~/.local/share/chezmoi` is the demo repository (fixtures/demo/make-repo.sh),
//     `chezmoi-sops` on PATH is bin/chezmoi-sops, and the current directory carries over between
//     commands (`cd` works). In the output, the temporary HOME is shown as `~`.
//   - A line starting with `chezmoi-sops ` before any `$ ` line of its block is a synopsis: not
//     run, but every `--option` in it must be one the command's `--help` lists.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CHECKOUT = process.cwd();
export const BIN = join(CHECKOUT, 'bin', 'chezmoi-sops');
export const DOCS = join(CHECKOUT, 'docs');
export const MAKE_REPO = join(CHECKOUT, 'fixtures', 'demo', 'make-repo.sh');

export interface DocCommand {
  doc: string;
  /** 1-based line of the `$ ` line in the document. */
  line: number;
  /** The shell text, here-document included, without the `$ ` prompt. */
  script: string;
  expectedExit: number;
  /** Set when the document marks the command `# not run: REASON`. */
  notRun: string | null;
  /** The output lines the document shows under the command. */
  output: string[];
}

export interface Synopsis {
  doc: string;
  line: number;
  text: string;
}

export interface ParsedDoc {
  commands: DocCommand[];
  synopses: Synopsis[];
}

const EXIT = /\s#\s*exit\s+(\d+)\s*$/;
const NOT_RUN = /\s#\s*not run:\s*(.+)$/;
const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/;

/** The commands and synopses of the ```sh blocks of one Markdown document. */
export function parseDoc(doc: string, text: string): ParsedDoc {
  const lines = text.split('\n');
  const commands: DocCommand[] = [];
  const synopses: Synopsis[] = [];
  let inSh = false;
  let current: DocCommand | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!inSh) {
      if (/^```sh\s*$/.test(line)) inSh = true;
      continue;
    }
    if (/^```\s*$/.test(line)) {
      inSh = false;
      current = null;
      continue;
    }
    if (line.startsWith('$ ')) {
      const start = i + 1;
      const first = line.slice(2);
      const exit = EXIT.exec(first);
      const notRun = NOT_RUN.exec(first);
      const parts = [first];
      // continuation lines and here-documents belong to the command
      while (parts[parts.length - 1]!.endsWith('\\') && i + 1 < lines.length) parts.push(lines[++i]!);
      const here = HEREDOC.exec(parts.join('\n'));
      if (here) {
        while (i + 1 < lines.length) {
          const next = lines[++i]!;
          parts.push(next);
          if (next === here[2]) break;
        }
      }
      current = {
        doc, line: start, script: parts.join('\n'),
        expectedExit: exit ? Number(exit[1]) : 0, notRun: notRun ? notRun[1]!.trim() : null, output: [],
      };
      commands.push(current);
      continue;
    }
    if (!current && line.startsWith('chezmoi-sops ')) {
      synopses.push({ doc, line: i + 1, text: line });
      continue;
    }
    if (current && line.trim() !== '') current.output.push(line.replace(/\s+$/, ''));
  }
  return { commands, synopses };
}

export function readDoc(name: string): ParsedDoc {
  return parseDoc(name, readFileSync(join(DOCS, name), 'utf8'));
}

/** Whether every line the document shows appears, in order, in the real output. Returns the first line that does not. */
export function missingOutputLine(shown: string[], actual: string): string | null {
  const real = actual.split('\n').map((l) => l.replace(/\s+$/, ''));
  let at = 0;
  for (const want of shown) {
    const re = new RegExp('^' + want.split('…').map(escapeRegExp).join('.*') + '$');
    while (at < real.length && !re.test(real[at]!)) at++;
    if (at === real.length) return want;
    at++;
  }
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface RunResult {
  status: number | null;
  output: string;
}

/** A fresh home directory with the demo repository at ~/.local/share/chezmoi and chezmoi-sops on PATH. */
export class DocHome {
  readonly home = mkdtempSync(join(tmpdir(), 'chezmoi-sops-docs-'));
  readonly repo = join(this.home, '.local', 'share', 'chezmoi');
  private cwd = this.home;
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    const binDir = join(this.home, '.local', 'bin');
    mkdirSync(binDir, { recursive: true });
    symlinkSync(BIN, join(binDir, 'chezmoi-sops'));
    mkdirSync(join(this.home, 'tmp'));
    writeFileSync(join(this.home, '.gitconfig'), '[user]\n\tname = Rain\n\temail = rain@example-personal.net\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n');
    // Nothing from the machine's environment that the tool or git would read: no sops keys, no XDG dirs.
    this.env = {
      HOME: this.home,
      // Node's own directory first (CI installs it outside /usr/bin); the documents describe a machine
      // with git, age and git-filter-repo but without chezmoi and sops.
      PATH: `${binDir}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
      TMPDIR: join(this.home, 'tmp'),
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      NO_COLOR: '1',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    execFileSync('bash', [MAKE_REPO, this.repo], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Run one document command as bash would, in the directory the previous command left. */
  run(script: string): RunResult {
    const pwdFile = join(this.home, 'tmp', '.doc-pwd');
    const wrapped = `cd -- "$1" || exit 99\n${script}\n__rc=$?\npwd > "$2"\nexit $__rc\n`;
    const r = spawnSync('bash', ['-c', wrapped, 'doc', this.cwd, pwdFile], { env: this.env, encoding: 'utf8', timeout: 60_000 });
    try {
      this.cwd = readFileSync(pwdFile, 'utf8').trim() || this.cwd;
    } catch {
      // the command ended the shell early (exit): keep the directory
    }
    const output = (r.stdout + r.stderr).split(this.home).join('~');
    return { status: r.status, output };
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** Every `--option` a command's help lists (`chezmoi-sops CMD --help`). */
export function helpOptions(command: string[]): Set<string> {
  const r = spawnSync(BIN, [...command, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return new Set((r.stdout + r.stderr).match(/--[a-z][a-z-]*/g) ?? []);
}

/** A short description of a command for test names and failure messages. */
export function label(c: DocCommand): string {
  const first = c.script.split('\n')[0]!;
  return `${c.doc}:${c.line} $ ${first.length > 90 ? first.slice(0, 89) + '…' : first}`;
}

export interface SessionResult {
  /** Every command that ran, with its real result. */
  ran: { command: DocCommand; result: RunResult }[];
  /** Human-readable problems: wrong exit code, output the document shows that the tool did not print. */
  problems: string[];
}

/**
 * Run a document's commands in order in `home`. `before(command)` is called before each command
 * runs (the walk test takes snapshots there). With CHEZMOI_SOPS_DOCS_DUMP=DIR the real outputs are
 * written to DIR/<doc>.out, to refresh a document after a deliberate change of the output.
 */
export function runSession(doc: ParsedDoc, home: DocHome, before?: (c: DocCommand) => void): SessionResult {
  const ran: SessionResult['ran'] = [];
  const problems: string[] = [];
  const dump: string[] = [];
  for (const command of doc.commands) {
    if (command.notRun) continue;
    before?.(command);
    const result = home.run(command.script);
    ran.push({ command, result });
    dump.push(`$ ${command.script}\n${result.output}[exit ${result.status}]\n`);
    if (result.status !== command.expectedExit) {
      problems.push(`${label(command)}: exit ${result.status}, the document says ${command.expectedExit}\n${result.output.slice(0, 3000)}`);
      continue;
    }
    const missing = missingOutputLine(command.output, result.output);
    if (missing !== null) problems.push(`${label(command)}: the document shows a line the tool did not print (in that order):\n  ${missing}\nreal output:\n${result.output.slice(0, 3000)}`);
  }
  const dumpDir = process.env.CHEZMOI_SOPS_DOCS_DUMP;
  if (dumpDir && doc.commands.length > 0) {
    mkdirSync(dumpDir, { recursive: true });
    writeFileSync(join(dumpDir, `${doc.commands[0]!.doc}.out`), dump.join('\n'));
  }
  return { ran, problems };
}
