// secretlint's recommended preset, run in-process through @secretlint/core. Loaded lazily (the
// pre-commit hook should not pay for it when no file needs it) and configured once.
import type { SecretLintSourceOptions } from '@secretlint/core';

type SecretLintCoreConfig = SecretLintSourceOptions['options']['config'];

export interface SecretlintHit {
  /** Short rule name: `@secretlint/secretlint-rule-aws` -> `aws`. */
  rule: string;
  messageId: string;
  /** JS string index range of the secret in the linted text. */
  start: number;
  end: number;
}

type LintSource = typeof import('@secretlint/core').lintSource;
interface ProfilerLike { mark?: (marker: unknown) => void }
let engine: Promise<{ lintSource: LintSource; config: SecretLintCoreConfig }> | null = null;

function loadEngine() {
  engine ??= (async () => {
    const [{ lintSource }, { creator }, profiler] = await Promise.all([
      import('@secretlint/core'),
      import('@secretlint/secretlint-rule-preset-recommend'),
      import('@secretlint/profiler').catch(() => null) as Promise<{ secretLintProfiler?: ProfilerLike } | null>,
    ]);
    // @secretlint/core always profiles: every lint adds global performance marks and measures
    // that it keeps in lists searched linearly, so thousands of files (or history blobs) go
    // quadratic and memory grows without bound. We never read the profile: its marks become no-ops.
    const p = profiler?.secretLintProfiler;
    if (p && typeof p.mark === 'function') p.mark = () => {};
    const config: SecretLintCoreConfig = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
    return { lintSource, config };
  })();
  return engine;
}

/** secretlint messages that are not secrets: an AWS account id is an identifier. */
const NOT_SECRET_MESSAGES = new Set(['AWSAccountID']);

let counter = 0;

/** Run the preset over `content`. The messages secretlint writes quote the secret: we keep only ids and ranges. */
export async function secretlintScan(content: string, filePath?: string): Promise<SecretlintHit[]> {
  const { lintSource, config } = await loadEngine();
  const result = await lintSource({
    source: { content, filePath: filePath ?? `value-${counter++}.txt`, contentType: 'text' },
    options: { config, noPhysicFilePath: filePath === undefined },
  });
  const hits: SecretlintHit[] = [];
  for (const m of result.messages) {
    if (m.type !== 'message' || !m.range || NOT_SECRET_MESSAGES.has(m.messageId)) continue;
    const hit = { rule: m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''), messageId: m.messageId, start: m.range[0], end: m.range[1] };
    const placed = m.messageId === 'AWSSecretAccessKey' ? relocateAwsSecret(content, hit) : m.messageId === 'Npmrc_authToken' ? relocateNpmrcToken(content, hit) : hit;
    if (placed) hits.push(placed);
  }
  return hits;
}

/**
 * secretlint's .npmrc rule reports its range from `_authToken=` with the token's length: it starts
 * 11 characters early and misses the token's end. Put it on the token; with nothing after
 * `_authToken=` (the match ran into the next line) there is no hit.
 */
function relocateNpmrcToken(content: string, hit: SecretlintHit): SecretlintHit | null {
  const key = '_authToken=';
  if (!content.startsWith(key, hit.start)) return hit;
  const start = hit.start + key.length;
  const token = /^[^\s#;]*/.exec(content.slice(start, start + 4096))![0];
  if (token.length < 8) return null;
  return { ...hit, start, end: start + token.length };
}

/**
 * secretlint 11.7.1 reports an AWS secret access key with the start of the whole `aws_secret_access_key = …`
 * match and the length of the key: move the range onto the 40-character key itself.
 */
function relocateAwsSecret(content: string, hit: SecretlintHit): SecretlintHit {
  const window = content.slice(hit.start, hit.start + 400);
  const m = /(?:=|:|=>)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/.exec(window);
  if (!m) return hit;
  const start = hit.start + m.index + m[0].length - 40;
  return { ...hit, start, end: start + 40 };
}

/** Human text for a hit, without the value. */
export function describeSecretlintHit(hit: SecretlintHit): string {
  return `secretlint rule '${hit.rule}' matched (${hit.messageId})`;
}
