// Expression files for git-filter-repo (`--replace-text`, `--replace-message`) and for BFG.
//
// git-filter-repo reads one expression a line (bytes, split on `\n`, trailing `\r\n` stripped),
// splits pattern from replacement at the LAST `==>`, and applies all `literal:` lines in file
// order, then all `regex:` lines in file order. BFG splits at the FIRST `==>`.

import { PURGE_PLACEHOLDER } from '../classify/placeholder.js';
import { isArmourLine } from '../text/pem.js';
import { purgePatterns } from '../text/value-forms.js';

export const DEFAULT_REPLACEMENT = PURGE_PLACEHOLDER;

/** Shorter values would rewrite unrelated text all over the history. */
export const MIN_SECRET_LENGTH = 4;

export class ExpressionError extends Error {}

export function validateReplacement(replacement: string): void {
  if (replacement.includes('==>')) throw new ExpressionError("the replacement must not contain '==>' (it separates pattern and replacement)");
  if (/[\r\n]/.test(replacement)) throw new ExpressionError('the replacement must be a single line');
}

/**
 * Distinct values, longest first. filter-repo applies expressions in order, so a short secret
 * that is part of a longer one (a password inside a URL) must come after it, or the longer one
 * would be cut in pieces and partly survive.
 */
export function orderValues(values: Iterable<string>): string[] {
  const distinct = [...new Set(values)];
  for (const v of distinct) {
    if (Array.from(v).length < MIN_SECRET_LENGTH) {
      throw new ExpressionError(`a secret value is shorter than ${MIN_SECRET_LENGTH} characters; replacing it everywhere would rewrite unrelated text`);
    }
  }
  return distinct.sort((a, b) => Buffer.byteLength(b) - Buffer.byteLength(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A value with characters in U+0080..U+00FF only may come from a file that is not UTF-8: the
 * scanner decodes such files as ISO-8859-1, so the same characters are one byte each there.
 */
export function hasLatin1Form(value: string): boolean {
  return /[\u0080-\u00ff]/.test(value) && !/[^\u0000-\u00ff]/.test(value);
}

/** The bytes a value can have in the repository: UTF-8, and ISO-8859-1 when that differs. */
export function byteForms(value: string): Buffer[] {
  const utf8 = Buffer.from(value, 'utf8');
  return hasLatin1Form(value) ? [utf8, Buffer.from(value, 'latin1')] : [utf8];
}

/** A line break cannot be written in a `literal:` line; such values need `regex:` lines. */
export function needsRegex(value: string): boolean {
  return /[\r\n]/.test(value);
}

/**
 * Escape a value as a Python `re` bytes pattern that matches exactly those bytes. Every ASCII
 * punctuation character is backslash-escaped (always literal in `re`), control characters
 * become `\n`, `\r`, `\t` or `\xHH`, letters, digits and non-ASCII bytes stay as they are. As a
 * side effect the pattern never contains `==>` (it becomes `\=\=\>`).
 */
export function pythonRegexEscape(value: string, latin1 = false): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    // latin1: the pattern of the value's ISO-8859-1 bytes, each such byte as `\xHH`.
    if (latin1 && cp >= 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0x80 || /[A-Za-z0-9_]/.test(ch)) out += ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += `\\${ch}`;
  }
  return out;
}

export interface FilterRepoExpressions {
  text: string;
  /** `literal` when every value fits a literal line; else every line is `regex:` (see below). */
  style: 'literal' | 'regex';
  values: string[];
}

/**
 * The `--replace-text` / `--replace-message` file. With only single-line values every line is
 * `literal:VALUE==>REPLACEMENT`: a value may contain `==>` because filter-repo splits at the last
 * one and the replacement has none. When any value spans lines (a private key block) every line
 * becomes an escaped `regex:` line instead, because filter-repo runs all literals before any
 * regex: a literal for a shorter secret inside the key block would otherwise break the block's
 * match and leave the rest of the key behind. Mixing would lose the longest-first order.
 */
export function filterRepoExpressions(values: Iterable<string>, replacement = DEFAULT_REPLACEMENT): FilterRepoExpressions {
  validateReplacement(replacement);
  // Each value in every form it is stored in (escaped, indented line by line: see forms.ts).
  const ordered = orderValues([...values].flatMap(purgePatterns));
  // A latin-1 form is not valid UTF-8 text, so it is written as an escaped regex (all lines then are).
  const style = ordered.some((v) => needsRegex(v) || hasLatin1Form(v)) ? 'regex' : 'literal';
  // In a regex line the replacement is a re.sub template: a backslash would start an escape.
  const regexReplacement = replacement.replace(/\\/g, '\\\\');
  const lines = ordered.flatMap((v) => style === 'literal'
    ? [`literal:${v}==>${replacement}`]
    : [`regex:${pythonRegexEscape(v)}==>${regexReplacement}`, ...(hasLatin1Form(v) ? [`regex:${pythonRegexEscape(v, true)}==>${regexReplacement}`] : [])]);
  return { text: lines.map((l) => `${l}\n`).join(''), style, values: ordered };
}

export interface BfgExpressions {
  text: string;
  notes: string[];
}

/**
 * The BFG `--replace-text` file: `VALUE==>REPLACEMENT`, split at the FIRST `==>`, so a value
 * containing `==>` cannot be expressed and is refused. BFG matches line by line, so a
 * multi-line value is written as one literal per line of it (armour lines excepted).
 */
export function bfgExpressions(values: Iterable<string>, replacement = DEFAULT_REPLACEMENT): BfgExpressions {
  validateReplacement(replacement);
  const notes: string[] = [];
  const lineValues: string[] = [];
  for (const v of orderValues(values)) {
    if (v.includes('==>')) throw new ExpressionError("a secret value contains '==>', which BFG cannot express (it splits at the first '==>'); use the git-filter-repo file");
    if (/^(regex|glob|literal):/.test(v)) throw new ExpressionError('a secret value starts with a BFG pattern prefix (regex:, glob:, literal:); use the git-filter-repo file');
    if (needsRegex(v)) {
      const parts = v.split(/\r?\n|\r/).map((l) => l.trim()).filter((l) => l.length >= MIN_SECRET_LENGTH && !isArmourLine(l));
      notes.push(`a multi-line secret is written as ${parts.length} single-line expressions (BFG matches line by line)`);
      lineValues.push(...parts);
    } else lineValues.push(v);
  }
  const ordered = [...new Set(lineValues)].sort((a, b) => b.length - a.length);
  return { text: ordered.map((v) => `${v}==>${replacement}\n`).join(''), notes };
}

/** Replace every occurrence of `value` in `data` (leftmost, non-overlapping, like bytes.replace). */
export function replaceAllBytes(data: Buffer, value: Buffer, replacement: Buffer): Buffer {
  let at = data.indexOf(value);
  if (at < 0) return data;
  const parts: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    parts.push(data.subarray(from, at), replacement);
    from = at + value.length;
    at = data.indexOf(value, from);
  }
  parts.push(data.subarray(from));
  return Buffer.concat(parts);
}

