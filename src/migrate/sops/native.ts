// The built-in sops writer: encrypts values into a sops YAML file (new, or merged into an existing
// one whose data key an age identity opens) exactly as sops 3.9 stores them, so `sops -d` and
// sops-nix read the result. Plaintext exists only in memory.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, type Pair } from 'yaml';
import { writeFileAtomic } from '../../fsutil/atomic.js';
import { additionalData, decryptValue, encryptString, SopsFormatError } from './cipher.js';
import { creationRuleFor, locateSopsConfig } from './config.js';
import { unwrapDataKey, wrapDataKey, type AgeKeyEntry } from './keys.js';
import { goNeedsQuotes, goResolve } from './goyaml.js';
import { computeMac, dataLeaves, isPlain, METADATA_KEY, normaliseRules, plainValueBytes, shouldBeEncrypted, type EncryptionRules, type Leaf } from './tree.js';

/** The sops release whose file format the built-in writer produces. */
export const NATIVE_SOPS_VERSION = '3.9.4';
const RULE_FIELDS = ['unencrypted_suffix', 'encrypted_suffix', 'unencrypted_regex', 'encrypted_regex'] as const;

export interface SopsValue {
  key: string[];
  value: string;
}

interface OpenedFile {
  doc: Document;
  dataKey: Uint8Array;
  rules: EncryptionRules;
  metadata: YAMLMap;
}

/** RFC 3339 in UTC without fractions, as Go's time.RFC3339 prints a UTC time. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

function plaintextOf(dataKey: Uint8Array, label: string) {
  return (leaf: Leaf, encrypted: boolean): Buffer => {
    if (!encrypted) return plainValueBytes(leaf.node.value, leaf.node, `${label}: ${leaf.keyPath.join('.')}`);
    if (typeof leaf.node.value !== 'string') throw new SopsFormatError(`${label}: ${leaf.keyPath.join('.')} should be encrypted but is not`);
    return decryptValue(leaf.node.value, dataKey, additionalData(leaf.keyPath), `${label}: ${leaf.keyPath.join('.')}`).plain;
  };
}

function metadataOf(doc: Document, label: string): { metadata: YAMLMap; meta: Record<string, unknown> } {
  const node = isMap(doc.contents) ? doc.contents.get(METADATA_KEY, true) : undefined;
  if (!isMap(node)) throw new SopsFormatError(`${label}: not a sops file (no top-level "sops" metadata)`);
  return { metadata: node, meta: node.toJSON() as Record<string, unknown> };
}

function ageEntriesOf(meta: Record<string, unknown>, label: string): AgeKeyEntry[] {
  let age = meta.age;
  const groups = meta.key_groups;
  if (Array.isArray(groups) && groups.length > 0) {
    if (groups.length > 1) throw new SopsFormatError(`${label}: several key groups (Shamir) need the sops CLI`);
    age = (groups[0] as Record<string, unknown>).age;
  }
  if (!Array.isArray(age) || age.length === 0) throw new SopsFormatError(`${label}: no age recipients in the sops metadata; use the sops CLI`);
  return age.map((e: Record<string, unknown>) => ({ recipient: String(e.recipient ?? ''), enc: String(e.enc ?? '') }));
}

function parseSopsText(text: string, label: string): { doc: Document; metadata: YAMLMap; meta: Record<string, unknown>; rules: EncryptionRules } {
  // Without types: every scalar keeps its text, so values are hashed as Go types them (goyaml.ts)
  // and an untouched value is written back exactly as it was (`017` stays `017`, not `17`).
  // A JSON sops file parses the same way (JSON is YAML).
  const doc = parseDocument(text, { uniqueKeys: true, schema: 'failsafe' });
  if (doc.errors.length > 0) throw new SopsFormatError(`${label}: not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const { metadata, meta } = metadataOf(doc, label);
  const rules = normaliseRules(Object.fromEntries(
    [...RULE_FIELDS, 'unencrypted_comment_regex', 'encrypted_comment_regex', 'mac_only_encrypted']
      .filter((k) => meta[k] !== undefined && meta[k] !== '')
      .map((k) => [k, k === 'mac_only_encrypted' ? meta[k] === true || meta[k] === 'true' : meta[k]]),
  ) as EncryptionRules);
  return { doc, metadata, meta, rules };
}

function verifyMac(doc: Document, meta: Record<string, unknown>, rules: EncryptionRules, dataKey: Uint8Array, label: string): void {
  const computed = computeMac(dataLeaves(doc), rules, plaintextOf(dataKey, label));
  const stored = decryptValue(String(meta.mac ?? ''), dataKey, String(meta.lastmodified ?? ''), `${label}: sops.mac`).plain.toString('utf8');
  if (stored !== computed) throw new SopsFormatError(`${label}: MAC mismatch: the file was altered outside sops`);
}

/** Parses, unwraps the data key and verifies the MAC of an existing sops YAML file. */
export async function openSopsFile(text: string, identities: readonly string[], label: string): Promise<OpenedFile> {
  const { doc, metadata, meta, rules } = parseSopsText(text, label);
  const dataKey = await unwrapDataKey(ageEntriesOf(meta, label), identities, label);
  verifyMac(doc, meta, rules, dataKey, label);
  return { doc, dataKey, rules, metadata };
}

