/**
 * The template source before parsing: chezmoi removes directive lines (and, in modify_ files,
 * the `chezmoi:modify-template` line) before Go sees the text. Positions reported to users and
 * spans used for rewriting must refer to the ORIGINAL file, so this module keeps the map from
 * the parsed text back to the original and converts indices to line, column and byte offset.
 */
import { goQuote, goUnquote, utf8Length } from './gostrconv.js';

export interface Directive {
  /** 1-based line in the original file. */
  line: number;
  /** The directive line without its line ending. */
  text: string;
  options: Record<string, string>;
}

/** A run of the parsed text that is a verbatim copy of the original at `orig`. */
interface Segment {
  stripped: number;
  orig: number;
}

const DIRECTIVE_MARKER = 'chezmoi:template:';
const MODIFY_MARKER = 'chezmoi:modify-template';
/** chezmoi's key=value expression; Go's \s and \S are ASCII-only, hence the explicit classes. */
const KEY_VALUE_RX = /[\t\n\f\r ]*([^\t\n\f\r ]+)=("(?:[^"]|\\")*"|[^\t\n\f\r ]+)/g;

/** chezmoi: strconv.Unquote when it succeeds, else the raw value. */
function maybeUnquote(s: string): string {
  return goUnquote(s) ?? s;
}

const ENCODINGS = new Set(['utf-8', 'utf-8-bom', 'utf-16-be', 'utf-16-be-bom', 'utf-16-le', 'utf-16-le-bom']);

/**
 * Directive values current chezmoi rejects (its ParseTemplate then fails): an unknown
 * `encoding`, a `format-indent-width` that is not an integer. Returns chezmoi's message.
 */
export function directiveValueError(options: Record<string, string>): string | null {
  for (const [key, value] of Object.entries(options)) {
    if (key === 'encoding' && !ENCODINGS.has(value)) return `${value}: unknown encoding`;
    if (key === 'format-indent-width') {
      if (!/^[+-]?[0-9]+$/.test(value)) return `strconv.Atoi: parsing ${goQuote(value)}: invalid syntax`;
      if (Math.abs(Number(value)) > 2 ** 63 - 1) return `strconv.Atoi: parsing ${goQuote(value)}: value out of range`;
    }
  }
  return null;
}

export function parseDirectiveOptions(rest: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const m of rest.matchAll(KEY_VALUE_RX)) options[m[1]] = maybeUnquote(m[2]);
  return options;
}

export class TemplateSource {
  readonly original: string;
  /** The text handed to the parser. */
  readonly text: string;
  readonly directives: Directive[];
  /** The first directive chezmoi would reject (current chezmoi; the Go 1.19 oracle does not check). */
  readonly directiveError: { message: string; line: number } | null = null;
  private readonly segments: Segment[];
  /** Start index of every line of the original. */
  private readonly lineStarts: number[];
  /** Start index of every line of the parsed text (Go reports error lines in these). */
  private strippedLineStarts: number[] | null = null;
  private readonly ascii: boolean;

  constructor(original: string, opts: { modify?: boolean } = {}) {
    this.original = original;
    this.lineStarts = lineStartsOf(original);
    this.ascii = !/[^\x00-\x7f]/.test(original);
    const removed: { start: number; end: number }[] = [];
    this.directives = [];
    if (original.includes(DIRECTIVE_MARKER) || (opts.modify && original.includes(MODIFY_MARKER))) {
      for (let l = 0; l < this.lineStarts.length; l++) {
        const start = this.lineStarts[l];
        const nl = original.indexOf('\n', start);
        const lineEnd = nl < 0 ? original.length : nl;
        const end = nl < 0 ? original.length : nl + 1;
        const line = original.slice(start, lineEnd);
        const at = line.indexOf(DIRECTIVE_MARKER);
        if (opts.modify && line.includes(MODIFY_MARKER)) {
          // chezmoi removes this line first (modifyTemplateRx), so a directive on it is ignored.
          removed.push({ start, end });
        } else if (at >= 0) {
          const options = parseDirectiveOptions(line.slice(at + DIRECTIVE_MARKER.length));
          this.directives.push({ line: l + 1, text: line.replace(/\r$/, ''), options });
          const bad = this.directiveError ? null : directiveValueError(options);
          if (bad) this.directiveError = { message: bad, line: l + 1 };
          removed.push({ start, end });
        }
        if (nl < 0) break;
      }
    }
    const segments: Segment[] = [{ stripped: 0, orig: 0 }];
    let text = original;
    if (removed.length > 0) {
      let out = '';
      let prev = 0;
      segments.length = 0;
      for (const r of removed) {
        segments.push({ stripped: out.length, orig: prev });
        out += original.slice(prev, r.start);
        prev = r.end;
      }
      segments.push({ stripped: out.length, orig: prev });
      out += original.slice(prev);
      text = out;
    }
    this.text = text;
    this.segments = segments;
  }

  /** Delimiters from the directives (the later one wins; an empty value means the default). */
  delimiters(defaultLeft = '{{', defaultRight = '}}'): { left: string; right: string; fromDirective: boolean } {
    let left = defaultLeft;
    let right = defaultRight;
    let fromDirective = false;
    for (const d of this.directives) {
      if ('left-delimiter' in d.options) { left = d.options['left-delimiter']; fromDirective = true; }
      if ('right-delimiter' in d.options) { right = d.options['right-delimiter']; fromDirective = true; }
    }
    return { left: left || '{{', right: right || '}}', fromDirective };
  }

