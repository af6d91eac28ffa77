// Cheap tests that decide whether the expensive detectors (secretlint, per-line assignment parsing)
// need to look at a text at all. They may say yes too often, never no too often.

// Every trigger of secretlint's recommended preset: provider prefixes (case matters), the keywords
// of its context rules, and the `scheme://user:pass@` shapes of basic-auth and connection strings.
// The substrings are tested first, in one pass of one regex of their alternation (a third of the
// time of one includes() per substring over a whole tree); the few other regexes only where a
// literal cannot do. Each substring names the fixed part of one of the preset's patterns.
const PROVIDER_SUBSTRINGS = [
  'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'x-oauth-basic', // github
  'xoxb-', 'xoxp-', 'xapp-', 'xoxa-', 'xoxo-', 'xoxr-', 'hooks.slack.com', // slack
  'SG.', 'shppa_', 'shpca_', 'shpat_', 'shpss_', 'PRIVATE KEY', 'T3BlbkFJ', 'sk-ant-', 'npm_', '_authToken', 'lin_api_', 'ops_ey',
  'service_account', 'mongodb', 'mysql', 'postgres',
];
const ANY_PROVIDER_SUBSTRING = new RegExp(PROVIDER_SUBSTRINGS.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
const AWS_PREFIX = /A(?:3T[A-Z0-9]|KIA|GPA|IDA|ROA|IPA|NPA|NVA|SIA)[A-Z0-9]{16}/;
const CREDENTIAL_URL = /:\/\/[^\s/@:]{1,256}:[^\s/@]{1,256}@/;
const AWS_SECRET_WORD = /secret_?access_?key/i;

/** Might secretlint's preset find something in this text? */
export function mayHoldProviderSecret(text: string): boolean {
  if (ANY_PROVIDER_SUBSTRING.test(text)) return true;
  if (text.includes('@') && text.includes('://') && CREDENTIAL_URL.test(text)) return true;
  return AWS_SECRET_WORD.test(text) || AWS_PREFIX.test(text);
}
