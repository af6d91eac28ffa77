// TOML data files through toml-eslint-parser (an AST with ranges), TOML 1.0 like go-toml v2.

import { parseTOML, ParseError, type AST } from 'toml-eslint-parser';
import { FROM_TREE, LeafCollector, isPlainObject } from './leaves.js';
import type { LineIndex } from './lines.js';
import type { FormatResult } from './yaml.js';

type KeyValue = AST.TOMLKeyValue;
type Content = AST.TOMLContentNode;

function keyName(k: AST.TOMLBare | AST.TOMLQuoted): string {
  return k.type === 'TOMLBare' ? k.name : k.value;
}

/** Scalars keep their JS type; integers beyond 2^53 and dates stay as written (no precision loss). */
function scalar(node: AST.TOMLValue): unknown {
  switch (node.kind) {
    case 'integer':
      return Number.isSafeInteger(node.value) ? node.value : node.bigint.toString();
    case 'offset-date-time':
    case 'local-date-time':
    case 'local-date':
    case 'local-time':
      return node.datetime;
    default:
      return node.value;
  }
}

function convert(node: Content): unknown {
  switch (node.type) {
    case 'TOMLValue':
      return scalar(node);
    case 'TOMLArray':
      return node.elements.map(convert);
    case 'TOMLInlineTable': {
      const obj: Record<string, unknown> = {};
      for (const kv of node.body) setAt(obj, kv.key.keys.map(keyName), convert(kv.value));
      return obj;
    }
  }
}

/** Sets a value, creating maps (and, for array-of-tables indexes, lists) along the way. */
function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    const nextIsIndex = typeof path[i + 1] === 'number';
    const container = cur as Record<string | number, unknown>;
    if (last) {
      container[seg] = value;
      return;
    }
    if (container[seg] === undefined || (nextIsIndex ? !Array.isArray(container[seg]) : !isPlainObject(container[seg]))) {
      container[seg] = nextIsIndex ? [] : {};
    }
    cur = container[seg];
  }
}

function ensureAt(root: Record<string, unknown>, path: readonly (string | number)[]): void {
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const nextIsIndex = typeof path[i + 1] === 'number';
    const container = cur as Record<string | number, unknown>;
    if (container[seg] === undefined) container[seg] = nextIsIndex ? [] : {};
    cur = container[seg];
  }
}

/**
 * The `[` of an unclosed table header at or before the error, or null. The parser reads on past
 * the line end into the next lines and blames a later line ("the key, equals sign, and value must
 * be on the same line"); the header is the real fault. Confirmed by parsing the text up to the end
 * of that line: a `[` that opens a nested array inside a value fails otherwise.
 */
function unclosedHeader(text: string, errorIndex: number): number | null {
  const lineEnd = text.indexOf('\n', errorIndex);
  const before = text.slice(0, lineEnd < 0 ? text.length : lineEnd);
  const headers = [...before.matchAll(/^[ \t]*\[/gm)];
  const last = headers[headers.length - 1];
  if (!last) return null;
  const open = last.index + last[0].length - 1;
  const end = text.indexOf('\n', open);
  try {
    parseTOML(text.slice(0, end < 0 ? text.length : end), { tomlVersion: '1.0' });
  } catch (e) {
    if (e instanceof ParseError && /^Unterminated table-key/.test(e.message)) return open;
  }
  return null;
}

function describe(err: ParseError): string {
  if (/^Invalid code point .* within comments$/.test(err.message)) return 'invalid character in a comment';
  if (/^Invalid code point/.test(err.message)) return 'invalid code point';
  return err.message.charAt(0).toLowerCase() + err.message.slice(1);
}

/** Nesting limit for TOML data (arrays and inline tables), as for JSON (json.ts MAX_DEPTH). */
export const MAX_DEPTH = 1000;

/**
 * Index of the first `[` or `{` that opens level MAX_DEPTH + 1, or null. One pass that skips
 * comments and strings (basic, literal, multi-line); brackets outside them are structure (table
 * headers, arrays, inline tables), so the count is the parser's nesting, found without recursion.
 */
function firstTooDeep(text: string): number | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      const end = text.indexOf('\n', i);
      if (end < 0) return null;
      i = end;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      if (end < 0) return null; // unterminated: the parser says so
      i = end - 1;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === ']' || c === '}') depth--;
  }
  return null;
}

