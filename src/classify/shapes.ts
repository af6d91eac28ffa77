// Value shapes that look random (or look like a key) but are not secrets. Every detector consults
// them: a git SHA is not a leaked token, `{{ .x }}` is template text, `op://…` names a secret elsewhere.
//
// Shapes are "strong" (the value cannot be a secret: a public SSH key, a placeholder, template text)
// or "ambiguous" (a 40-hex string is usually a commit but may be an old GitHub token): for ambiguous
// shapes the confidence depends on whether the variable's name agrees (`commit`, `checksum`, `uuid`).

export interface SafeShape {
  kind: string;
  /** Human label for reports. */
  label: string;
  /** How sure we are the value is harmless (0..1). Strong shapes 0.9+; ambiguous 0.55–0.95. */
  confidence: number;
}

import { keywordAlternation } from './vocabulary.js';

const MAX_SHAPE_LENGTH = 16384;

const ENV_REFERENCE = /^(?:\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}\s]{1,200}\}|\$\([^)]{1,500}\)|%[A-Za-z_]+(?:_[A-Za-z0-9]+)*%|%\([A-Za-z_]\w*\)[sd]|env:[A-Za-z_]\w*|\$env:[A-Za-z_]\w*)$/;
const PLACEHOLDER_EXACT = new Set([
  'replaceme', 'replace_me', 'replace-me', 'changeme', 'change_me', 'change-me', 'changeit', 'todo', 'fixme', 'tbd',
  'example', 'dummy', 'placeholder', 'none', 'null', 'nil', 'undefined', 'secret', 'password', 'passwd', 'token',
  'apikey', 'api_key', 'redacted', 'hidden', 'unset', 'empty', 'default', 'test', 'foo', 'bar', 'baz', 'foobar',
  'mypassword', 'yourpassword', 'your_password', 'your-password', 'yourtoken', 'your_token', 'your-token',
  'insert_here', 'insert-here', 'fill_me_in', 'notset', 'not-set', 'xxx', 'n/a', 'na', 'secret123', 'password123', 'pass', 'user', 'username',
]);
const PLACEHOLDER_PATTERNS: RegExp[] = [
  /^<[^<>\n]{1,80}>$/, // <your-token>
  /^\[[^[\]\n]{1,80}\]$/, // [YOUR TOKEN]
  /^\(?\s*(?:x{3,}|X{3,}|\*{3,}|\.{3,}|\u2026|#{3,}|-{3,}|_{3,}|0{6,})\s*\)?$/,
  new RegExp(`^(?:your|my|insert|enter|put|add|paste)[-_ ]?(?:own[-_ ]?)?[a-z_ -]{0,30}(?:${keywordAlternation('placeholder')}|pass|here|id|value)s?$`, 'i'),
  /^(?:replace|change)[-_ ]?(?:me|this|it)\b/i,
  /(?:x{6,}|X{6,}|\*{6,})/, // sk-xxxxxxxx, ghp_XXXXXXXX
  new RegExp(`^(?:example|sample|dummy|fake|test|placeholder)[-_.]?(?:${keywordAlternation('placeholder')}|value)?[-_.]?\\d{0,4}$`, 'i'),
  /^\**REMOVED\**$/, // what a history purge leaves (git-filter-repo / BFG default: ***REMOVED***)
  /^[^*\s]{0,4}\*{4}$/, // a value redacted by a report (ours: at most 4 characters, then ****)
];

const SSH_PUBLIC_KEY = /^(?:[a-z-]+::)?(?:(?:cert-authority|restrict|no-[a-z-]+|from="[^"]*"|command="[^"]*"|environment="[^"]*"|permitopen="[^"]*")[, ]+)*(?:ssh-(?:ed25519|rsa|dss)(?:-cert-v01@openssh\.com)?|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) AAAA[A-Za-z0-9+/]+=*(?:\s+\S.*)?$/;
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const PUBLIC_BLOCK = /^-----BEGIN (?:PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE|PGP PUBLIC KEY BLOCK|PGP SIGNATURE|SSH SIGNATURE|AGE ENCRYPTED FILE|PGP MESSAGE|X509 CRL|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST)-----/;
const SOPS_ENCRYPTED = /^ENC\[[A-Z0-9_]+,data:[^\]]*\]$/;
const GPG_KEY_ID_0X = /^0x(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40})!?$/;
const GPG_FINGERPRINT_SPACED = /^(?:[0-9A-Fa-f]{4} ){4}[0-9A-Fa-f]{4}  ?(?:[0-9A-Fa-f]{4} ){4}[0-9A-Fa-f]{4}$/;
const HEX = /^[0-9a-fA-F]+$/;
const HASH_PREFIXED = /^(?:sha1|sha224|sha256|sha384|sha512|md5|blake2b|blake3|xxh64|sha3-256)[:-][0-9a-fA-F]{32,128}$|^sha(?:256|384|512)-[A-Za-z0-9+/]{40,90}={0,2}$/;
const BASE64_DIGEST = /^(?:[A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{64}|[A-Za-z0-9+/]{86}==)$/;
const UUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;
const COLOUR = /^(?:#|0x)(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$|^(?:rgba?|hsla?)\(\s*[\d.%\s,/]+\)$/;
const BOOLEAN = /^(?:true|false|yes|no|on|off|enabled?|disabled?)$/i;
const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d+)?(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|0b[01]+)$/i;
const VERSION = /^(?:[~^]|[<>]=?|==?)?\s?v?\d+(?:\.\d+){1,3}(?:[-+~][0-9A-Za-z.-]{1,40})?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const HOSTNAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\.?$/;
const IP_ADDRESS = /^(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?::\d{1,5})?$|^[0-9a-fA-F:]{2,39}(?:\/\d{1,3})?$/;
const URL_SHAPE = /^[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s]*$/;
const URL_WITH_PASSWORD = /^[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^/\s:@]*:[^/\s@]+@/;
const URL_SECRET_QUERY = new RegExp(`[?&#;](?:[\\w.-]{0,40}?(?:${keywordAlternation('param')})|${keywordAlternation('param-exact')})=[^&#\\s]{6,}`, 'i');
const PATH_START = /^(?:~|\.{1,2}|\$HOME|\$\{HOME\}|\$XDG_[A-Z_]+|\$\{XDG_[A-Z_]+\}|%[A-Za-z_]+%|[A-Za-z]:)?[/\\]/;
// `ctrl+shift+down`, `super+Return`, `C-x`, `<leader>ff`: modifiers, then ONE key name (a character,
// a function key or a word), so `a+8zd0nE1w%` (a password starting with `a+`) is not a binding.
const KEY_NAME = String.raw`(?:[!-~]|F\d{1,2}|[A-Za-z][a-z]{1,15}|[A-Z][A-Za-z]{1,15})`;
const KEYBINDING = new RegExp(
  String.raw`^(?:(?:ctrl|control|shift|alt|option|opt|cmd|command|super|meta|win|mod[1-5]?|hyper|leader|[csmad])[+-]){1,4}${KEY_NAME}$` +
    String.raw`|^<[^<>\s]{1,20}>[A-Za-z]{0,6}$|^(?:[A-Za-z]{1,10}\+){1,4}${KEY_NAME}$`,
  'i',
);
// `settings.SECRET_KEY`, `self.password`, `config.sops.secrets.x.path`: code, not a literal.
const CODE_REFERENCE = /^[A-Za-z_$][\w$]{0,40}(?:\.[A-Za-z_$][\w$]{0,40}){1,8}$/;
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const WORDS_ONLY = /^[A-Za-z]+(?:[-_ .][A-Za-z]+)*$/;

/**
 * Words of a name that make an ambiguous hex/UUID value a hash, id or fingerprint rather than a key.
 * Matched word by word (`preshared_key` holds no `sha`), with hash names as prefixes or suffixes
 * of one word (`sha256sum`, `commithash`).
 */
const HASHLIKE_WORD = /^(?:sha\d*|md5|ripemd\d*|blake\d*\w?|crc\d*|xxh\d*|hash|hashes|checksums?|digests?|commits?|rev|revs|revision|ref|refs|fingerprints?|fpr|keyid|signingkey|signing|gpg|pgp|uuid|guid|id|version|etag|integrity|tag|device|machine|serial|object|build|sum|sums)$|^(?:sha\d|md5|blake\d|xxh\d|crc\d)|(?:hash|checksum|digest|fingerprint|commit|sum)$/;
const PUBLIC_WORD = /^(?:public|pub|pubkey|publickey)$/;

function nameWordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * The harmless shape a value has, if any. `name` (the variable or assignment key) decides how
 * ambiguous shapes are read.
 */
export function safeShape(raw: string, name = ''): SafeShape | null {
  const value = raw.trim();
  if (value.length === 0) return { kind: 'empty', label: 'empty value', confidence: 1 };
  if (value.length > MAX_SHAPE_LENGTH) return null;
  const fixed = firstShape(FIXED_SHAPES, value);
  if (fixed) return fixed;

  const words = nameWordsOf(name);
  const nameAgrees = words.some((w) => HASHLIKE_WORD.test(w));
  // `PublicKey = <base64>` (WireGuard), `pubkey: <hex>`: public material, named as such.
  if (words.some((w) => PUBLIC_WORD.test(w)) && /^[A-Za-z0-9+/=_-]{16,}$/.test(value)) return { kind: 'public-key', label: 'public key (named as such)', confidence: 0.9 };
  if (HEX.test(value)) {
    const hexKind = hexShape(value);
    if (nameAgrees && value.length >= 7) return { kind: hexKind?.kind ?? 'checksum', label: hexKind?.label ?? 'hash or id', confidence: 0.95 };
    if (hexKind) return { kind: hexKind.kind, label: hexKind.label, confidence: nameAgrees ? 0.95 : 0.55 };
  }
  // A base64 SHA-256/384/512 digest (`pin-sha256="…="`, SRI hashes) named as such.
  if (nameAgrees && BASE64_DIGEST.test(value)) return { kind: 'checksum', label: 'base64 digest', confidence: 0.9 };
  if (UUID.test(value)) return { kind: 'uuid', label: 'UUID', confidence: nameAgrees ? 0.95 : 0.7 };

  if (URL_SHAPE.test(value)) {
    if (URL_WITH_PASSWORD.test(value) || URL_SECRET_QUERY.test(value)) return null;
    return { kind: 'url', label: 'URL without credentials', confidence: 0.9 };
  }
  return firstShape(LATE_SHAPES, value);
}

/** A shape that does not depend on the name: its test and what it is. */
interface FixedShape extends SafeShape {
  test: (value: string) => boolean;
}

function firstShape(shapes: readonly FixedShape[], value: string): SafeShape | null {
  for (const s of shapes) if (s.test(value)) return { kind: s.kind, label: s.label, confidence: s.confidence };
  return null;
}

const re = (r: RegExp) => (v: string) => r.test(v);

/** Tried first, in this order (the first that fits wins): shapes no name changes. */
const FIXED_SHAPES: readonly FixedShape[] = [
  { kind: 'template', label: 'template text', confidence: 1, test: hasTemplateText },
  { kind: 'env-reference', label: 'environment variable or command substitution', confidence: 0.95, test: re(ENV_REFERENCE) },
  { kind: 'sops-encrypted', label: 'sops-encrypted value', confidence: 1, test: re(SOPS_ENCRYPTED) },
  { kind: 'placeholder', label: 'placeholder', confidence: 0.97, test: isPlaceholder },
  { kind: 'ssh-public-key', label: 'public SSH key', confidence: 0.99, test: re(SSH_PUBLIC_KEY) },
  { kind: 'age-recipient', label: 'age public key (recipient)', confidence: 0.99, test: re(AGE_RECIPIENT) },
  { kind: 'public-block', label: 'public key, certificate or encrypted block', confidence: 0.97, test: re(PUBLIC_BLOCK) },
  { kind: 'gpg-key-id', label: 'GPG key id', confidence: 0.95, test: re(GPG_KEY_ID_0X) },
  { kind: 'boolean', label: 'boolean', confidence: 0.9, test: re(BOOLEAN) },
  { kind: 'number', label: 'number', confidence: 0.8, test: re(NUMBER) },
  { kind: 'version', label: 'version number', confidence: 0.9, test: re(VERSION) },
  { kind: 'date', label: 'date or time', confidence: 0.95, test: re(DATE_TIME) },
  { kind: 'colour', label: 'colour code', confidence: 0.95, test: re(COLOUR) },
  { kind: 'gpg-fingerprint', label: 'GPG fingerprint', confidence: 0.95, test: re(GPG_FINGERPRINT_SPACED) },
  { kind: 'checksum', label: 'checksum', confidence: 0.97, test: re(HASH_PREFIXED) },
];

/** Tried last, after the name-dependent shapes and URLs (a URL with credentials stops the search). */
const LATE_SHAPES: readonly FixedShape[] = [
  // A padded base64 run that starts with `/` is a key, not a path.
  { kind: 'path', label: 'file path', confidence: 0.9, test: (v) => !/\s/.test(v) && PATH_START.test(v) && !hasRandomSegment(v) && !/^[A-Za-z0-9+/]{20,}={1,2}$/.test(v) },
  { kind: 'ip-address', label: 'IP address', confidence: 0.9, test: (v) => IP_ADDRESS.test(v) && /[.:]/.test(v) },
  { kind: 'hostname', label: 'host name', confidence: 0.9, test: re(HOSTNAME) },
  { kind: 'keybinding', label: 'key binding', confidence: 0.9, test: (v) => KEYBINDING.test(v) && /[+-]/.test(v) && !/\d{3,}/.test(v) },
  {
    kind: 'code-reference', label: 'code reference (dotted identifier)', confidence: 0.85,
    test: (v) => CODE_REFERENCE.test(v) && !v.split('.').some((seg) => /\d/.test(seg) && /[A-Za-z]/.test(seg) && seg.length > 6),
  },
  { kind: 'env-name', label: 'environment variable name', confidence: 0.9, test: re(ENV_NAME) },
  { kind: 'sequence', label: 'character sequence (alphabet or digits run)', confidence: 0.95, test: isSequence },
  { kind: 'words', label: 'plain words', confidence: 0.6, test: (v) => WORDS_ONLY.test(v) && v.length <= 64 && !randomLetters(v) },
];

/** `{{ … }}` (also `${{ … }}`) or `{% … %}` somewhere in the value. indexOf, not a backtracking regex. */
function hasTemplateText(value: string): boolean {
  const open = value.indexOf('{{');
  if (open >= 0 && value.indexOf('}}', open + 2) >= 0) return true;
  const jinja = value.indexOf('{%');
  return jinja >= 0 && value.indexOf('%}', jinja + 2) >= 0;
}

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (PLACEHOLDER_EXACT.has(v.toLowerCase())) return true;
  return PLACEHOLDER_PATTERNS.some((re) => re.test(v));
}

