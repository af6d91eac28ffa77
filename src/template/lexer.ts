/**
 * A port of the lexer of Go's text/template/parse (lex.go): same states, same tokens, same
 * error messages and the same line bookkeeping. Positions are UTF-16 indices into the text
 * handed to the parser (after chezmoi's directive lines are removed); the caller maps them.
 * Pull-based, as Go's has been since Go 1.20 (it no longer runs in a goroutine feeding a channel):
 * nextItem() runs states until one emits.
 */
import { formatRuneU, goQuote, goQuoteTruncated, isAlphaNumeric, isGoPrint, utf8Length } from './gostrconv.js';

/** Token kinds, in Go's order (the keywords come after Keyword). */
export const T = {
  Error: 0, Bool: 1, Char: 2, CharConstant: 3, Comment: 4, Complex: 5, Assign: 6, Declare: 7, EOF: 8,
  Field: 9, Identifier: 10, LeftDelim: 11, LeftParen: 12, Number: 13, Pipe: 14, RawString: 15,
  RightDelim: 16, RightParen: 17, Space: 18, String: 19, Text: 20, Variable: 21,
  Keyword: 22, Block: 23, Break: 24, Continue: 25, Dot: 26, Define: 27, Else: 28, End: 29, If: 30,
  Nil: 31, Range: 32, Template: 33, With: 34,
} as const;
export type ItemType = (typeof T)[keyof typeof T];

export const ITEM_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(T).map(([k, v]) => [v, k === 'EOF' ? k : k.charAt(0).toLowerCase() + k.slice(1)]),
);

const KEYWORDS: Record<string, ItemType> = {
  '.': T.Dot, block: T.Block, break: T.Break, continue: T.Continue, define: T.Define, else: T.Else,
  end: T.End, if: T.If, range: T.Range, nil: T.Nil, template: T.Template, with: T.With,
};

export interface Item {
  typ: ItemType;
  /** Index in the parsed text. */
  pos: number;
  val: string;
  /** Line at the start of the item, counted as Go's lexer counts it. */
  line: number;
  /** LeftDelim/RightDelim: a trim marker belongs to this delimiter. Comment: the right one. */
  trim: boolean;
  /** Comment: `{{- ` opened it. */
  trimLeft: boolean;
  /** Comment: the span of the whole tag, delimiters included (else -1). */
  tagStart: number;
  tagEnd: number;
}

/** Go's item.String(), used in "unexpected X in Y" messages. */
export function itemString(i: Item): string {
  if (i.typ === T.EOF) return 'EOF';
  if (i.typ === T.Error) return i.val;
  if (i.typ > T.Keyword) return `<${i.val}>`;
  if (utf8Length(i.val) > 10) return `${goQuoteTruncated(i.val, 10)}...`;
  return goQuote(i.val);
}

export interface LexOptions {
  left: string;
  right: string;
  emitComment: boolean;
  breakOK: boolean;
  continueOK: boolean;
  /**
   * Go up to at least 1.21 forgets the newlines inside a comment when comments are emitted
   * (ParseComments mode), so later error lines are too small. Keep that only to agree with
   * an oracle built that way; chezmoi itself does not emit comments and counts correctly.
   */
  commentLineQuirk: boolean;
}

const EOF_RUNE = -1;
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM_MARKER_LEN = 2;

type StateFn = ((l: Lexer) => StateFn) | null;

function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

function isSpaceChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

function hasLeftTrimMarker(s: string, i: number): boolean {
  return i + 1 < s.length && s.charCodeAt(i) === 0x2d && isSpaceChar(s, i + 1);
}

