// JSON / JSONC: properties are cut from the parse tree's offsets (jsonc-parser's `modify`
// re-emits neighbouring properties, which would move comments and touch template actions).
// A property alone on its line(s) goes with its line(s) and, in JSONC, the `//` comment lines
// directly above it; a compact `{ "a": 1, "b": 2 }` loses the item and its separator. A comma
// left dangling after the last kept property is removed; an emptied object becomes `{}`.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { DataEditError, lineEndAfter, lineNumberAt, lineStartOf, listItemCuts, wholeLineCut, type Edit, type Span } from './text.js';
import type { EditPlan } from './types.js';

/** Offset of the next significant character at or after `from`, skipping white space and comments. */
function skipTrivia(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/u.test(text[i]!)) i += 1;
    if (text.startsWith('//', i)) i = lineEndAfter(text, i);
    else if (text.startsWith('/*', i)) i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
    else return i;
  }
}

export function jsonEditPlan(file: string, text: string, paths: readonly string[][], keep: readonly Span[] = []): EditPlan {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || tree === undefined) {
    const e = errors[0];
    throw new DataEditError(file, e ? lineNumberAt(text, e.offset) : undefined, `cannot parse JSON: ${e ? printParseErrorCode(e.error) : 'empty'}`);
  }
  const plan: EditPlan = { edits: [], removed: [], notFound: [], unsupported: [] };
  const byObject = new Map<Node, Node[]>();
  for (const path of paths) {
    let node: Node | undefined = tree;
    let status: 'ok' | 'notFound' | 'array' = 'ok';
    for (const [i, segment] of path.entries()) {
      if (node?.type === 'array') {
        // A key of an object that is an element of an array: the element stays.
        const item: Node | undefined = /^\d+$/u.test(segment) && i < path.length - 1 ? node.children?.[Number(segment)] : undefined;
        if (item?.type !== 'object') { status = 'array'; break; }
        node = item;
        continue;
      }
      if (node?.type !== 'object') { status = 'notFound'; break; }
      node = findNodeAtLocation(node, [segment]);
      if (node === undefined) { status = 'notFound'; break; }
    }
    if (status === 'array') plan.unsupported.push({ path, reason: 'inside an array' });
    else if (status === 'notFound') plan.notFound.push(path);
    else {
      const property = node!.parent!;
      const object = property.parent!;
      byObject.set(object, [...(byObject.get(object) ?? []), property]);
      plan.removed.push(path);
    }
  }
  for (const [object, removedProps] of byObject) {
    const props = object.children ?? [];
    const removedIdx = new Set(removedProps.map((p) => props.indexOf(p)));
    const open = object.offset;
    const close = object.offset + object.length - 1;
    if (removedIdx.size === props.length) {
      plan.edits.push({ start: open + 1, end: close, insert: '' });
      continue;
    }
    const aloneOnLines = (p: Node): boolean => {
      const before = text.slice(lineStartOf(text, p.offset), p.offset);
      const after = text.slice(p.offset + p.length, lineEndAfter(text, p.offset + p.length));
      return before.trim() === '' && /^\s*,?\s*(\/\/.*)?\s*$/u.test(after);
    };
    if (!removedProps.every(aloneOnLines)) {
      const spans = props.map((p) => ({ start: p.offset, end: p.offset + p.length }));
      plan.edits.push(...listItemCuts(text, spans, removedIdx, open, close));
      continue;
    }
    const spans = removedProps.map((p) => ({ start: p.offset, end: p.offset + p.length }));
    const edits: Edit[] = removedProps.map((p) => ({ ...wholeLineCut(text, p.offset, p.offset + p.length, '//', keep, spans), insert: '' }));
    const lastKept = Math.max(...props.map((_, i) => (removedIdx.has(i) ? -1 : i)));
    if (lastKept < props.length - 1) {
      // The kept property is now the last one: its comma has to go.
      const p = props[lastKept]!;
      const comma = skipTrivia(text, p.offset + p.length);
      if (text[comma] === ',') edits.push({ start: comma, end: comma + 1, insert: '' });
    }
    plan.edits.push(...edits);
  }
  return plan;
}