function hexShape(value: string): { kind: string; label: string } | null {
  switch (value.length) {
    case 8:
    case 16:
      return { kind: 'gpg-key-id', label: 'GPG key id or short hash' };
    case 32:
      return { kind: 'checksum', label: 'MD5 checksum or 128-bit id' };
    case 40:
      return { kind: 'git-sha', label: 'git SHA-1 or GPG fingerprint' };
    case 64:
      return { kind: 'checksum', label: 'SHA-256 checksum' };
    case 96:
      return { kind: 'checksum', label: 'SHA-384 checksum' };
    case 128:
      return { kind: 'checksum', label: 'SHA-512 checksum' };
    default:
      // Abbreviated git SHAs (7–12 lowercase hex).
      if (value.length >= 7 && value.length <= 12 && value === value.toLowerCase()) return { kind: 'git-sha', label: 'abbreviated git SHA' };
      return null;
  }
}

/**
 * Letters that are not words: case changing at random (`lIxLSUIgJm`, `cSpUJKpD`), or with
 * almost no vowels or a long consonant run (`qzkfmrtwxb`, `kazppzldyieercoz`). camelCase words
 * (`JetBrainsMono`) and compounds (`hyprland`, `nightscout`) are not random.
 */
export function randomLetters(value: string): boolean {
  if (value.length < 8 || value.length > 64 || !/^[A-Za-z]+$/.test(value)) return false;
  const upper = /[A-Z]/.test(value);
  const lower = /[a-z]/.test(value);
  if (upper && lower) {
    // camelCase words split into `Limit Load To Session Type`: mostly segments of 3+ letters.
    const segments = value.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? [];
    const short = segments.filter((s) => s.length <= 2).length;
    if (segments.length >= 3 && short / segments.length >= 0.5) return true;
    // One lower-case letter between capitals (`apmIaIHA`, `ciAilwyb`) is no word's spelling.
    // One lower-case letter between capitals (`apmIaIHA`) is no word's spelling, short words aside (`RunAtLoad`).
    // A long run of capitals inside a word (`SaRMYZGD`); acronyms are short (`MoltenVK`, `PostgreSQL`).
    if (/[a-z][A-Z]{5,}|[a-z][A-Z]{4}$/.test(value)) return true;
    for (const m of value.slice(1).matchAll(/(?=([A-Z][a-z])[A-Z])/g)) if (!TWO_LETTER_WORDS.has(m[1]!.toLowerCase())) return true;
  }
  const v = value.toLowerCase();
  const vowels = v.replace(/[^aeiouy]/g, '').length;
  if (vowels / v.length < 0.2) return true;
  // Runs and pairs are read within words: camelCase joins (`GruvboxDark`) and acronyms (`XMLHttp`) say nothing.
  const words = upper && lower ? (value.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? []).filter((w) => /[a-z]/.test(w)).map((w) => w.toLowerCase()) : [v];
  if (words.some((w) => /[^aeiouy]{6}/.test(w))) return true;
  const rare = words.reduce((n, w) => n + rareBigrams(w), 0);
  return rare >= 2 || rare / (v.length - 1) >= 0.25;
}