/**
 * What git-filter-repo turns a text blob or a message into: the ordered replacements applied one
 * after the other. Verification compares every rewritten blob with this, byte for byte.
 */
export function expectedRewrite(data: Buffer, orderedValues: string[], replacement: string): Buffer {
  const rep = Buffer.from(replacement, 'utf8');
  let out = data;
  for (const v of orderedValues) for (const form of byteForms(v)) out = replaceAllBytes(out, form, rep);
  return out;
}

/** filter-repo leaves blobs with a NUL byte in their first 8 KiB untouched (it takes them for binary). */
export function isBinaryForFilterRepo(data: Buffer): boolean {
  return data.subarray(0, 8192).includes(0);
}

/** The address identities get: the replacement, unless a mailmap cannot hold it (then the default). */
export function mailmapAddress(replacement: string): string {
  return /^[^<>#\s]+$/.test(replacement) ? replacement : DEFAULT_REPLACEMENT;
}

/**
 * The git-filter-repo `--mailmap` file that replaces identity addresses holding a secret (a private
 * address as the commit author): `<REPLACEMENT> <old>` per address, so names stay. filter-repo
 * matches the old address case-insensitively and takes `#` as a comment, `<`/`>` as delimiters:
 * such an address cannot be written (returned in `unwritable`).
 */
export function mailmapText(emails: Iterable<string>, replacement = DEFAULT_REPLACEMENT): { text: string; unwritable: string[] } {
  const address = mailmapAddress(replacement);
  const ok: string[] = [];
  const unwritable: string[] = [];
  for (const e of [...new Set(emails)].sort()) (/^[^<>#\s]+$/.test(e) ? ok : unwritable).push(e);
  return { text: ok.map((e) => `<${address}> <${e}>\n`).join(''), unwritable };
}
