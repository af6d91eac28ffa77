// User rules in .chezmoi-sops/rules/: TS rules type-checked against our Rule type before anything runs.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { builtinRules } from '../../rules/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { classifyVariables, makeRuleContext } from '../../src/classify/index.js';

let dir: string;
let rulesDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chezmoi-sops-rules-'));
  rulesDir = join(dir, '.chezmoi-sops', 'rules');
  await mkdir(rulesDir, { recursive: true });
  process.env.CHEZMOI_SOPS_CACHE_DIR = join(dir, 'cache');
});
afterEach(async () => {
  delete process.env.CHEZMOI_SOPS_CACHE_DIR;
  await rm(dir, { recursive: true, force: true });
});

const TS_RULE = `import type { Rule } from 'chezmoi-sops/rule';

// Our wifi passphrases are stored under wifi.<ssid>.
const wifi: Rule = {
  id: 'wifi-psk',
  description: 'wifi passphrases',
  evaluate(ctx) {
    if (ctx.path[0] !== 'wifi') return null;
    return { class: 'secret', confidence: 0.9, reason: 'wifi passphrase (house rule)' };
  },
};
export default wifi;
`;

const JS_RULE = `export default {
  id: 'hostnames-config',
  description: 'our host names are not secret',
  evaluate: (ctx) => (ctx.name === 'hostname' ? { class: 'config', confidence: 1, reason: 'host names are public' } : null),
};
`;

test('TS and JS rules load, type-check and take part in classification', async () => {
  await writeFile(join(rulesDir, 'wifi.ts'), TS_RULE);
  await writeFile(join(rulesDir, 'hosts.js'), JS_RULE);
  const { config, userRules, errors } = await loadConfig(dir);
  expect(errors).toEqual([]);
  expect(userRules.map((r) => r.id)).toEqual(['hostnames-config', 'wifi-psk']);
  const out = await classifyVariables([makeRuleContext(['wifi', 'home'], 'my cat is called sam', config)], { config, rules: [...builtinRules, ...userRules] });
  expect(out[0]).toMatchObject({ class: 'secret' });
  expect(out[0]!.reasons[0]).toEqual({ rule: 'wifi-psk', message: 'wifi passphrase (house rule)' });
  // A rule switched off in the config does not run.
  const off = { ...config, rules: { 'wifi-psk': false } };
  const out2 = await classifyVariables([makeRuleContext(['wifi', 'home'], 'my cat is called sam', off)], { config: off, rules: [...builtinRules, ...userRules] });
  expect(out2[0]!.class).not.toBe('secret');
  // The clean type check was remembered (a second load does not start TypeScript again).
  const { readdir } = await import('node:fs/promises');
  expect(await readdir(join(dir, 'cache', 'rules-typechecked'))).toHaveLength(1);
  expect((await loadConfig(dir)).userRules).toHaveLength(2);
});

test('a type error is reported with its file and line, and no rule runs', async () => {
  await writeFile(join(rulesDir, 'ok.js'), JS_RULE);
  await writeFile(
    join(rulesDir, 'bad.ts'),
    `import type { Rule } from 'chezmoi-sops/rule';\n\nconst r: Rule = {\n  id: 'bad',\n  description: 'x',\n  evaluate(ctx) {\n    return { class: 'secrett', confidence: 'high', reason: ctx.nam };\n  },\n};\nexport default r;\n`,
  );
  const { userRules, errors } = await loadConfig(dir);
  expect(userRules).toEqual([]);
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.file).toBe('.chezmoi-sops/rules/bad.ts');
    expect([6, 7]).toContain(e.line); // the evaluate() signature or the returned object
  }
  expect(errors.map((e) => e.message).join('\n')).toMatch(/TS\d+: .*(secrett|nam)/);
});

test('a default export that is not a Rule is reported at the export', async () => {
  await writeFile(join(rulesDir, 'shape.ts'), `const notARule = { id: 'x' };\n\nexport default notARule;\n`);
  const { userRules, errors } = await loadConfig(dir);
  expect(userRules).toEqual([]);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ file: '.chezmoi-sops/rules/shape.ts', line: 3 });
  expect(errors[0]!.message).toMatch(/^the default export is not a Rule: /);
});

test('a JS module without a rule, a throwing module and a duplicate id are reported', async () => {
  await writeFile(join(rulesDir, 'a.js'), JS_RULE);
  await writeFile(join(rulesDir, 'b.mjs'), JS_RULE);
  await writeFile(join(rulesDir, 'c.js'), 'export const nothing = 1;\n');
  await writeFile(join(rulesDir, 'd.js'), "throw new Error('boom');\nexport default {};\n");
  await writeFile(join(rulesDir, 'e.js'), "export default { id: 'entropy', description: 'x', evaluate: () => null };\n");
  const { userRules, errors } = await loadConfig(dir);
  expect(userRules.map((r) => r.id)).toEqual(['hostnames-config']);
  expect(errors).toEqual([
    { file: '.chezmoi-sops/rules/b.mjs', message: "rule id 'hostnames-config' is already used by another user rule" },
    { file: '.chezmoi-sops/rules/c.js', message: 'the module must default-export a rule object { id, description, evaluate }' },
    { file: '.chezmoi-sops/rules/d.js', message: 'cannot load rule: boom' },
    { file: '.chezmoi-sops/rules/e.js', message: "rule id 'entropy' is already used by a built-in rule" },
  ]);
});

test('every id of the rule registry is taken: a user rule may not reuse one (the list is the registry, not a copy)', async () => {
  const ids = [...builtinRules.map((r) => r.id), 'override'];
  for (const [i, id] of ids.entries()) await writeFile(join(rulesDir, `r${String(i).padStart(2, '0')}.js`), `export default { id: '${id}', description: 'x', evaluate: () => null };\n`);
  const { userRules, errors } = await loadConfig(dir);
  expect(userRules).toEqual([]);
  expect(errors.map((e) => e.message)).toEqual(ids.map((id) => `rule id '${id}' is already used by a built-in rule`));
});

test('a user rule that throws makes the variable a review item, and the error never quotes the value', async () => {
  await writeFile(join(rulesDir, 'throws.js'), "export default { id: 'thrower', description: 'x', evaluate: (ctx) => { throw new Error('bad value ' + ctx.valueString); } };\n");
  const { config, userRules } = await loadConfig(dir);
  const errors: string[] = [];
  const out = await classifyVariables([makeRuleContext(['desktop'], 'hyprland-session', config)], { config, rules: [...builtinRules, ...userRules], onError: (e) => errors.push(e.message) });
  expect(out[0]!.class).toBe('review');
  expect(errors).toHaveLength(1);
  expect(errors[0]).not.toContain('hyprland-session');
});