function hasRightTrimMarker(s: string, i: number): boolean {
  return i + 1 < s.length && isSpaceChar(s, i) && s.charCodeAt(i + 1) === 0x2d;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  if (to - from < 256) {
    // Short runs (most calls): a bounded loop. indexOf would search on to the next newline,
    // which makes long lines with many actions quadratic.
    for (let i = from; i < to; i++) if (s.charCodeAt(i) === 0x0a) n++;
    return n;
  }
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export class Lexer {
  readonly input: string;
  readonly left: string;
  readonly right: string;
  private readonly opts: LexOptions;
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  private state: StateFn = lexText;
  private queue: Item[] = [];
  private lastWidth = 0;
  /** Trim flag of the left delimiter of the action being lexed. */
  pendingTrim = false;

  constructor(input: string, opts: LexOptions) {
    this.input = input;
    this.left = opts.left || '{{';
    this.right = opts.right || '}}';
    this.opts = opts;
  }

  /** The next token. After EOF or an error, Go's closed channel yields zero items. */
  nextItem(): Item {
    while (this.queue.length === 0) {
      if (this.state === null) return { typ: T.Error, pos: 0, val: '', line: 0, trim: false, trimLeft: false, tagStart: -1, tagEnd: -1 };
      this.state = this.state(this);
    }
    return this.queue.shift()!;
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      this.lastWidth = 0;
      return EOF_RUNE;
    }
    const r = this.input.codePointAt(this.pos)!;
    const w = r > 0xffff ? 2 : 1;
    this.pos += w;
    this.lastWidth = w;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  /** Steps back one rune (Go decodes the last rune before pos; a no-op once EOF was hit). */
  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const c = this.input.charCodeAt(this.pos - 1);
      const w = c >= 0xdc00 && c <= 0xdfff && this.pos > 1 && (this.input.charCodeAt(this.pos - 2) & 0xfc00) === 0xd800 ? 2 : 1;
      this.pos -= w;
      if (c === 0x0a) this.line--;
    }
  }

  emit(typ: ItemType, trim = false, trimLeft = false, tagStart = -1, tagEnd = -1): void {
    // Every item has the same shape (fast property access in the parser).
    const item: Item = { typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine, trim, trimLeft, tagStart, tagEnd };
    this.queue.push(item);
    this.start = this.pos;
    this.startLine = this.line;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF_RUNE && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF_RUNE || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  errorf(message: string): StateFn {
    this.queue.push({ typ: T.Error, pos: this.start, val: message, line: this.startLine, trim: false, trimLeft: false, tagStart: -1, tagEnd: -1 });
    return null;
  }

  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    const s = this.input;
    if (hasRightTrimMarker(s, this.pos) && s.startsWith(this.right, this.pos + TRIM_MARKER_LEN)) return { delim: true, trimSpaces: true };
    if (s.startsWith(this.right, this.pos)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF_RUNE: case 0x2e: case 0x2c: case 0x7c: case 0x3a: case 0x29: case 0x28:
        return true;
    }
    return this.input.startsWith(this.right, this.pos);
  }

  get emitComment(): boolean {
    return this.opts.emitComment;
  }

  get commentLineQuirk(): boolean {
    return this.opts.commentLineQuirk;
  }

  keywordType(word: string): ItemType | undefined {
    // Most words are no keyword: rule them out by length before a keyed lookup (which must hash
    // the freshly sliced word).
    if (word.length > 8) return undefined;
    const k = KEYWORDS[word];
    if (k === undefined) return undefined;
    if ((k === T.Break && !this.opts.breakOK) || (k === T.Continue && !this.opts.continueOK)) return T.Identifier;
    return k;
  }

  get width(): number {
    return this.lastWidth;
  }
}

function rightTrimLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpaceChar(s, i - 1)) i--;
  return to - i;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpaceChar(s, i)) i++;
  return i - from;
}

function lexText(l: Lexer): StateFn {
  const x = l.input.indexOf(l.left, l.pos);
  if (x >= 0) {
    const ldn = l.left.length;
    l.pos = x;
    let trimLength = 0;
    if (hasLeftTrimMarker(l.input, l.pos + ldn)) trimLength = rightTrimLength(l.input, l.start, l.pos);
    l.pos -= trimLength;
    if (l.pos > l.start) {
      l.line += countNewlines(l.input, l.start, l.pos);
      l.emit(T.Text);
    }
    l.pos += trimLength;
    l.ignore();
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    l.emit(T.Text);
  }
  l.emit(T.EOF);
  return null;
}

