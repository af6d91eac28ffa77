// YAML: remove leaf pairs by cutting their source lines (block maps) or their item range (flow
// maps), so every other byte — comments, order, quoting, indentation — stays as it was.
import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { DataEditError, eolOf, lineNumberAt, lineStartOf, listItemCuts, wholeLineCut, type Edit, type Span } from './text.js';
import type { EditPlan } from './types.js';

type Range = [number, number, number];

function keyString(pair: Pair): string {
  return String(isScalar(pair.key) ? pair.key.value : pair.key);
}

function rangeOf(node: unknown): Range | undefined {
  return (node as { range?: Range } | null)?.range ?? undefined;
}

interface Target {
  path: string[];
  map: YAMLMap;
  pair: Pair;
  /** The pair whose value is `map` (null for the document's root map). */
  parentPair: Pair | null;
}

export function yamlEditPlan(file: string, text: string, paths: readonly string[][], keep: readonly Span[] = []): EditPlan {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    throw new DataEditError(file, err.linePos?.[0]?.line, `cannot parse YAML: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/u, '')}`);
  }
  const plan: EditPlan = { edits: [], removed: [], notFound: [], unsupported: [] };
  const targets: Target[] = [];
  for (const path of paths) {
    let node: unknown = doc.contents;
    let parentPair: Pair | null = null;
    let found: Target | null = null;
    for (let i = 0; i < path.length; i += 1) {
      if (isSeq(node)) {
        // A key of a map that is an element of a list (`- name: a\n  password: x`): the element stays.
        const item = /^\d+$/u.test(path[i]!) && i < path.length - 1 ? node.items[Number(path[i])] : undefined;
        if (!isMap(item) || item.flow) {
          plan.unsupported.push({ path, reason: 'inside a list' });
          break;
        }
        parentPair = null;
        node = item;
        continue;
      }
      if (!isMap(node)) {
        plan.notFound.push(path);
        break;
      }
      const pair = node.items.find((p) => keyString(p) === path[i]);
      if (!pair) {
        plan.notFound.push(path);
        break;
      }
      if (i === path.length - 1) found = { path, map: node, pair, parentPair };
      parentPair = pair;
      node = pair.value;
    }
    if (found) targets.push(found);
  }

  const eol = eolOf(text);
  const byMap = new Map<YAMLMap, Target[]>();
  for (const t of targets) byMap.set(t.map, [...(byMap.get(t.map) ?? []), t]);
  for (const [map, group] of byMap) {
    const removedIdx = new Set(group.map((t) => map.items.indexOf(t.pair)));
    if (map.flow) {
      const mapRange = rangeOf(map);
      const spans = map.items.map((p) => ({ start: rangeOf(p.key)![0], end: rangeOf(p.value)?.[1] ?? rangeOf(p.key)![1] }));
      if (!mapRange) throw new DataEditError(file, undefined, 'flow map without a source range');
      const close = text.lastIndexOf('}', mapRange[1] - 1);
      plan.edits.push(...listItemCuts(text, spans, removedIdx, mapRange[0], close));
      plan.removed.push(...group.map((t) => t.path));
      continue;
    }
    const cuts: Edit[] = [];
    let ok = true;
    const spans: Span[] = group.flatMap((t) => {
      const k = rangeOf(t.pair.key);
      return k ? [{ start: k[0], end: Math.max(k[1], rangeOf(t.pair.value)?.[1] ?? 0) }] : [];
    });
    for (const t of group) {
      const keyRange = rangeOf(t.pair.key);
      if (!keyRange) { ok = false; break; }
      const lineStart = lineStartOf(text, keyRange[0]);
      if (text.slice(lineStart, keyRange[0]).trim() !== '') {
        plan.unsupported.push({ path: t.path, reason: `key not at the start of its line (line ${lineNumberAt(text, keyRange[0])})` });
        removedIdx.delete(map.items.indexOf(t.pair));
        continue;
      }
      const last = Math.max(keyRange[1], rangeOf(t.pair.value)?.[1] ?? 0);
      const span = wholeLineCut(text, keyRange[0], last, '#', keep, spans);
      cuts.push({ ...span, insert: '' });
      plan.removed.push(t.path);
    }
    if (!ok) throw new DataEditError(file, undefined, 'YAML node without a source range');
    if (cuts.length > 0 && removedIdx.size === map.items.length) {
      // Every pair goes: keep the (now empty) map as `{}`.
      const parent = group[0]!.parentPair;
      if (parent === null) {
        const first = cuts.reduce((a, b) => (a.start <= b.start ? a : b));
        first.insert = `{}${eol}`;
      } else {
        const colon = text.indexOf(':', rangeOf(parent.key)![1]);
        cuts.push({ start: colon + 1, end: colon + 1, insert: ' {}' });
      }
    }
    plan.edits.push(...cuts);
  }
  return plan;
}
