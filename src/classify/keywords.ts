// Key-name keywords: how strongly a variable's (or an assignment's) name says "this is a secret".
// The words are the vocabulary's (vocabulary.ts); this module only reads a name word by word.

import { CANCEL_WORDS, PASSWORD_MANAGER_WORDS, PUBLIC_WORDS, SAFE_LAST_WORDS, SAFE_NAMES, STRONG_COMPOUNDS, STRONG_PAIRS, STRONG_WORDS, WEAK_WORDS } from './vocabulary.js';

export type KeywordStrength = 'strong' | 'weak';

export interface KeywordHit {
  keyword: string;
  strength: KeywordStrength;
  /** A suffix that makes the name harmless (`token_file`, `password_command`, `key_id`), if present. */
  safeSuffix: string | null;
}

/** Split `apiKey`, `api-key`, `API_KEY`, `db.password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const memo = new Map<string, KeywordHit | null>();

/** The strongest secret keyword in a name, if any. Memoised: the same keys recur across files. */
export function keywordIn(name: string): KeywordHit | null {
  const cached = memo.get(name);
  if (cached !== undefined) return cached;
  const hit = computeKeyword(name);
  if (memo.size > 20000) memo.clear();
  memo.set(name, hit);
  return hit;
}

function computeKeyword(name: string): KeywordHit | null {
  const lowerName = name.toLowerCase();
  if (SAFE_NAMES.has(lowerName)) return null;
  const words = nameWords(name);
  if (words.length === 0) return null;
  const last = words[words.length - 1]!;
  const safeSuffix = words.length > 1 && SAFE_LAST_WORDS.has(last) ? last : null;

  let best: KeywordHit | null = null;
  const consider = (keyword: string, strength: KeywordStrength) => {
    if (!best || (best.strength === 'weak' && strength === 'strong')) best = { keyword, strength, safeSuffix };
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (i + 1 < words.length && STRONG_PAIRS.has(`${w} ${words[i + 1]}`)) consider(`${w}_${words[i + 1]}`, 'strong');
    if (STRONG_WORDS.has(w)) consider(w, 'strong');
    else if (WEAK_WORDS.has(w)) consider(w, 'weak');
    else if (!PASSWORD_MANAGER_WORDS.has(w)) {
      const compound = STRONG_COMPOUNDS.find((c) => w.includes(c));
      if (compound) consider(compound, 'strong');
      else if (w.endsWith('key') && w.length > 3 && !SAFE_NAMES.has(w)) consider('key', 'weak');
      else if (w.endsWith('auth') && w.length > 4) consider('auth', 'weak');
    }
  }
  const hit = best as KeywordHit | null;
  // `ssh_key`, `gpg_signing_key`, `keybinding_x`: the key is public or not a credential at all. A strong
  // word survives all but `public` (a Slack `signing_secret` is a secret).
  if (hit && words.some((w) => CANCEL_WORDS.has(w)) && (hit.strength === 'weak' || words.some((w) => PUBLIC_WORDS.has(w)))) return null;
  return hit;
}
