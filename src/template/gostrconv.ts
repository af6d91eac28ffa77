/**
 * The few pieces of Go's strconv, unicode and fmt that text/template/parse relies on, so that
 * literals are accepted or rejected exactly as Go does and error messages read the same.
 */

// Made on first use: setting up a class of Unicode properties costs V8 most of a millisecond at
// start-up, and a template in ASCII never needs one.
let letterOrDigit: RegExp | undefined;
let goPrintable: RegExp | undefined;

/** Go's isAlphaNumeric in lex.go: '_', unicode.IsLetter or unicode.IsDigit. */
export function isAlphaNumeric(cp: number): boolean {
  if (cp < 0x80) {
    return cp === 0x5f || (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a);
  }
  return cp >= 0 && (letterOrDigit ??= /[\p{L}\p{Nd}]/u).test(String.fromCodePoint(cp));
}

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return (goPrintable ??= /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u).test(String.fromCodePoint(cp));
}

/** fmt's %#U: `U+0041 'A'` (the character only when printable). */
export function formatRuneU(cp: number): string {
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return isGoPrint(cp) ? `${hex} '${String.fromCodePoint(cp)}'` : hex;
}

/** Number of bytes of `s` in UTF-8. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** strconv.Quote, as used by fmt's %q. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (isGoPrint(cp)) out += ch;
    else {
      switch (ch) {
        case '\x07': out += '\\a'; break;
        case '\b': out += '\\b'; break;
        case '\f': out += '\\f'; break;
        case '\n': out += '\\n'; break;
        case '\r': out += '\\r'; break;
        case '\t': out += '\\t'; break;
        case '\v': out += '\\v'; break;
        default:
          if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
          else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
          else out += '\\U' + cp.toString(16).padStart(8, '0');
      }
    }
  }
  return out + '"';
}

/** fmt's %.Nq: the first N runes of s, quoted. */
export function goQuoteTruncated(s: string, runes: number): string {
  let taken = '';
  let n = 0;
  for (const ch of s) {
    if (n++ >= runes) break;
    taken += ch;
  }
  return goQuote(taken);
}

function hexValue(c: string): number {
  const n = parseInt(c, 16);
  return Number.isNaN(n) || !/^[0-9a-fA-F]$/.test(c) ? -1 : n;
}

/**
 * strconv.UnquoteChar: decodes the first character or escape of s. Returns null on a syntax
 * error (Go's strconv.ErrSyntax, "invalid syntax").
 */
export function unquoteChar(s: string, quote: string): { value: number; tail: string } | null {
  const c = s[0];
  if (c === undefined) return null;
  if (c === quote && (quote === "'" || quote === '"')) return null;
  const cp = s.codePointAt(0)!;
  if (cp >= 0x80) return { value: cp, tail: s.slice(cp > 0xffff ? 2 : 1) };
  if (c !== '\\') return { value: cp, tail: s.slice(1) };
  if (s.length <= 1) return null;
  const e = s[1];
  let rest = s.slice(2);
  switch (e) {
    case 'a': return { value: 7, tail: rest };
    case 'b': return { value: 8, tail: rest };
    case 'f': return { value: 12, tail: rest };
    case 'n': return { value: 10, tail: rest };
    case 'r': return { value: 13, tail: rest };
    case 't': return { value: 9, tail: rest };
    case 'v': return { value: 11, tail: rest };
    case 'x': case 'u': case 'U': {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      if (rest.length < n) return null;
      let v = 0;
      for (let j = 0; j < n; j++) {
        const x = hexValue(rest[j]);
        if (x < 0) return null;
        v = v * 16 + x;
      }
      rest = rest.slice(n);
      if (e === 'x') return { value: v, tail: rest };
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return null;
      return { value: v, tail: rest };
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      let v = e.charCodeAt(0) - 48;
      if (rest.length < 2) return null;
      for (let j = 0; j < 2; j++) {
        const x = rest.charCodeAt(j) - 48;
        if (x < 0 || x > 7) return null;
        v = v * 8 + x;
      }
      if (v > 255) return null;
      return { value: v, tail: rest.slice(2) };
    }
    case '\\': return { value: 92, tail: rest };
    case "'": case '"':
      if (e !== quote) return null;
      return { value: e.charCodeAt(0), tail: rest };
    default:
      return null;
  }
}

/**
 * strconv.Unquote for "…", `…` and '…' literals; null on error. \x escapes give bytes in Go;
 * here they give the code point of the same value (exact for ASCII, which is what matters for
 * template and include names).
 */
