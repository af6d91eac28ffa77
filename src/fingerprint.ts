import { createHash } from 'node:crypto';

/** Content fingerprint of a finding: sha256(rule + NUL + value). Stable across moves, reformatting and squashes. */
export function fingerprint(rule: string, value: string): string {
  return createHash('sha256').update(rule).update('\0').update(value).digest('hex');
}