const TWO_LETTER_WORDS = new Set(['to', 'at', 'of', 'in', 'on', 'my', 'is', 'up', 'by', 'go', 'no', 'do', 'be', 'me', 'we', 'us', 'or', 'an', 'as', 'if', 'it', 'io', 'id', 'ui', 'os', 'tv', 'pc', 'db', 'js', 'vs']);

// The consonants English lets follow each consonant (generously: compounds like `herbstluftwm`,
// `nightscout`, `hyprland` pass). A vowel may be followed by anything.
const FOLLOWERS: Record<string, string> = {
  b: 'blrsyj', c: 'chklrtsyz', d: 'dgjlnrsvwyz', f: 'flrsty', g: 'ghlmnrsy', h: 'lmnrstwy', j: '', k: 'hklnrsy',
  l: 'bcdfgklmnprstvwyz', m: 'bfmnpsy', n: 'cdfgjklnrstvwxyz', p: 'hlnprsty', q: 'u', r: 'bcdfghklmnprstvwyz',
  s: 'chklmnpqstwy', t: 'chlmnrstwyz', v: 'ry', w: 'hklnrsty', x: 'chpty', z: 'lyz',
};
/** Letter pairs of a lower-case word that English spelling hardly has (`qz`, `vk`, `ii`). */
function rareBigrams(v: string): number {
  let n = 0;
  for (let i = 1; i < v.length; i++) {
    const a = v[i - 1]!;
    const b = v[i]!;
    if ('aeiouy'.includes(a)) {
      if (a === b && 'iuy'.includes(a)) n++;
    } else if (!'aeiouy'.includes(b) && !(FOLLOWERS[a] ?? '').includes(b)) n++;
  }
  return n;
}

