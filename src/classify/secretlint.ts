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
let engine: Promise<{ lintSource: LintSource; config: SecretLintCoreConfig }> | null = null;

function loadEngine() {
  engine ??= (async () => {
    const [{ lintSource }, { creator }] = await Promise.all([
      import('@secretlint/core'),
      import('@secretlint/secretlint-rule-preset-recommend'),
    ]);
    const config: SecretLintCoreConfig = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
    return { lintSource, config };
  })();
  return engine;
}

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
    if (m.type !== 'message' || !m.range) continue;
    hits.push({ rule: m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''), messageId: m.messageId, start: m.range[0], end: m.range[1] });
  }
  return hits;
}

/** Human text for a hit, without the value. */
export function describeSecretlintHit(hit: SecretlintHit): string {
  return `secretlint rule '${hit.rule}' matched (${hit.messageId})`;
}
