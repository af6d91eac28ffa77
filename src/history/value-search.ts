import { LineIndex } from '../text/line-index.js';

/** Where a found secret value also sits, whether or not a rule sees it there. */
export interface Occurrence {
  value: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Values shorter than this are not looked for elsewhere: they would match unrelated text (a
 * secret that short is still reported where a rule found it).
 */
const MIN_LENGTH = 6;

/** From this size and this many values, a blob is read once for where values may start (holding()): measured, one includes() per value is faster below. */
const ONE_PASS_MIN_BYTES = 4096;
const ONE_PASS_MIN_VALUES = 12;

/** Blobs up to this size keep a byte-triple signature, so that a later value is looked for only where it may be. */
const SIGNATURE_MAX_BYTES = 64 * 1024;
const SIGNATURE_LOG2 = 12;
const SIGNATURE_BITS = 1 << SIGNATURE_LOG2;

/** The set of byte triples a buffer holds, hashed into SIGNATURE_BITS bits. */
function tripleBits(data: Uint8Array, into: Uint8Array): Uint8Array {
  for (let i = 2; i < data.length; i++) {
    const h = Math.imul((data[i - 2]! << 16) | (data[i - 1]! << 8) | data[i]!, 0x9e3779b1) >>> (32 - SIGNATURE_LOG2);
    into[h >>> 3]! |= 1 << (h & 7);
  }
  return into;
}

/**
 * The secret values found so far, in the order they were found, and where they occur in a text:
 * a value a rule found in one file may sit in another where no rule sees it (a different key
 * name, a branch's copy of a config), and that file held it too (a purge must rewrite it).
 */
export class ValueSearch {
  readonly values: string[] = [];
  /** Per value, its bytes as UTF-8 and, when different, as ISO-8859-1 (a latin-1 file, decoded as `scan` decodes it). */
  private readonly forms: Buffer[][] = [];
  private readonly known = new Set<string>();

  add(value: string): void {
    if (value.length < MIN_LENGTH || this.known.has(value)) return;
    this.known.add(value);
    this.values.push(value);
    const utf8 = Buffer.from(value, 'utf8');
    const latin1 = /^[\u0000-\u00ff]*$/.test(value) ? Buffer.from(value, 'latin1') : null;
    this.forms.push(latin1 && !latin1.equals(utf8) ? [utf8, latin1] : [utf8]);
  }

  get size(): number {
    return this.values.length;
  }

  /** A small blob's signature (null for a larger one): every value it holds has all its byte triples in it. */
  signature(data: Uint8Array): Uint8Array | null {
    return data.length > SIGNATURE_MAX_BYTES ? null : tripleBits(data, new Uint8Array(SIGNATURE_BITS / 8));
  }

  /** Whether a blob with this signature may hold one of values[from..] (false: it holds none). */
  mayHold(signature: Uint8Array, from: number): boolean {
    for (let i = from; i < this.values.length; i++) {
      for (const form of this.forms[i]!) {
        const bits = (this.bits[i] ??= []).find((b) => b.form === form)?.bits ?? this.addBits(i, form);
        let all = true;
        for (let w = 0; w < bits.length && all; w++) if ((signature[w]! & bits[w]!) !== bits[w]) all = false;
        if (all) return true;
      }
    }
    return false;
  }

  /** For holding(): the first two bytes of every form as bits, and the forms by their first four bytes. */
  private starts: { size: number; pairs: Uint8Array; byFour: Map<number, Array<{ value: number; form: Buffer }>> } | null = null;

  /** The values (indexes) that occur in data, in some form: one pass for where a value may start, each such place compared. */
  private holding(data: Buffer): Set<number> {
    if (this.starts?.size !== this.values.length) {
      const pairs = new Uint8Array(65536 / 8);
      const byFour = new Map<number, Array<{ value: number; form: Buffer }>>();
      this.forms.forEach((forms, value) => {
        for (const form of forms) {
          const two = form[0]! | (form[1]! << 8);
          pairs[two >>> 3]! |= 1 << (two & 7);
          const four = (two | (form[2]! << 16) | (form[3]! << 24)) >>> 0;
          const list = byFour.get(four) ?? [];
          list.push({ value, form });
          byFour.set(four, list);
        }
      });
      this.starts = { size: this.values.length, pairs, byFour };
    }
    const { pairs, byFour } = this.starts;
    const out = new Set<number>();
    for (let i = 0, end = data.length - 3; i < end; i++) {
      const two = data[i]! | (data[i + 1]! << 8);
      if ((pairs[two >>> 3]! & (1 << (two & 7))) === 0) continue;
      const list = byFour.get((two | (data[i + 2]! << 16) | (data[i + 3]! << 24)) >>> 0);
      if (!list) continue;
      for (const { value, form } of list) if (!out.has(value) && i + form.length <= data.length && form.compare(data, i, i + form.length) === 0) out.add(value);
    }
    return out;
  }

  private readonly bits: Array<Array<{ form: Buffer; bits: Uint8Array }>> = [];
  private addBits(i: number, form: Buffer): Uint8Array {
    const bits = tripleBits(form, new Uint8Array(SIGNATURE_BITS / 8));
    this.bits[i]!.push({ form, bits });
    return bits;
  }

  /**
   * The first occurrence of each of values[from..] in a blob: searched in its bytes (no decoding
   * unless one is there), placed in its text (`decode` gives it as the scanner saw it).
   */
  find(data: Buffer, decode: () => string, from = 0): Occurrence[] {
    const out: Occurrence[] = [];
    let text: string | null = null;
    let index: LineIndex | null = null;
    // A large blob is read once for where any value may start, not once per value.
    const maybe = data.length >= ONE_PASS_MIN_BYTES && this.values.length - from >= ONE_PASS_MIN_VALUES ? this.holding(data) : null;
    for (let i = from; i < this.values.length; i++) {
      if (maybe ? !maybe.has(i) : !this.forms[i]!.some((f) => data.includes(f))) continue;
      const value = this.values[i]!;
      text ??= decode();
      const at = text.indexOf(value);
      if (at < 0) continue;
      index ??= new LineIndex(text);
      const start = index.position(at);
      const end = index.position(at + value.length);
      out.push({ value, line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
    }
    return out;
  }
}
