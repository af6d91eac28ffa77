// rules/ is the only rule registry: every module there is in it, src/classify knows no rule by
// name, and a rule's fixture folder says what it finds. A detector handed to the scan works end to
// end (data variables and files) with no other change: the test-only detector in
// test/rules/acme-token.ts and fixtures/rules/acme-token/ are all it takes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRules } from '../../rules/index.js';
import { analyse } from '../../src/scan/analyse.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import { entryForRepoPath } from '../../src/source/index.js';
import { detectLiteralSecrets } from '../../src/classify/index.js';
import type { InputFile } from '../../src/scan/input.js';
import acme, { detector as acmeDetector, samples as acmeSamples } from './acme-token.js';

const ROOT = join(import.meta.dirname, '..', '..');

test('every module of rules/ is in the registry, and says what it judges', async () => {
  const modules = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  for (const f of modules) {
    const rule = (await import(pathToFileURL(join(ROOT, 'rules', f)).href)).default;
    expect(builtinRules).toContain(rule);
    expect(['data', 'files', 'both']).toContain(rule.judges);
  }
  expect(builtinRules).toHaveLength(modules.length);
});

test('src/classify imports nothing from rules/', () => {
  const dir = join(ROOT, 'src', 'classify');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    expect({ f, imports: /from '\.\.\/\.\.\/rules\//.test(readFileSync(join(dir, f), 'utf8')) }).toEqual({ f, imports: false });
  }
});

// fixtures/rules/<id>/: input files (a chezmoi source tree) and expected.json, what rule <id> says
// about them: the variables it makes secret, the findings it reports. The rule is the registry's,
// or, for a rule that exists only for the tests, test/rules/<id>.ts handed to the scan.
const FIXTURES = join(ROOT, 'fixtures', 'rules');
const cases = readdirSync(FIXTURES).sort();

test('the fixture folders include built-in rules and the test-only one', () => {
  expect(cases).toEqual(expect.arrayContaining(['acme-token', 'discord-token', 'known-pattern', 'name-keyword', 'secretlint', 'url-credentials']));
});

describe.each(cases)('fixtures/rules/%s', (id) => {
  const files: InputFile[] = readdirSync(join(FIXTURES, id, 'input')).map((name) => ({
    path: name,
    entry: entryForRepoPath(name, '').entry,
    text: readFileSync(join(FIXTURES, id, 'input', name), 'utf8'),
  }));
  const expected = JSON.parse(readFileSync(join(FIXTURES, id, 'expected.json'), 'utf8'));
  const extra = async () => (builtinRules.some((r) => r.id === id) ? [] : [(await import(`./${id}.js`)).default]);
  const said = (result: Awaited<ReturnType<typeof analyse>>) => ({
    variables: result.variables.filter((v) => v.reasons.some((r) => r.rule === id)).map((v) => ({ path: v.path, class: v.class })),
    // A rule's findings carry its id, or its id and what matched (`secretlint/slack`, `known-pattern/jwt`).
    findings: result.findings.filter((f) => f.rule === id || f.rule.startsWith(`${id}/`)).map((f) => ({ file: f.file, line: f.line, column: f.column })),
  });

  test('judges its data variables and finds its format in files', async () => {
    expect(said(await analyse({ root: '', files }, { config: cloneDefaultConfig(), rules: await extra() }))).toEqual(expected);
  });

  test('turned off in the config, it says nothing', async () => {
    const off = { ...cloneDefaultConfig(), rules: { [id]: false } };
    expect(said(await analyse({ root: '', files }, { config: off, rules: await extra() }))).toEqual({ variables: [], findings: [] });
  });
});

describe('a detector added from test-only files', () => {
  test('without it the scan does not know the format', async () => {
    const files: InputFile[] = readdirSync(join(FIXTURES, 'acme-token', 'input')).map((name) => ({
      path: name,
      entry: entryForRepoPath(name, '').entry,
      text: readFileSync(join(FIXTURES, 'acme-token', 'input', name), 'utf8'),
    }));
    const without = await analyse({ root: '', files }, { config: cloneDefaultConfig() });
    expect(without.findings.map((f) => f.rule)).not.toContain('acme-token');
    expect(without.variables.flatMap((v) => v.reasons.map((r) => r.rule))).not.toContain('acme-token');
    expect(acme.detector).toBe(acmeDetector);
  });

  test('its samples: every secret found, no harmless one', async () => {
    const config = cloneDefaultConfig();
    for (const text of acmeSamples.secret) {
      expect((await detectLiteralSecrets('dot_x.conf', text, { config, rules: [...builtinRules, acme] })).map((f) => f.rule)).toContain('acme-token');
    }
    for (const text of acmeSamples.harmless) expect(acmeDetector.find(text)).toEqual([]);
  });
});