/** Every value of a sops YAML text whose data key is already known, after the MAC is verified. */
export function decryptSopsText(text: string, dataKey: Uint8Array, label: string): SopsValue[] {
  const { doc, meta, rules } = parseSopsText(text, label);
  verifyMac(doc, meta, rules, dataKey, label);
  const decrypt = plaintextOf(dataKey, label);
  return dataLeaves(doc).map((leaf) => ({ key: leaf.keyPath, value: decrypt(leaf, shouldBeEncrypted(leaf.keyPath, rules)).toString('utf8') }));
}

/** Finds or creates the map that holds `key`'s last segment; new top-level keys go before `sops`. */
function parentMapFor(doc: Document, key: readonly string[], label: string): YAMLMap {
  let map = doc.contents as YAMLMap;
  for (let i = 0; i < key.length - 1; i += 1) {
    const next = map.get(key[i], true);
    if (next === undefined || next === null) {
      const created = new YAMLMap();
      insertPair(doc, map, key[i]!, created);
      map = created;
    } else if (isMap(next)) {
      map = next;
    } else {
      throw new SopsFormatError(`${label}: ${key.slice(0, i + 1).join('.')} already holds a value, not a map`);
    }
  }
  return map;
}

/** A map key as sops writes it: double-quoted when YAML (or sops-nix's YAML 1.1) would read it as something else. */
export function keyScalar(key: string): Scalar {
  const node = new Scalar(key);
  if (goNeedsQuotes(key)) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

function insertPair(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const pair = doc.createPair(keyScalar(key), value) as Pair;
  const metaIndex = map === doc.contents ? map.items.findIndex((p) => (isScalar(p.key) ? p.key.value : p.key) === METADATA_KEY) : -1;
  if (metaIndex >= 0) map.items.splice(metaIndex, 0, pair);
  else map.items.push(pair);
}

function setValue(doc: Document, entry: SopsValue, dataKey: Uint8Array, rules: EncryptionRules, label: string): void {
  const { key } = entry;
  if (key.length === 0 || key.some((k) => k === '')) throw new SopsFormatError(`${label}: empty key`);
  if (key[0] === METADATA_KEY) throw new SopsFormatError(`${label}: the top-level key "sops" is reserved for the metadata`);
  if (!shouldBeEncrypted(key, rules)) {
    throw new SopsFormatError(`${label}: ${key.join('.')} would be stored unencrypted under the file's encryption rules; rename the key or change the rule`);
  }
  const map = parentMapFor(doc, key, label);
  const last = key[key.length - 1]!;
  const existing = map.get(last, true);
  if (existing !== undefined && existing !== null && !isScalar(existing)) {
    throw new SopsFormatError(`${label}: ${key.join('.')} already holds a map or list`);
  }
  const scalar = new Scalar(encryptString(entry.value, dataKey, additionalData(key)));
  if (existing === undefined) insertPair(doc, map, last, scalar);
  else map.set(last, scalar);
}

function newMetadata(doc: Document, entries: AgeKeyEntry[], rules: EncryptionRules): YAMLMap {
  const metadata = new YAMLMap();
  metadata.set('age', doc.createNode(entries.map((e) => {
    const enc = new Scalar(e.enc);
    enc.type = Scalar.BLOCK_LITERAL;
    const item = new YAMLMap();
    item.set('recipient', e.recipient);
    item.set('enc', enc);
    return item;
  })));
  metadata.set('lastmodified', '');
  metadata.set('mac', '');
  for (const field of RULE_FIELDS) if (rules[field]) metadata.set(field, rules[field]);
  if (rules.mac_only_encrypted) metadata.set('mac_only_encrypted', true);
  metadata.set('version', NATIVE_SOPS_VERSION);
  return metadata;
}

/** Indentation of an existing file (sops writes 4 unless configured otherwise). */
function detectIndent(text: string): number {
  const m = /^[^\s#][^\n]*:[ \t]*\r?\n([ ]+)\S/mu.exec(text);
  return m ? m[1]!.length : 4;
}

export interface NativeWriteOptions {
  sopsFile: string;
  values: readonly SopsValue[];
  sopsConfigSearchFrom?: string;
  identities: readonly string[];
  now?: Date;
}

/** The store sops picks for a file: by its extension (what `sops` does without --input-type). */
export function storeFor(file: string): 'yaml' | 'json' {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.env' || ext === '.ini') throw new SopsFormatError(`${file}: sops stores ${ext} files as flat ${ext.slice(1)} (no nested keys); use a .yaml or .json sops file`);
  return 'yaml';
}

/** Every data key that needs quotes gets them (also keys an older writer left plain). */
function quoteKeys(doc: Document): void {
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && isPlain(pair.key) && goNeedsQuotes(String(pair.key.value))) pair.key.type = Scalar.QUOTE_DOUBLE;
        walk(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(walk);
  };
  walk(doc.contents);
}

/**
 * The document as sops' JSON store writes it (tab-indented). Scalars were read without types: a
 * plain one that is a JSON number, bool or null stays one, everything else is a string.
 */
export function documentToJson(doc: Document): string {
  const value = (node: unknown): unknown => {
    if (isMap(node)) return Object.fromEntries(node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), value(p.value)]));
    if (isSeq(node)) return node.items.map(value);
    if (isScalar(node)) {
      if (node.value === null || node.value === undefined) return null;
      if (typeof node.value !== 'string') return node.value;
      if (!isPlain(node)) return node.value;
      const r = goResolve(node.value);
      if (r.kind === 'null') return null;
      if (r.kind === 'bool') return r.value;
      // A number keeps its text (JSON.parse would lose digits of a large one).
      if ((r.kind === 'int' || r.kind === 'float') && /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(node.value)) return new RawNumber(node.value);
      return node.value;
    }
    return null;
  };
  const json = JSON.stringify(value(doc.contents), (_k, v: unknown) => (v instanceof RawNumber ? `\u0000${v.text}\u0000` : v), '\t');
  return json.replace(/"\\u0000([^"\\]*)\\u0000"/g, '$1') + '\n';
}