function lexLeftDelim(l: Lexer): StateFn {
  const tagStart = l.pos;
  l.pos += l.left.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? TRIM_MARKER_LEN : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return (lx) => lexComment(lx, tagStart, trimSpace);
  }
  l.emit(T.LeftDelim, trimSpace);
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer, tagStart: number, trimLeft: boolean): StateFn {
  const commentStart = l.pos;
  l.pos += LEFT_COMMENT.length;
  const i = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (i < 0) return l.errorf('unclosed comment');
  l.pos = i + RIGHT_COMMENT.length;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  const tagEnd = l.pos + (trimSpaces ? TRIM_MARKER_LEN : 0) + l.right.length;
  if (l.emitComment) {
    if (!l.commentLineQuirk) l.line += countNewlines(l.input, commentStart, l.pos);
    l.emit(T.Comment, trimSpaces, trimLeft, tagStart, tagEnd);
  }
  if (trimSpaces) l.pos += TRIM_MARKER_LEN;
  l.pos += l.right.length;
  if (trimSpaces) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn {
  const trimSpace = hasRightTrimMarker(l.input, l.pos);
  if (trimSpace) {
    l.pos += TRIM_MARKER_LEN;
    l.ignore();
  }
  l.pos += l.right.length;
  l.emit(T.RightDelim, trimSpace);
  if (trimSpace) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  return lexText;
}

function lexInsideAction(l: Lexer): StateFn {
  const { delim } = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF_RUNE) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case 0x3d: // '='
      l.emit(T.Assign);
      return lexInsideAction;
    case 0x3a: // ':'
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      l.emit(T.Declare);
      return lexInsideAction;
    case 0x7c: // '|'
      l.emit(T.Pipe);
      return lexInsideAction;
    case 0x22: return lexQuote;
    case 0x60: return lexRawQuote;
    case 0x24: return lexVariable;
    case 0x27: return lexChar;
    case 0x2e: // '.'
      if (l.pos < l.input.length) {
        const c = l.input.charCodeAt(l.pos);
        if (c < 0x30 || c > 0x39) return lexField;
      }
      l.backup();
      return lexNumber;
    case 0x28:
      l.emit(T.LeftParen);
      l.parenDepth++;
      return lexInsideAction;
    case 0x29:
      l.emit(T.RightParen);
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren ${formatRuneU(r)}`);
      return lexInsideAction;
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r <= 0x7f && isGoPrint(r)) {
    l.emit(T.Char);
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
}

function lexSpace(l: Lexer): StateFn {
  let numSpaces = 0;
  for (;;) {
    const r = l.peek();
    if (!isSpace(r)) break;
    l.next();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.right, l.pos - 1 + TRIM_MARKER_LEN)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit(T.Space);
  return lexInsideAction;
}

function lexIdentifier(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
    const kw = l.keywordType(word);
    if (kw !== undefined && kw > T.Keyword) l.emit(kw);
    else if (kw === T.Identifier) l.emit(T.Identifier);
    else if (word[0] === '.') l.emit(T.Field);
    else if (word === 'true' || word === 'false') l.emit(T.Bool);
    else l.emit(T.Identifier);
    return lexInsideAction;
  }
}

function lexField(l: Lexer): StateFn {
  return lexFieldOrVariable(l, T.Field);
}

function lexVariable(l: Lexer): StateFn {
  if (l.atTerminator()) {
    l.emit(T.Variable);
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, T.Variable);
}

function lexFieldOrVariable(l: Lexer, typ: ItemType): StateFn {
  if (l.atTerminator()) {
    l.emit(typ === T.Variable ? T.Variable : T.Dot);
    return lexInsideAction;
  }
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
  l.emit(typ);
  return lexInsideAction;
}

function lexChar(l: Lexer): StateFn {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF_RUNE && r !== 0x0a) continue;
      return l.errorf('unterminated character constant');
    }
    if (r === EOF_RUNE || r === 0x0a) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  l.emit(T.CharConstant);
  return lexInsideAction;
}

function lexNumber(l: Lexer): StateFn {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    l.emit(T.Complex);
  } else {
    l.emit(T.Number);
  }
  return lexInsideAction;
}

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): StateFn {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF_RUNE && r !== 0x0a) continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === EOF_RUNE || r === 0x0a) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  l.emit(T.String);
  return lexInsideAction;
}

function lexRawQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === EOF_RUNE) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  l.emit(T.RawString);
  return lexInsideAction;
}
