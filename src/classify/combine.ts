// How verdicts from many rules become one class.
//
//  1. A user override for the data path wins outright.
//  2. A definitive detector (confidence >= 0.95: secretlint, provider patterns, private key blocks)
//     makes it `secret`: a GitHub token is a secret whatever its name or use.
//  3. A reference (op://, /run/secrets, read only through a password manager) wins over the softer
//     secret hints: the repo only holds a pointer, and a pointer to a token is naturally named `token`.
//  4. The soft secret hints (name keyword, entropy, context, user rules) add up as a noisy-OR,
//     1 - prod(1 - c), and make it `secret` when the sum reaches 0.5 and beats the strongest harmless
//     verdict (a safe shape: a public key 0.99, a path 0.9, a bare 32-hex string 0.55 unless the name
//     says checksum). So `api_key: <uuid>` is a secret but `device_uuid: <uuid>` is not.
//  5. Otherwise a review verdict (personal e-mail, a passphrase-like value) makes it `review`.
//  6. Otherwise `config`.
// Every verdict that fired is kept as a reason, the deciding ones first.
import type { Reason, VariableClass } from '../model.js';
import type { Verdict } from './types.js';

export interface RuleVerdict extends Verdict {
  rule: string;
}

export interface Combined {
  class: VariableClass;
  reasons: Reason[];
  /** Noisy-OR of the secret verdicts (0..1), for callers that want a score. */
  secretScore: number;
}

export const DEFINITIVE = 0.95;
export const SECRET_THRESHOLD = 0.5;

export function combineVerdicts(verdicts: RuleVerdict[], override?: { pattern: string; cls: VariableClass }): Combined {
  const by = (cls: VariableClass) => verdicts.filter((v) => v.class === cls);
  const secret = by('secret');
  const secretScore = 1 - secret.reduce((acc, v) => acc * (1 - clamp(v.confidence)), 1);
  const max = (vs: RuleVerdict[]) => vs.reduce((m, v) => Math.max(m, clamp(v.confidence)), 0);
  const refScore = max(by('reference'));
  const safeScore = max(by('config'));
  const reviewScore = max(by('review'));

  let cls: VariableClass;
  if (secret.some((v) => v.confidence >= DEFINITIVE)) cls = 'secret';
  else if (refScore >= SECRET_THRESHOLD) cls = 'reference';
  else if (secretScore >= SECRET_THRESHOLD && secretScore > safeScore) cls = 'secret';
  else if (reviewScore >= SECRET_THRESHOLD && reviewScore > safeScore) cls = 'review';
  else if (secretScore >= SECRET_THRESHOLD && reviewScore >= SECRET_THRESHOLD) cls = 'review';
  else cls = 'config';

  const ordered = [...verdicts].sort((a, b) => Number(b.class === cls) - Number(a.class === cls) || b.confidence - a.confidence);
  const reasons: Reason[] = ordered.map((v) => ({ rule: v.rule, message: v.reason }));
  if (override) {
    reasons.unshift({ rule: 'override', message: `configured as ${override.cls} (overrides: ${override.pattern})` });
    cls = override.cls;
  }
  return { class: cls, reasons, secretScore };
}

function clamp(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}
