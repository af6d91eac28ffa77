// rules/ is the only rule registry: every module there is in it, src/classify knows no rule by
// name, and a detector handed to the scan works end to end (data variables and files) with no
// other change: the test-only detector in test/rules/acme-token.ts and its fixture folder
// (fixtures/rules/acme-token: input files → expected.json) are all it takes.
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

describe('a detector added from test-only files', () => {
  const fixture = join(ROOT, 'fixtures', 'rules', 'acme-token');
  const files: InputFile[] = readdirSync(join(fixture, 'input')).map((name) => ({
    path: name,
    entry: entryForRepoPath(name, '').entry,
    text: readFileSync(join(fixture, 'input', name), 'utf8'),
  }));
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8'));

  test('judges data variables and is found in files', async () => {
    const result = await analyse({ root: '', files }, { config: cloneDefaultConfig(), rules: [acme] });
    const variable = result.variables.find((v) => v.path.join('.') === 'deploy.acme')!;
    expect(variable.reasons.map((r) => r.rule)).toContain('acme-token');
    expect(result.variables.filter((v) => v.reasons.some((r) => r.rule === 'acme-token')).map((v) => ({ path: v.path, class: v.class }))).toEqual(expected.variables);
    const findings = result.findings.map((f) => ({ rule: f.rule, file: f.file, line: f.line, column: f.column })).sort((a, b) => (a.rule < b.rule ? -1 : 1));
    expect(findings).toEqual(expected.findings);
  });

  test('without it the scan finds neither; turned off in the config it finds neither', async () => {
    const without = await analyse({ root: '', files }, { config: cloneDefaultConfig() });
    expect(without.findings.map((f) => f.rule)).not.toContain('acme-token');
    const off = { ...cloneDefaultConfig(), rules: { 'acme-token': false } };
    const disabled = await analyse({ root: '', files }, { config: off, rules: [acme] });
    expect(disabled.findings.map((f) => f.rule)).not.toContain('acme-token');
  });

  test('its samples: every secret found, no harmless one', async () => {
    const config = cloneDefaultConfig();
    for (const text of acmeSamples.secret) {
      expect((await detectLiteralSecrets('dot_x.conf', text, { config, rules: [...builtinRules, acme] })).map((f) => f.rule)).toContain('acme-token');
    }
    for (const text of acmeSamples.harmless) expect(acmeDetector.find(text)).toEqual([]);
  });
});
