// The prefilter in front of secretlint is built from the secretlint rule's triggers
// (PRESET_TRIGGERS in rules/secretlint.ts), an adapter written from the preset's patterns. These
// tests fail when the two drift: another preset version or other rules in it, or a sample the
// preset finds (in any case) that the triggers would have kept from it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import secretlintRule, { PRESET_TRIGGERS, PRESET_VERSION } from '../../rules/secretlint.js';
import { mayTrigger } from '../../src/classify/prefilter.js';
import { secretlintScan } from '../../src/classify/secretlint.js';
import { detectLiteralSecrets } from '../../src/classify/index.js';
import { builtinRules } from '../../rules/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import { fakeString } from '../classify/helpers/fake.js';

const PRESET = '@secretlint/secretlint-rule-preset-recommend';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const scanner = secretlintRule.scanner!;

function presetPackageJson(): { version: string } {
  const require = createRequire(import.meta.url);
  // The package exports its package.json.
  return JSON.parse(readFileSync(require.resolve(`${PRESET}/package.json`), 'utf8')) as { version: string };
}

test('the triggers were written for the installed preset: same version, one entry per rule', async () => {
  const installed = presetPackageJson().version;
  // A new preset can change a rule's pattern: read its rules, update PRESET_TRIGGERS, then PRESET_VERSION.
  expect({ installed, adapter: PRESET_VERSION }).toEqual({ installed: PRESET_VERSION, adapter: PRESET_VERSION });
  const { creator } = (await import(PRESET)) as { creator: { rules: Array<{ meta: { id: string } }> } };
  expect(Object.keys(PRESET_TRIGGERS).sort()).toEqual(creator.rules.map((r) => r.meta.id).sort());
});

// Samples of every scanning rule of the preset, made up (seeded), in the shape its pattern wants;
// `file:` where the rule looks at the file name (npm's .npmrc and package.json checks, gcp's .json).
const pem = (label: string) => `-----BEGIN ${label}PRIVATE KEY-----\nMII${fakeString(31, ALNUM + '+/', 64)}\n${fakeString(32, ALNUM + '+/', 64)}\n-----END ${label}PRIVATE KEY-----`;
function onePasswordToken(): string {
  // ops_ + base64 of a JSON object (it starts `ey`, ends `fQ`).
  for (let pad = 0; ; pad++) {
    const b64 = Buffer.from(JSON.stringify({ email: 'x@example.invalid', secretKey: fakeString(40, ALNUM, 60 + pad) })).toString('base64');
    if (b64.endsWith('fQ==') || b64.endsWith('fQ')) return `ops_${b64}`;
  }
}
const SAMPLES: Record<string, Array<string | { file: string; text: string }>> = {
  '@secretlint/secretlint-rule-aws': [`aws_secret_access_key = ${fakeString(21, ALNUM + '/+', 40)}`],
  // gcp has no triggers (it never runs without an `ext`): its sample must be found by privatekey alone.
  '@secretlint/secretlint-rule-gcp': [{ file: 'dot_config/gcloud/key.json', text: JSON.stringify({ type: 'service_account', private_key_id: fakeString(22, HEX, 40), private_key: pem('') }) }],
  '@secretlint/secretlint-rule-privatekey': [pem('RSA '), pem('OPENSSH ')],
  '@secretlint/secretlint-rule-npm': [
    { file: 'dot_config/npm/.npmrc', text: `//registry.npmjs.org/:_authToken=${fakeString(23, HEX, 36)}` },
    { file: 'package.json', text: `{"repository": "https://${fakeString(39, HEX, 40)}:x-oauth-basic@github.com/o/r.git"}` },
    `token = npm_${fakeString(24, ALNUM, 36)}`,
  ],
  '@secretlint/secretlint-rule-basicauth': [`url = https://deploy:${fakeString(25, ALNUM, 16)}@git.example.com/x.git`],
  '@secretlint/secretlint-rule-slack': [
    `token = xoxb-${fakeString(26, '0123456789', 12)}-${fakeString(27, '0123456789', 13)}-${fakeString(28, ALNUM, 24)}`,
    `hook = https://hooks.slack.com/services/T${fakeString(29, 'ABCDEFGHIJ0123456789', 10)}/B${fakeString(30, 'ABCDEFGHIJ0123456789', 10)}/${fakeString(33, ALNUM, 24)}`,
  ],
  '@secretlint/secretlint-rule-sendgrid': [`key = SG.${fakeString(34, ALNUM, 22)}.${fakeString(35, ALNUM, 43)}`],
  '@secretlint/secretlint-rule-shopify': [`token = shpat_${fakeString(36, HEX, 32)}`],
  '@secretlint/secretlint-rule-github': [`token = ghp_${fakeString(37, ALNUM, 36)}`, `token = github_pat_${fakeString(38, ALNUM, 82)}`],
  '@secretlint/secretlint-rule-openai': [`key = sk-${fakeString(41, ALNUM, 20)}T3BlbkFJ${fakeString(42, ALNUM, 20)}`],
  '@secretlint/secretlint-rule-anthropic': [`key = sk-ant-api03-${fakeString(43, ALNUM, 93)}AA`],
  '@secretlint/secretlint-rule-linear': [`key = lin_api_${fakeString(44, ALNUM, 40)}`],
  '@secretlint/secretlint-rule-1password': [`token = ${onePasswordToken()}`],
  '@secretlint/secretlint-rule-database-connection-string': [
    `db = mongodb://app:${fakeString(45, ALNUM, 16)}@db.example.com/app`,
    `db = mysql://app:${fakeString(46, ALNUM, 16)}@db.example.com/app`,
    `db = postgresql://app:${fakeString(47, ALNUM, 16)}@db.example.com/app`,
  ],
  '@secretlint/secretlint-rule-filter-comments': [],
};

