// YAML data files through the `yaml` Document API (node ranges give positions).

import { parseDocument, isAlias, isMap, isScalar, isSeq, isPair, Scalar, visit, type Document, type Node } from 'yaml';
import type { AnalysisError } from '../model.js';
import { FROM_TREE, LeafCollector, isPlainObject } from './leaves.js';
import type { LineIndex } from './lines.js';
import type { DataLeaf } from './types.js';

export interface FormatResult {
  tree: Record<string, unknown>;
  leaves: DataLeaf[];
  error: AnalysisError | null;
}

function describeCode(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

export function parseYamlData(text: string, lines: LineIndex): FormatResult {
  // YAML 1.2 core schema like go-yaml v3 into map[string]any: `yes` stays a string. Merge keys
  // (<<) are supported by go-yaml, so they are here too.
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const first = doc.errors[0];
  if (first) {
    const tooFar = indentedTooFar(doc.errors, (offset) => lines.position(offset).line);
    if (tooFar !== null) {
      const at = lines.position(tooFar);
      return fail(lines, `could not parse YAML: ${INDENTED_TOO_FAR} at line ${at.line}, column ${at.column}`, at.line, at.column);
    }
    const at = lines.position(first.pos[0]);
    return fail(lines, `could not parse YAML: ${describeCode(first.code)} at line ${at.line}, column ${at.column}`, at.line, at.column);
  }
  const anchorOf = aliasTargets(doc);
  readDanglingAliasesAsText(doc, anchorOf);
  if (anchorOf.size && expandedSize(doc.contents as Node | null, anchorOf) > MAX_EXPANDED_NODES) {
    return fail(lines, 'could not parse YAML: too many aliases (resource exhaustion)', 1, 1);
  }
  let js: unknown;
  try {
    // The library's own alias limit walks the document again per alias (quadratic: most of the
    // time of a history scan of a data file with hundreds of aliases): expandedSize bounds it instead.
    js = doc.toJS({ maxAliasCount: -1 });
  } catch (err) {
    // The library's messages may quote the document: say what kind of failure, never more.
    const tooMany = /alias/i.test((err as Error)?.message ?? '') && /count|exhaust|many/i.test((err as Error)?.message ?? '');
    return fail(lines, tooMany ? 'could not parse YAML: too many aliases (resource exhaustion)' : 'could not load YAML: the document cannot be resolved', 1, 1);
  }
  if (js === null || js === undefined) return { tree: {}, leaves: [], error: null };
  if (!isPlainObject(js)) {
    const at = lines.position(doc.contents?.range?.[0] ?? 0);
    return fail(lines, `could not load YAML: the top level is not a map at line ${at.line}, column ${at.column}`, at.line, at.column);
  }
  const collector = new LeafCollector(lines);
  walk(anchorOf, doc.contents as Node, [], doc.contents?.range?.[0] ?? 0, false, collector, new Set());
  return { tree: js, leaves: collector.finish(js), error: null };
}

export const INDENTED_TOO_FAR = 'mapping value not allowed here (is the line indented too far?)';

/**
 * A line indented too far turns the value above it into a multi-line "key": the library blames
 * where that key starts (the line above). The fault is where the key ends, at its ':'. Returns
 * that offset, or null when the errors are not this case. Shared with the config file's reader.
 */
export function indentedTooFar(errors: readonly { code: string; pos: [number, number] }[], lineOf: (offset: number) => number): number | null {
  const e = errors.find((x) => x.code === 'MULTILINE_IMPLICIT_KEY');
  return e && lineOf(e.pos[1]) > lineOf(e.pos[0]) ? e.pos[1] : null;
}

function fail(lines: LineIndex, message: string, line: number, column: number): FormatResult {
  return { tree: {}, leaves: [], error: { file: lines.position(0).file, line, column, message } };
}

function keySegment(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return '';
  return String(key);
}

/**
 * Every alias's anchored node (undefined: no anchor of that name before it), in one pass: the
 * library's Alias.resolve(doc) walks the whole document per alias (quadratic: a data file with a
 * few hundred aliases, parsed at each of its versions in a history, spent seconds there). Same rule
 * as the library's: the last node with that anchor before the alias, in document order.
 */
function aliasTargets(doc: Document): Map<Node, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node | undefined>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if ((node as { anchor?: string }).anchor) anchors.set((node as { anchor: string }).anchor, node);
    },
  });
  return targets;
}