/** The index after the string that starts at `start` (a quote), or -1 when it does not end. */
function stringEnd(text: string, start: number): number {
  const q = text[start]!;
  const multi = text.startsWith(q + q + q, start);
  const close = multi ? q + q + q : q;
  for (let j = start + close.length; ; ) {
    const k = text.indexOf(close, j);
    if (k < 0) return -1;
    // In a basic string a backslash escapes the quote; literal strings have no escapes.
    let slashes = 0;
    if (q === '"') while (text[k - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) {
      let end = k + close.length;
      // A multi-line string may end in one or two quotes of its own before the closing three.
      if (multi) for (let extra = 0; extra < 2 && text[end] === q; extra++) end++;
      return end;
    }
    j = k + 1;
  }
}

export function parseTomlData(text: string, lines: LineIndex): FormatResult {
  const tooDeep = firstTooDeep(text);
  if (tooDeep !== null) {
    const at = lines.position(tooDeep);
    return { tree: {}, leaves: [], error: { file: at.file, line: at.line, column: at.column, message: `could not parse TOML: nested deeper than ${MAX_DEPTH} levels at line ${at.line}, column ${at.column}` } };
  }
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(text, { tomlVersion: '1.0' });
  } catch (err) {
    const file = lines.position(0).file;
    if (err instanceof ParseError) {
      const header = unclosedHeader(text, err.index);
      const at = lines.position(header ?? err.index);
      const what = header !== null ? "table header not closed with ']'" : describe(err);
      return { tree: {}, leaves: [], error: { file, line: at.line, column: at.column, message: `could not parse TOML: ${what} at line ${at.line}, column ${at.column}` } };
    }
    return { tree: {}, leaves: [], error: { file, line: 1, column: 1, message: 'could not parse TOML' } };
  }
  const tree: Record<string, unknown> = {};
  const out = new LeafCollector(lines);

  const leaves = (node: Content, path: string[], keyOffset: number, inList: boolean): void => {
    const range = [node.range[0], node.range[1]] as const;
    if (node.type === 'TOMLValue') {
      out.add(path, scalar(node), keyOffset, range, inList ? 'element' : 'value');
    } else if (node.type === 'TOMLArray') {
      out.add(path, convert(node), keyOffset, range, inList ? 'element' : 'list');
      node.elements.forEach((el, i) => leaves(el, [...path, String(i)], el.range[0], true));
    } else {
      if (node.body.length === 0) out.add(path, {}, keyOffset, range, inList ? 'element' : 'value');
      for (const kv of node.body) keyValue(kv, path, inList);
    }
  };
  const keyValue = (kv: KeyValue, base: string[], inList: boolean): void => {
    const keys = kv.key.keys;
    leaves(kv.value, [...base, ...keys.map(keyName)], keys[keys.length - 1]!.range[0], inList);
  };

  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLKeyValue') {
      setAt(tree, item.key.keys.map(keyName), convert(item.value));
      keyValue(item, [], false);
      continue;
    }
    const resolved = item.resolvedKey;
    const path = resolved.map(String);
    const inList = resolved.some((s) => typeof s === 'number');
    const headerAt = item.key.keys[item.key.keys.length - 1]!.range[0];
    if (item.kind === 'array') {
      setAt(tree, resolved, {});
      if (resolved[resolved.length - 1] === 0) {
        const listPath = path.slice(0, -1);
        out.add(listPath, FROM_TREE, headerAt, null, resolved.slice(0, -1).some((s) => typeof s === 'number') ? 'element' : 'list');
      }
      if (item.body.length === 0) out.add(path, {}, headerAt, null, 'element');
    } else {
      ensureAt(tree, resolved);
      if (item.body.length === 0) out.add(path, {}, headerAt, null, inList ? 'element' : 'value');
    }
    for (const kv of item.body) {
      setAt(tree, [...resolved, ...kv.key.keys.map(keyName)], convert(kv.value));
      keyValue(kv, path, inList);
    }
  }
  return { tree, leaves: out.finish(tree), error: null };
}