const short = (id: string) => id.replace(/^@secretlint\/secretlint-rule-/, '');

const triggered = Object.keys(PRESET_TRIGGERS).filter((id) => PRESET_TRIGGERS[id].length > 0).map(short);

test.each(Object.keys(PRESET_TRIGGERS))('%s: its samples are found (by it, when it has triggers), and the triggers say yes to them in any case', async (id) => {
  expect(Object.keys(SAMPLES)).toContain(id);
  if (PRESET_TRIGGERS[id].length > 0) expect(SAMPLES[id].length).toBeGreaterThan(0);
  for (const s of SAMPLES[id]) {
    const { file, text: sample } = typeof s === 'string' ? { file: undefined, text: s } : s;
    const found = (await secretlintScan(sample, file)).map((h) => h.rule);
    expect({ sample, found }).toEqual({ sample, found: PRESET_TRIGGERS[id].length > 0 ? expect.arrayContaining([short(id)]) : expect.any(Array) });
    for (const variant of [sample, sample.toUpperCase(), sample.toLowerCase()]) {
      const hits = (await secretlintScan(variant, file)).map((h) => h.rule);
      // A rule without triggers never reports; wherever the preset finds something, the prefilter lets the text through.
      for (const rule of hits) expect({ variant, rule, hasTriggers: triggered.includes(rule) }).toEqual({ variant, rule, hasTriggers: true });
      if (hits.length > 0) expect({ variant, passes: mayTrigger(scanner, variant) }).toEqual({ variant, passes: true });
    }
  }
});

test('an upper-case Slack webhook URL is found in a file (the preset ignores case there; the hand-copied prefilter did not)', async () => {
  const url = `HTTPS://HOOKS.SLACK.COM/SERVICES/T${fakeString(29, 'ABCDEFGHIJ0123456789', 10)}/B${fakeString(30, 'ABCDEFGHIJ0123456789', 10)}/${fakeString(33, ALNUM, 24).toUpperCase()}`;
  const findings = await detectLiteralSecrets('dot_config/notify.conf', `# where alerts go\n${url}\n`, { rules: builtinRules, config: cloneDefaultConfig() });
  expect(findings.map((f) => [f.rule, f.line])).toEqual([['secretlint/slack', 2]]);
});

test('a text without any trigger is not handed to secretlint', () => {
  expect(mayTrigger(scanner, 'editor = "nvim"\nname = Jane Doe\nurl = https://example.com/path\n')).toBe(false);
  // The whole registry holds one scanner: the prefilter is built from nothing else.
  expect(builtinRules.filter((r) => r.scanner).map((r) => r.id)).toEqual(['secretlint']);
});
