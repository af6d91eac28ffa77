// The forms a dotfiles repo writes credentials in, and their look-alikes: one fixture each in
// test/classify/forms/ (see its README). Every fixture is scanned as a chezmoi source tree; the
// findings must be exactly the expected ones, and the listed variables in the expected class.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanSource } from '../../src/scan/index.js';
import { exitCodeFor } from '../../src/report/exit-code.js';
import { runCli } from '../scan/helpers.js';

const FORMS = join(process.cwd(), 'test', 'classify', 'forms');

interface Expect {
  about: string;
  findings: Array<{ file: string; line: number; value?: string; contains?: string[] }>;
  variables?: Record<string, string>;
  reasonIncludes?: Record<string, string>;
  exit?: number;
}

const cases = readdirSync(FORMS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ name: d.name, dir: join(FORMS, d.name, 'src'), expect: JSON.parse(readFileSync(join(FORMS, d.name, 'expect.json'), 'utf8')) as Expect }));

test('the set covers secrets and look-alikes', () => {
  expect(cases.filter((c) => c.expect.findings.length > 0).length).toBeGreaterThanOrEqual(20);
  expect(cases.filter((c) => c.name.startsWith('la-')).length).toBeGreaterThanOrEqual(15);
});

describe.each(cases)('$name', ({ dir, expect: want }) => {
  test(want.about, async () => {
    const result = await scanSource(dir);
    expect(result.errors).toEqual([]);
    const got = result.findings.map((f) => ({ file: f.file, line: f.line, value: f.value }));
    const matched = new Set<number>();
    const missing: string[] = [];
    for (const w of want.findings) {
      const i = got.findIndex((g, j) => !matched.has(j) && g.file === w.file && g.line === w.line &&
        (w.value !== undefined ? g.value === w.value : (w.contains ?? []).every((s) => g.value.includes(s))));
      if (i < 0) missing.push(`${w.file}:${w.line}`);
      else matched.add(i);
    }
    const extra = got.filter((_, j) => !matched.has(j)).map((g) => `${g.file}:${g.line} ${result.findings.find((f) => f.file === g.file && f.line === g.line)?.rule}`);
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    const cls = Object.fromEntries(result.variables.map((v) => [v.path.join('.'), v.class]));
    for (const [path, c] of Object.entries(want.variables ?? {})) expect(`${path}: ${cls[path]}`).toBe(`${path}: ${c}`);
    for (const [path, text] of Object.entries(want.reasonIncludes ?? {})) {
      const v = result.variables.find((x) => x.path.join('.') === path)!;
      expect(v.reasons.map((r) => r.message).join('; ')).toContain(text);
    }
    expect(exitCodeFor(result)).toBe(want.exit ?? (want.findings.length > 0 ? 1 : 0));
  });
});

describe('through the CLI', () => {
  test('a real api_token next to an unrelated include of /run/secrets fails the run and is redacted', () => {
    const r = runCli(['scan', join(FORMS, 'unrelated-include', 'src'), '--format', 'json']);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('Zq8vLm2pRt5wXy7bNc4d');
    const report = JSON.parse(r.stdout);
    expect(report.variables.find((v: { path: string[] }) => v.path.join('.') === 'api_token')).toMatchObject({ class: 'secret', value: 'Zq8v****' });
  });

  test('strictReview: true fails the run on a review item, and the seed case prints no value in clear', () => {
    const strict = runCli(['scan', join(FORMS, 'strict-review', 'src'), '--format', 'json']);
    expect(strict.status).toBe(1);
    const seed = runCli(['scan', join(FORMS, 'seed-case', 'src'), '--format', 'json']);
    expect(seed.status).toBe(1);
    expect(seed.stdout).not.toContain('lIxLSUIgJm');
  });
});