class RawNumber {
  constructor(readonly text: string) {}
}

/** Encrypts the values into the file (created or merged) and writes it atomically. */
export async function writeNative(opts: NativeWriteOptions): Promise<string[][]> {
  const label = opts.sopsFile;
  const store = storeFor(opts.sopsFile);
  let opened: OpenedFile;
  let indent = 4;
  if (existsSync(opts.sopsFile)) {
    const text = readFileSync(opts.sopsFile, 'utf8');
    indent = detectIndent(text);
    opened = await openSopsFile(text, opts.identities, label);
  } else {
    // As sops: `.sops.yaml` from the working directory upwards, or the file SOPS_CONFIG names (then the sops file's folder).
    const configFile = locateSopsConfig(opts.sopsConfigSearchFrom, opts.sopsFile);
    if (configFile === null) throw new SopsFormatError(`${label}: no .sops.yaml found from ${opts.sopsConfigSearchFrom ?? 'the working directory'} or the sops file's folder upwards (nor SOPS_CONFIG) to choose the recipients`);
    const rule = creationRuleFor(opts.sopsFile, configFile);
    const dataKey = randomBytes(32);
    const doc = new Document(new YAMLMap());
    const metadata = newMetadata(doc, await wrapDataKey(dataKey, rule.ageRecipients), rule.rules);
    (doc.contents as YAMLMap).set(METADATA_KEY, metadata);
    opened = { doc, dataKey, rules: rule.rules, metadata };
  }
  const { doc, dataKey, rules, metadata } = opened;
  for (const entry of opts.values) setValue(doc, entry, dataKey, rules, label);
  quoteKeys(doc);

  const mac = computeMac(dataLeaves(doc), rules, plaintextOf(dataKey, label));
  const lastModified = rfc3339(opts.now ?? new Date());
  const lastModifiedNode = new Scalar(lastModified);
  lastModifiedNode.type = Scalar.QUOTE_DOUBLE;
  metadata.set('lastmodified', lastModifiedNode);
  metadata.set('mac', new Scalar(encryptString(mac, dataKey, lastModified)));

  const text = store === 'json' ? documentToJson(doc) : doc.toString({ indent, indentSeq: true, lineWidth: 0 });
  await writeFileAtomic(opts.sopsFile, text, { mkdirs: true });
  return opts.values.map((v) => [...v.key]);
}

/** Every value of a sops file, decrypted, after the MAC is verified. */
export async function readNative(sopsFile: string, identities: readonly string[]): Promise<SopsValue[]> {
  const text = readFileSync(sopsFile, 'utf8');
  const { meta } = parseSopsText(text, sopsFile);
  const dataKey = await unwrapDataKey(ageEntriesOf(meta, sopsFile), identities, sopsFile);
  return decryptSopsText(text, dataKey, sopsFile);
}
