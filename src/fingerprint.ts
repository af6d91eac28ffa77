import { nodeCrypto } from './node-crypto.js';

/** Content fingerprint of a finding: sha256(rule + NUL + value). Stable across moves, reformatting and squashes. */
export function fingerprint(rule: string, value: string): string {
  return nodeCrypto().createHash('sha256').update(rule).update('\0').update(value).digest('hex');
}
