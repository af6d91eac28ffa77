// TOML: no TOML library keeps comments on edit, so entries are cut by the source positions of
// toml-eslint-parser's AST: whole lines for `key = value` (plain, dotted, under a [table]), item
// ranges inside inline tables. A dotted key that was the last thing defining its parent table is
// replaced by `parent = {}` so the (now empty) map stays, as an emptied [table] header does.
import { parseTOML, type AST } from 'toml-eslint-parser';
import { DataEditError, eolOf, listItemCuts, wholeLineCut, type Edit, type Span } from './text.js';
import type { EditPlan } from './types.js';

interface Entry {
  path: string[];
  kv: AST.TOMLKeyValue;
  /** The inline table holding the entry, or null for an entry on its own line(s). */
  inline: AST.TOMLInlineTable | null;
}

const keyNames = (key: AST.TOMLKey): string[] => key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
const samePath = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);
const startsWith = (a: readonly string[], prefix: readonly string[]): boolean => prefix.length <= a.length && prefix.every((s, i) => s === a[i]);

export function tomlEditPlan(file: string, text: string, paths: readonly string[][], keep: readonly Span[] = []): EditPlan {
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(text);
  } catch (err) {
    const e = err as { message: string; lineNumber?: number };
    throw new DataEditError(file, e.lineNumber, `cannot parse TOML: ${e.message}`);
  }
  const entries: Entry[] = [];
  const tables: (string | number)[][] = [];
  const tableNodes: AST.TOMLTable[] = [];
  const visit = (kv: AST.TOMLKeyValue, base: string[], inline: AST.TOMLInlineTable | null): void => {
    const path = [...base, ...keyNames(kv.key)];
    entries.push({ path, kv, inline });
    if (kv.value.type === 'TOMLInlineTable') for (const child of kv.value.body) visit(child, path, kv.value);
  };
  const arrayPrefixes: string[][] = [];
  const top = ast.body[0]!;
  for (const node of top.body) {
    if (node.type === 'TOMLKeyValue') visit(node, [], null);
    else {
      tables.push(node.resolvedKey);
      tableNodes.push(node);
      const firstIndex = node.resolvedKey.findIndex((k) => typeof k === 'number');
      if (firstIndex >= 0) {
        arrayPrefixes.push(node.resolvedKey.slice(0, firstIndex).map(String));
        // An element of an array of tables ([[mail.accounts]]): its keys can go, the element stays.
        for (const kv of node.body) visit(kv, node.resolvedKey.map(String), null);
        continue;
      }
      for (const kv of node.body) visit(kv, node.resolvedKey as string[], null);
    }
  }

  const plan: EditPlan = { edits: [], removed: [], notFound: [], unsupported: [] };
  const targets: Entry[] = [];
  /** Maps removed whole (a pruned parent): their [table] headers go, and no `parent = {}` is put in under them. */
  const wholeMaps: string[][] = [];
  const cutTables: AST.TOMLTable[] = [];
  for (const path of paths) {
    const entry = entries.find((e) => samePath(e.path, path));
    const underTables = tableNodes.filter((t) => startsWith(t.resolvedKey.map(String), path) && !t.resolvedKey.some((k) => typeof k === 'number'));
    if (entry) {
      targets.push(entry);
      plan.removed.push(path);
    } else if (underTables.length > 0 && !arrayPrefixes.some((p) => startsWith(path, p) || startsWith(p, path))) {
      // A map written as [table] sections (and perhaps dotted keys elsewhere): all of it goes.
      wholeMaps.push(path);
      cutTables.push(...underTables);
      for (const e of entries) {
        if (e.inline || !startsWith(e.path, path) || underTables.some((t) => t.body.includes(e.kv))) continue;
        if (!targets.includes(e)) targets.push(e);
      }
      plan.removed.push(path);
    } else if (entries.some((e) => !e.inline && startsWith(e.path, path) && e.path.length > path.length)) {
      // A map written only as dotted keys (`a.b.c = 1`).
      wholeMaps.push(path);
      for (const e of entries) if (!e.inline && startsWith(e.path, path) && !targets.includes(e)) targets.push(e);
      plan.removed.push(path);
    } else if (arrayPrefixes.some((p) => startsWith(path, p)) || entries.some((e) => startsWith(path, e.path) && e.kv.value.type === 'TOMLArray')) {
      plan.unsupported.push({ path, reason: 'inside an array' });
    } else {
      plan.notFound.push(path);
    }
  }

  const removedSet = new Set(targets);
  // Inline tables: cut items together so no separator dangles.
  const byInline = new Map<AST.TOMLInlineTable, Entry[]>();
  for (const t of targets) if (t.inline) byInline.set(t.inline, [...(byInline.get(t.inline) ?? []), t]);
  for (const [table, group] of byInline) {
    const removedIdx = new Set(group.map((t) => table.body.indexOf(t.kv)));
    const spans = table.body.map((kv) => ({ start: kv.range[0], end: kv.range[1] }));
    plan.edits.push(...listItemCuts(text, spans, removedIdx, table.range[0], table.range[1] - 1));
  }

  const eol = eolOf(text);
  const emptiedParents = new Set<string>();
  const stillDefines = (parent: string[]): boolean =>
    entries.some((e) => !removedSet.has(e) && startsWith(e.path, parent) && e.path.length > parent.length) ||
    tableNodes.some((t) => !cutTables.includes(t) && startsWith(t.resolvedKey.map(String), parent));
  const spans: Span[] = [...cutTables.map((t) => ({ start: t.range[0], end: t.range[1] })), ...targets.filter((t) => !t.inline).map((t) => ({ start: t.kv.range[0], end: t.kv.range[1] }))];
  for (const table of cutTables) plan.edits.push({ ...wholeLineCut(text, table.range[0], table.range[1], '#', keep, spans), insert: '' });
  for (const t of targets) {
    if (t.inline) continue;
    if (cutTables.some((table) => table.body.includes(t.kv))) continue;
    const span = wholeLineCut(text, t.kv.range[0], t.kv.range[1], '#', keep, spans);
    const edit: Edit = { ...span, insert: '' };
    const keys = t.kv.key.keys;
    if (keys.length > 1) {
      const parent = t.path.slice(0, -1);
      const id = JSON.stringify(parent);
      if (!stillDefines(parent) && !emptiedParents.has(id) && !wholeMaps.some((m) => startsWith(parent, m))) {
        // `a.b.c = 1` was all of `a.b`: keep it as `a.b = {}` on the entry's own line.
        emptiedParents.add(id);
        const lineStart = text.lastIndexOf('\n', t.kv.range[0] - 1) + 1;
        edit.start = lineStart;
        const lineEnd = text.indexOf('\n', t.kv.range[1] - 1);
        edit.end = lineEnd < 0 ? text.length : lineEnd + 1;
        edit.insert = `${text.slice(lineStart, keys[keys.length - 2]!.range[1])} = {}${lineEnd < 0 ? '' : eol}`;
      }
    }
    plan.edits.push(edit);
  }
  return plan;
}
