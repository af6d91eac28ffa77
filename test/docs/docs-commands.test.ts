// Every command shown in docs/*.md runs against a fresh demo repository with the exit code and the
// output the document shows (conventions: test/docs/doc-runner.ts, stated at the top of each
// document). migration-guide.md is walked by migration-walk.test.ts, with deeper checks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS, DocHome, helpOptions, missingOutputLine, parseDoc, readDoc, runSession } from './doc-runner.js';

const WALKED_ELSEWHERE = new Set(['migration-guide.md']);
const docs = readdirSync(DOCS).filter((n) => n.endsWith('.md')).sort();
const sessions = docs.filter((d) => !WALKED_ELSEWHERE.has(d) && readDoc(d).commands.some((c) => !c.notRun));

describe('the document conventions', () => {
  test('a command, its exit code, a here-document, a not-run mark and its output are read as documented', () => {
    const doc = parseDoc('x.md', [
      'text', '```sh', '$ chezmoi-sops scan # exit 1', 'Summary: 1 secret finding', '', '$ cat > f <<\'EOF\'', 'a: 1', 'EOF',
      '$ chezmoi apply --dry-run # not run: needs chezmoi', 'chezmoi-sops: output, not a synopsis', '```', '```yaml', '$ not a command', '```',
      '```sh', 'chezmoi-sops purge plan [DIR] [--bfg]', '```',
    ].join('\n'));
    expect(doc.commands.map((c) => [c.line, c.script, c.expectedExit, c.notRun, c.output])).toEqual([
      [3, 'chezmoi-sops scan # exit 1', 1, null, ['Summary: 1 secret finding']],
      [6, "cat > f <<'EOF'\na: 1\nEOF", 0, null, []],
      [9, 'chezmoi apply --dry-run # not run: needs chezmoi', 0, 'needs chezmoi', ['chezmoi-sops: output, not a synopsis']],
    ]);
    expect(doc.synopses.map((s) => s.text)).toEqual(['chezmoi-sops purge plan [DIR] [--bfg]']);
  });

  test('shown output must appear in order; … matches anything; a line the tool did not print is reported', () => {
    const real = 'head\nSecrets (3)\n  ✗ a = Xt****\nmiddle\nSummary: 3 secret findings\n';
    expect(missingOutputLine(['Secrets (3)', '  ✗ a = …', 'Summary: … findings'], real)).toBeNull();
    expect(missingOutputLine(['Summary: 3 secret findings', 'Secrets (3)'], real)).toBe('Secrets (3)');
    expect(missingOutputLine(['Secrets (4)'], real)).toBe('Secrets (4)');
  });
});

describe.each(sessions)('%s', (doc) => {
  test('every command exits as the document says and prints the output it shows', () => {
    const home = new DocHome();
    try {
      const parsed = readDoc(doc);
      const { ran, problems } = runSession(parsed, home);
      expect(problems).toEqual([]);
      expect(ran.length).toBe(parsed.commands.filter((c) => !c.notRun).length);
    } finally {
      home.cleanup();
    }
  }, 180_000); // dozens of commands, each a process: generous on a loaded machine
});

test('every synopsis line in the documents and the README names options its command has', () => {
  const unknown: string[] = [];
  const helpCache = new Map<string, Set<string>>();
  const parsed = [...docs.map((d) => readDoc(d)), parseDoc('README.md', readFileSync(join(DOCS, '..', 'README.md'), 'utf8'))];
  for (const doc of parsed) {
    for (const s of doc.synopses) {
      const words = s.text.split(/\s+/);
      const command = [words[1]!, ...(words[1] === 'purge' || words[1] === 'baseline' ? [words[2]!] : [])].filter((w) => /^[a-z-]+$/.test(w));
      const key = command.join(' ');
      if (!helpCache.has(key)) helpCache.set(key, helpOptions(command));
      const known = helpCache.get(key)!;
      for (const opt of s.text.match(/--[a-z][a-z-]*/g) ?? []) if (!known.has(opt)) unknown.push(`${s.doc}:${s.line}: ${key} ${opt}`);
    }
  }
  expect(unknown).toEqual([]);
});

test('the user guide runs every command and names every option of every command', () => {
  const guide = readFileSync(join(DOCS, 'user-guide.md'), 'utf8');
  const run = readDoc('user-guide.md').commands.filter((c) => !c.notRun).map((c) => c.script);
  const commands: string[][] = [['inspect'], ['scan'], ['history'], ['migrate'], ['purge', 'plan'], ['purge', 'run'], ['baseline', 'create'], ['install-hook']];
  const missing: string[] = [];
  for (const command of commands) {
    if (!run.some((s) => s.startsWith(`chezmoi-sops ${command.join(' ')}`))) missing.push(`no run of: chezmoi-sops ${command.join(' ')}`);
    for (const opt of helpOptions(command)) if (opt !== '--help' && !guide.includes(opt)) missing.push(`${command.join(' ')}: ${opt} is not in the guide`);
  }
  for (const opt of helpOptions([])) if (!guide.includes(opt)) missing.push(`common option ${opt} is not in the guide`);
  expect(missing).toEqual([]);
});

test('the not-run commands are few and say why', () => {
  const notRun = docs.flatMap((d) => readDoc(d).commands.filter((c) => c.notRun));
  for (const c of notRun) expect(c.notRun!.length).toBeGreaterThan(5);
  const all = docs.flatMap((d) => readDoc(d).commands);
  expect(notRun.length).toBeLessThan(all.length / 4);
});
