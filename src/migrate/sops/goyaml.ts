// How sops (Go, yaml.v3) reads a plain YAML scalar, and how it turns the result into the bytes its
// MAC covers (sops' ToBytes), written from reading yaml.v3's resolve.go/encode.go and sops.go.
// JavaScript's YAML 1.2 reading differs: `1_000`, `0b11` are ints in Go and strings here, `017`
// is octal 15 in Go and 17 here, `2024-01-01` is a timestamp in Go, `1e21` prints as
// `1000000000000000000000` in Go and `1e+21` here. A MAC computed from JS types is refused by
// sops (and a valid sops file looks tampered with to us).
import { SopsFormatError } from './cipher.js';

export type GoScalar =
  | { kind: 'str'; text: string }
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'uint'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'timestamp'; text: string }
  | { kind: 'merge' };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const MAP: Record<string, GoScalar> = {};
for (const s of ['true', 'True', 'TRUE']) MAP[s] = { kind: 'bool', value: true };
for (const s of ['false', 'False', 'FALSE']) MAP[s] = { kind: 'bool', value: false };
for (const s of ['', '~', 'null', 'Null', 'NULL']) MAP[s] = { kind: 'null' };
for (const s of ['.nan', '.NaN', '.NAN']) MAP[s] = { kind: 'float', value: NaN };
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) MAP[s] = { kind: 'float', value: Infinity };
for (const s of ['-.inf', '-.Inf', '-.INF']) MAP[s] = { kind: 'float', value: -Infinity };
MAP['<<'] = { kind: 'merge' };

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

/** Go's strconv.ParseInt(s, 0, 64) (then ParseUint) on a text without underscores, or null. */
function parseGoInt(s: string): GoScalar | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  const body = m[2]!;
  let digits: bigint;
  if (/^0[xXbBoO]/.test(body)) digits = BigInt(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) digits = BigInt(`0o${body.slice(1)}`);
  else digits = BigInt(body);
  const v = m[1] === '-' ? -digits : digits;
  if (v >= INT64_MIN && v <= INT64_MAX) return { kind: 'int', value: v };
  // ParseUint takes no sign.
  if (m[1] === '' && v <= UINT64_MAX) return { kind: 'uint', value: v };
  return null;
}

/** Go's time.Parse with yaml.v3's four layouts, printed as time.Time.MarshalText (RFC 3339, nanoseconds). */
function parseGoTimestamp(s: string): string | null {
  if (!/^[0-9]{4}-/.test(s)) return null;
  const m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, sep, h, mi, se, frac, zone] = m;
  // The layouts with a T carry a zone; the one with a space has none.
  if (sep && (sep === ' ') !== (zone === undefined)) return null;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h ?? 0), minute = Number(mi ?? 0), second = Number(se ?? 0);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysIn) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  const nanos = (frac ?? '').slice(0, 9).replace(/0+$/, '');
  return `${y}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${nanos ? `.${nanos}` : ''}${!zone || zone === 'Z' || zone === '+00:00' ? 'Z' : zone}`;
}

/** yaml.v3's resolve() of an untagged plain scalar. */
export function goResolve(text: string): GoScalar {
  const mapped = MAP[text];
  if (mapped) return mapped;
  const c = text[0] ?? '';
  if (c === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) return { kind: 'float', value: Number(text) };
    return { kind: 'str', text };
  }
  if (!/[-+0-9]/.test(c)) return { kind: 'str', text };
  const ts = parseGoTimestamp(text);
  if (ts !== null) return { kind: 'timestamp', text: ts };
  const plain = text.replace(/_/g, '');
  const int = parseGoInt(plain);
  if (int) return int;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return { kind: 'float', value: f };
  }
  const bin = /^(-?)0b([01]+)$/.exec(plain);
  if (bin) {
    const v = (bin[1] ? -1n : 1n) * BigInt(`0b${bin[2]}`);
    if (v >= INT64_MIN && v <= INT64_MAX) return { kind: 'int', value: v };
    if (!bin[1] && v <= UINT64_MAX) return { kind: 'uint', value: v };
  }
  const oct = /^(-?)0o([0-7]+)$/.exec(plain);
  if (oct) {
    const v = (oct[1] ? -1n : 1n) * BigInt(`0o${oct[2]}`);
    if (v >= INT64_MIN && v <= INT64_MAX) return { kind: 'int', value: v };
    if (!oct[1] && v <= UINT64_MAX) return { kind: 'uint', value: v };
  }
  return { kind: 'str', text };
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64): the shortest round-trip digits, never an exponent. */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (Object.is(f, -0)) return '-0';
  const s = String(f);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expText] = m;
  const digits = int! + frac;
  const point = int!.length + Number(expText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The bytes sops' MAC covers for a plain scalar it did not encrypt, or null for a null value (sops
 * skips it). `label` names the value in the error for a type sops itself cannot hash.
 */
export function goPlainBytes(text: string, label: string): Buffer | null {
  const r = goResolve(text);
  switch (r.kind) {
    case 'str': return Buffer.from(r.text, 'utf8');
    case 'null': return null;
    case 'bool': return Buffer.from(r.value ? 'True' : 'False');
    case 'int': return Buffer.from(r.value.toString());
    case 'float': return Buffer.from(goFormatFloat(r.value));
    case 'timestamp': return Buffer.from(r.text);
    case 'uint': throw new SopsFormatError(`${label}: an integer above 2^63-1, which sops cannot handle (quote it)`);
    case 'merge': throw new SopsFormatError(`${label}: a YAML merge key '<<' as a value`);
  }
}

/**
 * Whether yaml.v3 (what sops writes with) quotes a string: when a plain scalar would read as
 * something else (number, date, bool, null, merge key) or as a YAML 1.1 bool or base-60 float.
 * The last two matter for sops-nix, whose build-time check reads YAML 1.1.
 */
export function goNeedsQuotes(s: string): boolean {
  return goResolve(s).kind !== 'str' || OLD_BOOLS.has(s) || (BASE60_FLOAT.test(s) && s.includes(':'));
}