/** `abcdefgh…`, `0123456789`: mostly consecutive characters, not random ones. */
function isSequence(value: string): boolean {
  if (value.length < 10) return false;
  let steps = 0;
  for (let i = 1; i < value.length; i++) if (value.charCodeAt(i) === value.charCodeAt(i - 1) + 1) steps++;
  return steps / (value.length - 1) >= 0.6;
}

/** A path segment that looks like a token (long, mixed case and digits): a base64 secret with slashes. */
function hasRandomSegment(path: string): boolean {
  return path.split(/[/\\]/).some((seg) => seg.length >= 16 && /[A-Z]/.test(seg) && /[a-z]/.test(seg) && /\d/.test(seg) && !/[.\-_]/.test(seg));
}

/**
 * Whether a value has the look of a credential: one token, long enough, mixing character classes.
 * Used where the key name alone is only a weak hint (`key`, `auth`, `api`).
 */
export function looksLikeCredential(raw: string): boolean {
  const v = raw.trim();
  if (v.length < 8 || v.length > 4096) return false;
  if (/\s/.test(v) || /[^\x21-\x7e]/.test(v)) return false;
  if (/^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/.test(v)) return false; // e-mail address
  const lower = /[a-z]/.test(v);
  const upper = /[A-Z]/.test(v);
  const digit = /\d/.test(v);
  const symbol = /[^A-Za-z0-9]/.test(v);
  const letters = lower || upper;
  if (letters && digit) return true;
  if (lower && upper && v.length >= 12) return true;
  if (symbol && letters && (upper && lower) && v.length >= 8) return true;
  return false;
}
