// Items to review (issue 16): with --include-review they move and are purged; without it, on a
// terminal, the user is asked per item. A real pseudo-terminal (util-linux `script`), the CLI, the
// demo repository built by its own script.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../tools.js';

const bin = join(process.cwd(), 'bin', 'chezmoi-sops');
let work: string;
let repo: string;

/** Runs the CLI on a pseudo-terminal, answers typed on its stdin; returns what the terminal showed. */
function onTerminal(args: string[], answers: string): { status: number | null; shown: string } {
  const command = [bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: repo, input: answers, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, shown: r.stdout };
}

beforeAll(() => requireTool('script'));
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'cs-review-ask-'));
  repo = join(work, 'dotfiles');
  execFileSync('bash', [join(process.cwd(), 'fixtures/demo/make-repo.sh'), repo], { stdio: 'ignore' });
  mkdirSync(join(work, 'nixos'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const migrateArgs = () => ['migrate', '.', '--sops-file', join(work, 'nixos/secrets.yaml'), '--format', 'json'];
/** The JSON report among what the terminal showed (questions and notes around it). */
function jsonOf<T>(shown: string): T {
  const text = shown.replace(/\r\n/g, '\n');
  const start = text.search(/^\{$/m);
  const end = text.indexOf('\n}\n', start);
  return JSON.parse(text.slice(start, end + 2)) as T;
}
const movedNames = (shown: string): string[] => jsonOf<{ moved: Array<{ secretName: string }> }>(shown).moved.map((m) => m.secretName);

describe('migrate on a terminal without --include-review', () => {
  it('asks per item to review, redacted; yes moves it', () => {
    const r = onTerminal(migrateArgs(), 'y\n');
    expect(r.shown).toMatch(/Move email_personal = rain\*{4} \(personal e-mail address\)\? \[y\/N\]/);
    expect(r.shown).not.toContain('rain@example-personal.net');
    expect(movedNames(r.shown)).toContain('email_personal');
  });

  it('no (or just Enter) leaves it', () => {
    for (const answer of ['n\n', '\n']) expect(movedNames(onTerminal(migrateArgs(), answer).shown)).not.toContain('email_personal');
  });

  it('never asks without a terminal or with --include-review', () => {
    const piped = spawnSync(bin, migrateArgs(), { cwd: repo, input: 'y\n', encoding: 'utf8' });
    expect(piped.stderr).not.toMatch(/\[y\/N\]/);
    expect(movedNames(piped.stdout)).not.toContain('email_personal');
    const all = onTerminal([...migrateArgs(), '--include-review'], '');
    expect(all.shown).not.toMatch(/\[y\/N\]/);
    expect(movedNames(all.shown)).toContain('email_personal');
  });
});

describe('purge plan on a terminal without --include-review', () => {
  it('asks per value to review; yes puts it in the plan', () => {
    const plan = (answer: string) => onTerminal(['purge', 'plan', '.', '--format', 'json'], answer);
    const yes = plan('y\n');
    expect(yes.shown).toMatch(/Purge email_personal = rain\*{4} .*\? \[y\/N\]/);
    const rules = (shown: string) => jsonOf<{ plan: { secrets: Array<{ rule: string }> } }>(shown).plan.secrets.map((s) => s.rule);
    expect(rules(yes.shown)).toContain('variable/review');
    expect(rules(plan('n\n').shown)).not.toContain('variable/review');
  });
});
