// The data tree of a sops YAML file (every top-level key but `sops`), walked in document order as
// sops walks it, plus sops' encryption rules and its MAC: SHA-512 over the plaintext bytes of
// every value in tree order (comments excluded), as upper-case hex.
import { createHash } from 'node:crypto';
import { Document, isAlias, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { SopsFormatError } from './cipher.js';
import { goPlainBytes, goResolve } from './goyaml.js';

export const METADATA_KEY = 'sops';
export const DEFAULT_UNENCRYPTED_SUFFIX = '_unencrypted';
/** sha256("sops"): the MAC starts with it when only encrypted values are covered. */
const MAC_ONLY_ENCRYPTED_INIT = Buffer.from('8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69', 'hex');

/** The encryption rules a sops file (or a creation rule) carries. */
export interface EncryptionRules {
  unencrypted_suffix?: string;
  encrypted_suffix?: string;
  unencrypted_regex?: string;
  encrypted_regex?: string;
  unencrypted_comment_regex?: string;
  encrypted_comment_regex?: string;
  mac_only_encrypted?: boolean;
}

export interface Leaf {
  /** Map keys from the root (sequence positions add nothing, as in sops). */
  keyPath: string[];
  node: Scalar;
}

/** Go's RE2 syntax mostly reads the same in JS; a leading `(?i)` becomes the `i` flag. */
export function goRegExp(pattern: string): RegExp {
  const m = /^\(\?([imsU]+)\)/u.exec(pattern);
  if (!m) return new RegExp(pattern, 'u');
  const flags = [...m[1]!].filter((f) => f === 'i' || f === 'm' || f === 's').join('');
  return new RegExp(pattern.slice(m[0].length), `u${flags}`);
}

/** Which one of the suffix/regex rules applies, with sops' default when none is set. */
export function normaliseRules(rules: EncryptionRules): EncryptionRules {
  const set = (['unencrypted_suffix', 'encrypted_suffix', 'unencrypted_regex', 'encrypted_regex',
    'unencrypted_comment_regex', 'encrypted_comment_regex'] as const).filter((k) => (rules[k] ?? '') !== '');
  if (set.length > 1) throw new SopsFormatError(`only one of ${set.join(', ')} may be set`);
  if (set.length === 0) return { ...rules, unencrypted_suffix: DEFAULT_UNENCRYPTED_SUFFIX };
  if (set[0] === 'unencrypted_comment_regex' || set[0] === 'encrypted_comment_regex') {
    throw new SopsFormatError(`${set[0]} is not supported by the built-in sops writer: install sops`);
  }
  return rules;
}

/** sops' shouldBeEncrypted for a value at keyPath (comment rules excluded above). */
export function shouldBeEncrypted(keyPath: readonly string[], rules: EncryptionRules): boolean {
  if (rules.unencrypted_suffix) return !keyPath.some((k) => k.endsWith(rules.unencrypted_suffix!));
  if (rules.encrypted_suffix) return keyPath.some((k) => k.endsWith(rules.encrypted_suffix!));
  if (rules.unencrypted_regex) {
    const re = goRegExp(rules.unencrypted_regex);
    return !keyPath.some((k) => re.test(k));
  }
  if (rules.encrypted_regex) {
    const re = goRegExp(rules.encrypted_regex);
    return keyPath.some((k) => re.test(k));
  }
  return true;
}

/** Every leaf scalar of the data tree in document order. Nulls are skipped, as sops skips nil. */
export function dataLeaves(doc: Document): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: unknown, keyPath: string[], top: boolean): void => {
    if (node === null || node === undefined) return;
    if (isAlias(node)) throw new SopsFormatError(`${keyPath.join('.')}: YAML aliases are not supported in sops files`);
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (top && key === METADATA_KEY) continue;
        walk(pair.value, [...keyPath, key], false);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, keyPath, false);
    } else if (isScalar(node)) {
      // A plain `~`/`null` read as text (the file is parsed without types, see native.ts) is null to sops too.
      if (node.value !== null && !(isPlain(node) && goResolve(String(node.value)).kind === 'null')) out.push({ keyPath, node });
    } else {
      throw new SopsFormatError(`${keyPath.join('.')}: unsupported YAML node`);
    }
  };
  if (doc.contents !== null && !isMap(doc.contents)) throw new SopsFormatError('the top level of a sops YAML file must be a map');
  walk(doc.contents as Node | null, [], true);
  return out;
}

/** An untagged plain scalar: its type is what a YAML reader makes of its text. */
export function isPlain(node: Scalar): boolean {
  return (node.type === undefined || node.type === 'PLAIN') && !node.tag;
}

/**
 * Bytes sops hashes for a value it did not encrypt: Go's ToBytes of what yaml.v3 reads. The file
 * is parsed without types (failsafe), so a plain scalar's value is its text, typed here as Go does.
 */
export function plainValueBytes(value: unknown, node?: Scalar, label = 'value'): Buffer {
  if (node && typeof value === 'string' && isPlain(node)) return goPlainBytes(value, label) ?? Buffer.alloc(0);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (typeof value === 'boolean') return Buffer.from(value ? 'True' : 'False');
  if (typeof value === 'number' || typeof value === 'bigint') return Buffer.from(String(value));
  throw new SopsFormatError(`cannot hash a value of type ${typeof value}`);
}

/**
 * The MAC of a data tree: `plaintextOf(leaf, encrypted)` gives each value's plaintext bytes
 * (decrypting the encrypted ones); the result is sops' upper-case hex SHA-512.
 */
export function computeMac(
  leaves: readonly Leaf[],
  rules: EncryptionRules,
  plaintextOf: (leaf: Leaf, encrypted: boolean) => Buffer,
): string {
  const hash = createHash('sha512');
  if (rules.mac_only_encrypted) hash.update(MAC_ONLY_ENCRYPTED_INIT);
  for (const leaf of leaves) {
    const encrypted = shouldBeEncrypted(leaf.keyPath, rules);
    const bytes = plaintextOf(leaf, encrypted);
    if (!rules.mac_only_encrypted || encrypted) hash.update(bytes);
  }
  return hash.digest('hex').toUpperCase();
}
