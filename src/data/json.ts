// JSON (.json, strict like encoding/json) and JSONC (.jsonc: comments, trailing commas, like hujson).

import { createScanner, parseTree, getNodeValue, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LeafCollector, isPlainObject } from './leaves.js';
import type { LineIndex } from './lines.js';
import type { FormatResult } from './yaml.js';

function describeCode(code: number): string {
  // 'PropertyNameExpected' -> 'property name expected'
  return printParseErrorCode(code as Parameters<typeof printParseErrorCode>[0])
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

export function parseJsonData(text: string, lines: LineIndex, jsonc: boolean): FormatResult {
  const label = jsonc ? 'JSONC' : 'JSON';
  const file = lines.position(0).file;
  // An empty file hides nothing: treat it as empty data (encoding/json would refuse it).
  if (text.trim() === '') return { tree: {}, leaves: [], error: null };
  // The parser and the walk below recurse once per level: deeper input is refused, by name, before it
  // can overflow the stack (real data nests a few levels; this leaves room for generated files).
  const tooDeep = firstTooDeep(text);
  if (tooDeep !== null) {
    const at = lines.position(tooDeep);
    return { tree: {}, leaves: [], error: { file, line: at.line, column: at.column, message: `could not parse ${label}: nested deeper than ${MAX_DEPTH} levels at line ${at.line}, column ${at.column}` } };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: !jsonc, allowTrailingComma: jsonc, allowEmptyContent: false });
  const first = errors[0];
  if (first || !root) {
    const at = lines.position(first?.offset ?? 0);
    const what = first ? describeCode(first.error) : 'no value';
    return { tree: {}, leaves: [], error: { file, line: at.line, column: at.column, message: `could not parse ${label}: ${what} at line ${at.line}, column ${at.column}` } };
  }
  const tree = getNodeValue(root) as unknown;
  if (tree === null) return { tree: {}, leaves: [], error: null };
  if (!isPlainObject(tree)) {
    const at = lines.position(root.offset);
    return { tree: {}, leaves: [], error: { file, line: at.line, column: at.column, message: `could not load ${label}: the top level is not an object at line ${at.line}, column ${at.column}` } };
  }
  const out = new LeafCollector(lines);
  const walk = (node: Node, path: string[], keyOffset: number, inList: boolean): void => {
    const range = [node.offset, node.offset + node.length] as const;
    const role = inList ? 'element' : 'value';
    switch (node.type) {
      case 'object': {
        const props = node.children ?? [];
        if (props.length === 0 && path.length > 0) out.add(path, {}, keyOffset, range, role);
        for (const prop of props) {
          const [k, v] = prop.children ?? [];
          if (!k || !v) continue;
          walk(v, [...path, String(k.value)], k.offset, inList);
        }
        return;
      }
      case 'array':
        out.add(path, getNodeValue(node) as unknown, keyOffset, range, inList ? 'element' : 'list');
        (node.children ?? []).forEach((el, i) => walk(el, [...path, String(i)], el.offset, true));
        return;
      default:
        out.add(path, node.value, keyOffset, range, role);
    }
  };
  walk(root, [], root.offset, false);
  return { tree, leaves: out.finish(tree), error: null };
}

/** Nesting limit for JSON data (objects and arrays). */
export const MAX_DEPTH = 1000;

// jsonc-parser's SyntaxKind is a const enum (not importable under isolatedModules): its values.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/** Offset of the first bracket that opens level MAX_DEPTH + 1, found by the (iterative) scanner, or null. */
function firstTooDeep(text: string): number | null {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      if (++depth > MAX_DEPTH) return scanner.getTokenOffset();
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) depth--;
  }
  return null;
}