/**
 * Nodes in the document with every alias replaced by what it points at, counted in one pass (each
 * anchored node's size once): what reading the leaves will visit. A "billion laughs" document
 * is a few lines that expand to billions; a real data file, even one full of aliases, to thousands.
 */
const MAX_EXPANDED_NODES = 1_000_000;
function expandedSize(root: Node | null, anchorOf: Map<Node, Node | undefined>): number {
  const memo = new Map<Node, number>();
  const size = (node: unknown, stack: Set<Node>): number => {
    if (isAlias(node)) {
      const target = anchorOf.get(node);
      if (!target || stack.has(target)) return 1;
      let n = memo.get(target);
      if (n === undefined) {
        stack.add(target);
        memo.set(target, (n = size(target, stack)));
        stack.delete(target);
      }
      return n;
    }
    if (isPair(node)) return size(node.key, stack) + size(node.value, stack);
    if (isMap(node) || isSeq(node)) {
      let n = 1;
      for (const item of node.items as unknown[]) {
        n += size(item, stack);
        if (n > MAX_EXPANDED_NODES) return n;
      }
      return n;
    }
    return 1;
  };
  return size(root, new Set());
}

function walk(
  anchorOf: Map<Node, Node | undefined>,
  node: Node | null,
  path: string[],
  keyOffset: number,
  inList: boolean,
  out: LeafCollector,
  stack: Set<Node>,
): void {
  const role = inList ? 'element' : 'value';
  if (node === null || node === undefined) {
    out.add(path, null, keyOffset, null, role);
    return;
  }
  if (isAlias(node)) {
    const target = anchorOf.get(node);
    if (!target || stack.has(target)) return;
    stack.add(target);
    walk(anchorOf, target, path, keyOffset, inList, out, stack);
    stack.delete(target);
    return;
  }
  const range = node.range ? ([node.range[0], node.range[1]] as const) : null;
  if (isMap(node)) {
    if (node.items.length === 0 && path.length > 0) out.add(path, {}, keyOffset, range, role);
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (isScalar(key) && typeof key.value === 'symbol' && key.source === '<<') {
        // Merge key: the merged maps' keys belong to this map (explicit keys win in the tree).
        const sources = isSeq(value) ? value.items : [value];
        for (const s of sources) walk(anchorOf, s as Node, path, keyOffset, inList, out, stack);
        continue;
      }
      const seg = keySegment(key);
      const at = (key as Node | null)?.range?.[0] ?? range?.[0] ?? keyOffset;
      walk(anchorOf, value, [...path, seg], at, inList, out, stack);
    }
    return;
  }
  if (isSeq(node)) {
    // The list's value comes from the finished tree (node.toJS per list would be quadratic).
    out.add(path, FROM_TREE, keyOffset, range, inList ? 'element' : 'list');
    node.items.forEach((item, i) => {
      const itemNode = item as Node | null;
      const at = itemNode?.range?.[0] ?? keyOffset;
      walk(anchorOf, itemNode, [...path, String(i)], at, true, out, stack);
    });
    return;
  }
  if (isScalar(node)) {
    out.add(path, node.value, keyOffset, range, role);
  }
}

/**
 * An alias with no anchor (`key: ***REMOVED***`, what a history purge leaves behind, reads as the
 * alias `**REMOVED***`) is read as its own text: chezmoi would reject the file, but for a scanner
 * the text is all there is to judge, and failing would make every purged version unreadable.
 */
function readDanglingAliasesAsText(doc: Document, anchorOf: Map<Node, Node | undefined>): void {
  visit(doc, {
    Alias(_key, node) {
      if (anchorOf.get(node) !== undefined) return undefined;
      const text = new Scalar(`*${node.source}`);
      text.range = node.range;
      return text;
    },
  });
}
