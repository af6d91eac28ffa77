// Cheap tests that decide whether the expensive detectors (secretlint, per-line assignment parsing)
// need to look at a text at all. They may say yes too often, never no too often.

// Every trigger of secretlint's recommended preset: provider prefixes (case matters), the keywords
// of its context rules, and the `scheme://user:pass@` shapes of basic-auth and connection strings.
const PROVIDER_PREFIX = /A3T[A-Z0-9]|A(?:KIA|GPA|IDA|ROA|IPA|NPA|NVA|SIA)[A-Z0-9]{16}|gh[pousr]_|github_pat_|xox[a-z]-|hooks\.slack\.com|SG\.[\w-]{16}|shp(?:at|ss|ca|pa)_|PRIVATE KEY|sk-|npm_|lin_api_|ops_ey|:\/\/[^\s/@]{1,256}@/;
const PROVIDER_KEYWORD = /secret|_?auth_?token|private_key|service_account|client_email/i;

/** Might secretlint's preset find something in this text? */
export function mayHoldProviderSecret(text: string): boolean {
  return PROVIDER_PREFIX.test(text) || PROVIDER_KEYWORD.test(text);
}
