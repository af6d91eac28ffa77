// The user's own audit, exactly: acoustid_api is a secret, email_personal needs review (or is a
// secret when configured so), desktop and name are config.
import { classifyVariables, makeRuleContext } from '../../src/classify/index.js';
import { builtinRules } from '../../rules/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import type { VariableUse } from '../../src/classify/types.js';

const data: Record<string, string> = {
  acoustid_api: 'Xt8kPq2mZr',
  email_personal: 'rain@example-personal.net',
  desktop: 'hyprland',
  name: 'Rain',
};

function use(file: string, line: number, lineText: string, column: number, extra: Partial<VariableUse> = {}): VariableUse {
  return { file, line, column, lineText, flowsInto: [], filePrivate: false, targetPath: null, ...extra };
}

const uses: Record<string, VariableUse[]> = {
  acoustid_api: [use('dot_config/beets/config.yaml.tmpl', 3, '  apikey: {{ .acoustid_api }}', 14)],
  email_personal: [use('dot_gitconfig.tmpl', 3, '    email = {{ .email_personal }}', 16)],
  desktop: [use('dot_profile.tmpl', 1, '{{ if eq .desktop "hyprland" }}', 9)],
  name: [use('dot_gitconfig.tmpl', 2, '    name = {{ .name }}', 15)],
};

async function classify(overrides: Record<string, 'secret'> = {}) {
  const config = cloneDefaultConfig();
  Object.assign(config.overrides, overrides);
  const ctxs = Object.entries(data).map(([k, v]) =>
    makeRuleContext([k], v, config, { definedIn: [{ file: '.chezmoidata.yaml', line: 1, column: 1 }], uses: uses[k] }),
  );
  const out = await classifyVariables(ctxs, { rules: builtinRules, config });
  return Object.fromEntries(out.map((v) => [v.path.join('.'), v]));
}

test('reference case classes', async () => {
  const r = await classify();
  expect(r.acoustid_api!.class).toBe('secret');
  expect(r.email_personal!.class).toBe('review');
  expect(r.desktop!.class).toBe('config');
  expect(r.name!.class).toBe('config');
});

test('an override turns the personal e-mail into a secret and says so first', async () => {
  const r = await classify({ email_personal: 'secret' });
  expect(r.email_personal!.class).toBe('secret');
  expect(r.email_personal!.reasons[0]!.rule).toBe('override');
  expect(r.acoustid_api!.class).toBe('secret');
});

test('reasons name the rules that fired and never contain the value', async () => {
  const r = await classify();
  const rules = r.acoustid_api!.reasons.map((x) => x.rule);
  expect(rules).toEqual(expect.arrayContaining(['name-keyword', 'context']));
  for (const v of Object.values(r)) for (const reason of v.reasons) expect(reason.message).not.toContain(v.value);
  expect(r.email_personal!.reasons.map((x) => x.rule)).toContain('personal-data');
});