  /** Maps an index in the parsed text to the original text. */
  toOriginal(i: number): number {
    const segs = this.segments;
    if (segs.length === 1) return i;
    let k = segs.length - 1;
    while (k > 0 && i < segs[k].stripped) k--;
    return segs[k].orig + (i - segs[k].stripped);
  }

  /** Maps an exclusive end index; the end of a run stays before a removed line. */
  endToOriginal(i: number, start: number): number {
    if (i <= start) return this.toOriginal(i);
    return this.toOriginal(i - 1) + 1;
  }

  /** Line (0-based) of the last lookup: positions are mostly asked for in order. */
  private cacheLine = 0;
  /** Code points before the start of cacheLine (non-ASCII text only). */
  private cacheLineCol = 0;

  /** 1-based line of an original index. */
  lineOf(orig: number): number {
    const ls = this.lineStarts;
    const c = this.cacheLine;
    if (orig >= ls[c] && (c + 1 >= ls.length || orig < ls[c + 1])) return c + 1;
    if (c + 1 < ls.length && orig >= ls[c + 1] && (c + 2 >= ls.length || orig < ls[c + 2])) return c + 2;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= orig) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based line, 1-based column in code points, and 0-based UTF-8 byte offset of an original index. */
  position(orig: number): { line: number; column: number; offset: number } {
    const p = { line: 0, column: 0, offset: 0 };
    this.fillPosition(p, orig);
    return p;
  }

  /** Like position(), written into `p` (no allocation: this runs for every node). */
  fillPosition(p: { line: number; column: number; offset: number }, orig: number): void {
    const line = this.lineOf(orig);
    const lineStart = this.lineStarts[line - 1];
    p.line = line;
    if (this.ascii) {
      this.cacheLine = line - 1;
      p.column = orig - lineStart + 1;
      p.offset = orig;
      return;
    }
    if (this.cacheLine !== line - 1) {
      this.cacheLine = line - 1;
      this.cacheLineCol = this.counts(lineStart).column;
    }
    const at = this.counts(orig);
    p.column = at.column - this.cacheLineCol + 1;
    p.offset = at.bytes;
  }

  /** The UTF-8 byte offset of an original index. */
  byteOffset(orig: number): number {
    if (this.ascii) return orig;
    return this.counts(orig).bytes;
  }

  /**
   * Checkpoints every CHECKPOINT_SPACING characters of a non-ASCII original (index, and the code
   * points and UTF-8 bytes before it), so that a lookup measures at most that many characters
   * however far it is from the last one (define bodies are visited by name, not in file order).
   */
  private checkpoints: { idx: number[]; column: number[]; bytes: number[] } | null = null;
  /** The last index counted and its counts: lookups mostly move forward a little. */
  private cursorIdx = 0;
  private cursorCol = 0;
  private cursorBytes = 0;

  /** Code points and UTF-8 bytes of original[0, orig), into `measured`. */
  private counts(orig: number): { column: number; bytes: number } {
    const cps = this.checkpoints ?? (this.checkpoints = checkpointsOf(this.original));
    let k = Math.min(Math.floor(orig / CHECKPOINT_SPACING), cps.idx.length - 1);
    if (cps.idx[k] > orig) k--;
    let from = cps.idx[k];
    let column = cps.column[k];
    let bytes = cps.bytes[k];
    if (this.cursorIdx <= orig && this.cursorIdx > from) {
      from = this.cursorIdx;
      column = this.cursorCol;
      bytes = this.cursorBytes;
    }
    measure(this.original, from, orig);
    measured.column += column;
    measured.bytes += bytes;
    this.cursorIdx = orig;
    this.cursorCol = measured.column;
    this.cursorBytes = measured.bytes;
    return measured;
  }

  /** The original line (1-based) of a line number counted in the parsed text, as Go reports it. */
  originalLineOfParsedLine(n: number): number {
    if (!this.strippedLineStarts) this.strippedLineStarts = lineStartsOf(this.text);
    const starts = this.strippedLineStarts;
    if (n < 1 || n > starts.length) return 0;
    return this.lineOf(this.toOriginal(starts[n - 1]));
  }



}

const CHECKPOINT_SPACING = 1024;

/** See TemplateSource.checkpoints. A checkpoint never splits a surrogate pair. */
function checkpointsOf(s: string): { idx: number[]; column: number[]; bytes: number[] } {
  const idx = [0];
  const column = [0];
  const bytes = [0];
  let from = 0;
  let col = 0;
  let b = 0;
  for (let next = CHECKPOINT_SPACING; next < s.length; next += CHECKPOINT_SPACING) {
    let at = next;
    if (isLowSurrogate(s.charCodeAt(at)) && isHighSurrogate(s.charCodeAt(at - 1))) at++;
    measure(s, from, at);
    col += measured.column;
    b += measured.bytes;
    idx.push(at);
    column.push(col);
    bytes.push(b);
    from = at;
  }
  return { idx, column, bytes };
}

/** Result of measure(), reused: it runs for every node of a non-ASCII file. */
const measured = { column: 0, bytes: 0 };

/** Code points and UTF-8 bytes of s[from, to), into `measured`. */
function measure(s: string, from: number, to: number): void {
  let column = 0;
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (isHighSurrogate(c) && i + 1 < to && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
    column++;
  }
  measured.column = column;
  measured.bytes = bytes;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function lineStartsOf(s: string): number[] {
  const starts = [0];
  let i = s.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = s.indexOf('\n', i + 1);
  }
  return starts;
}

export { utf8Length };