export function goUnquote(s: string): string | null {
  const n = s.length;
  if (n < 2) return null;
  const quote = s[0];
  if (quote !== s[n - 1]) return null;
  let body = s.slice(1, n - 1);
  if (quote === '`') {
    if (body.includes('`')) return null;
    if (body.includes('\r')) body = body.replace(/\r/g, '');
    return body;
  }
  if (quote !== '"' && quote !== "'") return null;
  if (body.includes('\n')) return null;
  if (!body.includes('\\') && !body.includes(quote)) {
    if (quote === '"') return body;
    if (quote === "'" && [...body].length === 1) return body;
  }
  let out = '';
  while (body.length > 0) {
    const r = unquoteChar(body, quote);
    if (!r) return null;
    out += String.fromCodePoint(r.value);
    body = r.tail;
    if (quote === "'" && body.length !== 0) return null;
  }
  if (quote === "'" && out.length === 0) return null;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numbers: strconv.ParseUint / ParseInt / ParseFloat with base 0, as newNumber in node.go uses them.

function lower(c: string): string {
  return c.toLowerCase();
}

/** strconv's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s0: string): boolean {
  let s = s0;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MAX = (1n << 63n) - 1n;

/** strconv.ParseUint(s, 0, 64); null on any error. */
export function parseUint(s0: string): bigint | null {
  if (s0.length === 0) return null;
  let s = s0;
  let base = 10;
  if (s[0] === '0') {
    const p = s.length >= 3 ? lower(s[1]) : '';
    if (p === 'b') { base = 2; s = s.slice(2); }
    else if (p === 'o') { base = 8; s = s.slice(2); }
    else if (p === 'x') { base = 16; s = s.slice(2); }
    else { base = 8; s = s.slice(1); }
  }
  let n = 0n;
  let underscores = false;
  const b = BigInt(base);
  for (const c of s) {
    if (c === '_') { underscores = true; continue; }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base || !/[0-9a-zA-Z]/.test(c)) return null;
    n = n * b + BigInt(d);
    if (n > UINT64_MAX) return null;
  }
  if (underscores && !underscoreOK(s0)) return null;
  return n;
}

/** strconv.ParseInt(s, 0, 64); null on any error. */
export function parseInt64(s: string): bigint | null {
  if (s.length === 0) return null;
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseUint(body);
  if (u === null) return null;
  if (!neg && u > INT64_MAX) return null;
  if (neg && u > INT64_MAX + 1n) return null;
  return neg ? -u : u;
}

/** strconv.ParseFloat(s, 64) for what the template lexer can produce; null on syntax or range error. */
export function parseFloat64(s: string): number | null {
  let i = 0;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') { neg = s[i] === '-'; i++; }
  let base = 10;
  let expChar = 'e';
  if (i + 2 < s.length && s[i] === '0' && lower(s[i + 1]) === 'x') {
    base = 16;
    expChar = 'p';
    i += 2;
  }
  let underscores = false;
  let sawdot = false;
  let sawdigits = false;
  let mant = '';
  let fracDigits = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') { underscores = true; continue; }
    if (c === '.') {
      if (sawdot) break;
      sawdot = true;
      continue;
    }
    if ((c >= '0' && c <= '9') || (base === 16 && lower(c) >= 'a' && lower(c) <= 'f')) {
      sawdigits = true;
      mant += c;
      if (sawdot) fracDigits++;
      continue;
    }
    break;
  }
  if (!sawdigits) return null;
  let exp = 0;
  let hasExp = false;
  if (i < s.length && lower(s[i]) === expChar) {
    i++;
    if (i >= s.length) return null;
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') { i++; esign = -1; }
    if (i >= s.length || s[i] < '0' || s[i] > '9') return null;
    let e = 0;
    for (; i < s.length && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') { underscores = true; continue; }
      if (e < 100000) e = e * 10 + (s.charCodeAt(i) - 48);
    }
    exp = e * esign;
    hasExp = true;
  } else if (base === 16) {
    return null;
  }
  if (i !== s.length) return null;
  if (underscores && !underscoreOK(s.slice(0, i))) return null;
  let value: number;
  if (base === 10) {
    const intPart = mant.slice(0, mant.length - fracDigits) || '0';
    const frac = mant.slice(mant.length - fracDigits);
    value = Number(`${intPart}.${frac || '0'}e${hasExp ? exp : 0}`);
  } else {
    value = Number(BigInt('0x' + mant)) * Math.pow(2, exp - 4 * fracDigits);
  }
  if (!Number.isFinite(value)) return null;
  return neg ? -value : value;
}

/**
 * Checks a number literal the way newNumber in node.go does. Returns Go's error text, or null
 * when the literal is valid.
 */
export function checkNumber(text: string, kind: 'number' | 'char' | 'complex'): string | null {
  if (kind === 'char') {
    const r = unquoteChar(text.slice(1), text[0]);
    if (!r) return 'invalid syntax';
    if (r.tail !== "'") return `malformed character constant: ${text}`;
    return null;
  }
  if (kind === 'complex') {
    // fmt.Sscan into a complex128: a real part, a signed imaginary part and 'i'.
    const m = /^([+-]?[^+-]+(?:[eEpP][+-][0-9_]+)?)([+-].*)i$/.exec(text);
    if (m && parseFloat64(m[1]) !== null && parseFloat64(m[2]) !== null) return null;
    return `strconv.ParseFloat: parsing ${goQuote(text)}: invalid syntax`;
  }
  if (text.endsWith('i') && parseFloat64(text.slice(0, -1)) !== null) return null;
  if (parseUint(text) !== null || parseInt64(text) !== null) return null;
  if (parseFloat64(text) !== null) {
    if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
    return null;
  }
  return `illegal number syntax: ${goQuote(text)}`;
}
