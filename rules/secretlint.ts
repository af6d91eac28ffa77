import type { Rule, TextScanner, Trigger, Verdict } from '../src/classify/types.js';
import { describeSecretlintHit, secretlintScan } from '../src/classify/secretlint.js';
import { mayTrigger } from '../src/classify/prefilter.js';

const literals = (...texts: string[]): Trigger[] => texts.map((text) => ({ text }));

/**
 * The adapter between secretlint's recommended preset and our prefilter: what every match of each
 * of the preset's rules contains, read from that rule's patterns (the preset exports no keywords).
 * test/rules/secretlint-triggers.test.ts fails when the installed preset is another version or
 * has other rules, and runs secretlint on samples of every rule (and their upper- and lower-case
 * forms) to check that the triggers say yes wherever secretlint finds something.
 */
export const PRESET_VERSION = '11.7.1';
export const PRESET_TRIGGERS: Readonly<Record<string, readonly Trigger[]>> = {
  // Only the secret access key after its name: the access key id scan is off in the preset (enableIDScanRule).
  '@secretlint/secretlint-rule-aws': [{ pattern: /secret_?access_?key/i }],
  // Never runs here: it looks only at files whose `ext` is .json or .p12, and secretlintScan gives
  // none (a service-account JSON's key is found by privatekey and known-pattern).
  '@secretlint/secretlint-rule-gcp': [],
  '@secretlint/secretlint-rule-privatekey': [{ text: 'PRIVATE KEY' }],
  // _authToken= in .npmrc, x-oauth-basic in package.json, and npm_ tokens anywhere.
  '@secretlint/secretlint-rule-npm': literals('_authToken=', 'x-oauth-basic', 'npm_'),
  // scheme://user:password@host
  '@secretlint/secretlint-rule-basicauth': [{ pattern: /:\/\/[^\s/@:]{1,256}:[^\s/@]{1,256}@/ }],
  // The webhook pattern ignores case; the token prefixes do not.
  '@secretlint/secretlint-rule-slack': [...literals('xoxb-', 'xoxp-', 'xapp-', 'xoxa-', 'xoxo-', 'xoxr-'), { text: 'hooks.slack.com', ignoreCase: true }],
  '@secretlint/secretlint-rule-sendgrid': [{ text: 'SG.' }],
  '@secretlint/secretlint-rule-shopify': literals('shppa_', 'shpca_', 'shpat_', 'shpss_'),
  '@secretlint/secretlint-rule-github': literals('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'),
  '@secretlint/secretlint-rule-openai': [{ text: 'T3BlbkFJ' }],
  '@secretlint/secretlint-rule-anthropic': [{ text: 'sk-ant-' }],
  '@secretlint/secretlint-rule-linear': [{ text: 'lin_api_' }],
  '@secretlint/secretlint-rule-1password': [{ text: 'ops_ey' }],
  // Connection strings; their patterns ignore case.
  '@secretlint/secretlint-rule-database-connection-string': ['mongodb', 'mysql', 'postgres'].map((text) => ({ text, ignoreCase: true })),
  // Not a scanner: it drops matches on lines marked secretlint-disable.
  '@secretlint/secretlint-rule-filter-comments': [],
};

const scanner: TextScanner = {
  triggers: Object.values(PRESET_TRIGGERS).flat(),
  async scan(text, file) {
    return (await secretlintScan(text, file)).map((hit) => ({ rule: `secretlint/${hit.rule}`, message: describeSecretlintHit(hit), start: hit.start, end: hit.end }));
  },
};

/**
 * secretlint's recommended preset (AWS, GitHub, Slack, private keys, basic auth, …) over the value,
 * and, as the rule's scanner, over every file. The value is linted as `name = value` so that
 * context-needing rules (AWS secret access key) see their keyword; only matches inside the value count.
 */
const secretlint: Rule = {
  id: 'secretlint',
  judges: 'data',
  description: "secretlint's recommended preset (provider token formats)",
  scanner,
  // Its private key rule matches the whole block; basic auth and connection strings are URLs.
  matches: { formats: ['secretlint/'], lines: ['secretlint/privatekey'], urls: ['secretlint/basicauth', 'secretlint/database-connection-string'] },
  async evaluate(ctx) {
    if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
    const value = ctx.valueString;
    const prefix = `${ctx.name.replace(/[\r\n]/g, '')} = `;
    if (!mayTrigger(scanner, prefix + value)) return null;
    const hits = await secretlintScan(prefix + value);
    const verdicts: Verdict[] = [];
    for (const hit of hits) {
      if (hit.end <= prefix.length) continue;
      verdicts.push({ class: 'secret', confidence: 0.99, reason: describeSecretlintHit(hit) });
    }
    return verdicts;
  },
};

export default secretlint;
