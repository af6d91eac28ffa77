// Shannon entropy over the base64 and hex alphabets, as detect-secrets measures it.

const BASE64_CHARSET = /^[A-Za-z0-9+/=_-]+$/;
const HEX_CHARSET = /^[0-9a-fA-F]+$/;

/** Bits per character of `s` (empirical symbol distribution). */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = s.length;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export type Charset = 'hex' | 'base64';

export interface EntropyHit {
  charset: Charset;
  entropy: number;
  threshold: number;
}

/**
 * Judge one token (no whitespace) against the thresholds. Hex is tried first (a hex string also fits
 * the base64 alphabet). Like detect-secrets, an all-digit hex string gets a penalty: it is more likely
 * a number or an id than a key.
 */
export function highEntropy(token: string, thresholds: { base64: number; hex: number; minLength: number }): EntropyHit | null {
  if (token.length < thresholds.minLength || token.length > 4096) return null;
  if (HEX_CHARSET.test(token)) {
    let h = shannonEntropy(token);
    // detect-secrets' penalty for all-digit strings (ids, phone numbers, timestamps).
    if (/^\d+$/.test(token)) h -= 1.2 / Math.log2(token.length);
    return h > thresholds.hex ? { charset: 'hex', entropy: h, threshold: thresholds.hex } : null;
  }
  if (BASE64_CHARSET.test(token)) {
    const h = shannonEntropy(token);
    return h > thresholds.base64 ? { charset: 'base64', entropy: h, threshold: thresholds.base64 } : null;
  }
  return null;
}
