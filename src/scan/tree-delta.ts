// The variables of a history's trees, one tree after another. Consecutive trees differ by one data
// file or one template (trees.ts walks them parents first), and a variable depends only on its own
// leaf and on the references that read it or a map above it: so a tree's variables are its
// predecessor's, except for the leaves that changed and the leaves that a changed template reads.
// Those alone are judged again; every other variable is the very object the predecessor had.

import { isDeepStrictEqual } from 'node:util';
import type { ClassifiedVariable, Position } from '../model.js';
import type { DataDefinition, DataLeaf } from '../data/index.js';
import { keysOf, pathKey } from '../data/leaves.js';

/** What a template's references give: the data path keys they read (segments joined by NUL). */
export type TemplateReads = ReadonlyArray<{ readonly key: string }>;

interface Tree {
  leaves: DataLeaf[];
  index: Map<string, number>;
  /** By template path: its references (the analysis cache's own array per blob). */
  templates: Map<string, TemplateReads>;
  variables: ClassifiedVariable[];
}

/** Beyond this share of leaves to judge again, a tree is judged whole (the bookkeeping would not pay). */
const WHOLE_SHARE = 0.5;

export class TreeDelta {
  private prev: Tree | null = null;
  private readonly indexes = new WeakMap<DataLeaf[], Map<string, number>>();

  /** Leaves judged again in the last call (for tests and benches). */
  lastJudged = 0;

  /**
   * The variables of `leaves` (parallel to them), given each template's reads; `judge` classifies
   * the leaves it is given, as a whole tree's analysis would.
   */
  async variables(leaves: DataLeaf[], templates: Map<string, TemplateReads>, judge: (some: DataLeaf[]) => Promise<ClassifiedVariable[]>): Promise<ClassifiedVariable[]> {
    const index = this.indexOf(leaves);
    const prev = this.prev;
    const out = new Array<ClassifiedVariable>(leaves.length);
    let todo: number[] | null = null; // null: every leaf
    if (prev) {
      const changed = changedReads(prev.templates, templates);
      const heads = new Set<string>();
      for (const k of changed) heads.add(k.split('\0', 1)[0]!);
      todo = [];
      const same = leaves === prev.leaves;
      for (let i = 0; i < leaves.length; i++) {
        const leaf = leaves[i]!;
        const j = same ? i : prev.index.get(pathKey(leaf.path));
        let clean = j !== undefined && (same || sameLeaf(prev.leaves[j]!, leaf));
        if (clean && changed.size && heads.has(leaf.path[0] ?? '') && readsAny(leaf.path, changed)) clean = false;
        if (clean) out[i] = prev.variables[j!]!;
        else todo.push(i);
      }
      if (todo.length > leaves.length * WHOLE_SHARE) todo = null;
    }
    const some = todo ? todo.map((i) => leaves[i]!) : leaves;
    const judged = some.length ? await judge(some) : [];
    if (todo) todo.forEach((i, k) => (out[i] = judged[k]!));
    else judged.forEach((v, i) => (out[i] = v));
    this.lastJudged = some.length;
    this.prev = { leaves, index, templates, variables: out };
    return out;
  }

  private indexOf(leaves: DataLeaf[]): Map<string, number> {
    let index = this.indexes.get(leaves);
    if (!index) {
      index = new Map();
      for (let i = 0; i < leaves.length; i++) index.set(pathKey(leaves[i]!.path), i);
      this.indexes.set(leaves, index);
    }
    return index;
  }
}

/** The data path keys read by a template that is new, gone or different between two trees. */
function changedReads(before: Map<string, TemplateReads>, after: Map<string, TemplateReads>): Set<string> {
  const keys = new Set<string>();
  const add = (reads: TemplateReads | undefined) => {
    for (const r of reads ?? []) keys.add(r.key);
  };
  for (const [path, reads] of after) {
    const was = before.get(path);
    if (was !== reads) {
      add(was);
      add(reads);
    }
  }
  for (const [path, reads] of before) if (!after.has(path)) add(reads);
  return keys;
}

/** Whether a reference reads the leaf or a map above it (what usesOf in analyse.ts joins). */
function readsAny(path: string[], keys: Set<string>): boolean {
  for (const k of keysOf(path)) if (keys.has(k)) return true;
  return false;
}

// The fields of a leaf and of a definition, compared one by one (the common case, fast); a leaf with
// any other field is compared whole, so that a field added later can never be missed.
const LEAF_FIELDS = new Set(['path', 'value', 'definedIn', 'definitions', 'role', 'dynamic', 'functions', 'calls']);
const DEFINITION_FIELDS = new Set(['position', 'valueSpan', 'valueRange', 'value', 'dynamic', 'functions', 'calls', 'refs', 'literals']);

/** Same content (the path is known to be the same). */
export function sameLeaf(a: DataLeaf, b: DataLeaf): boolean {
  if (a === b) return true;
  if (!knownFields(a, LEAF_FIELDS) || !knownFields(b, LEAF_FIELDS)) return isDeepStrictEqual(a, b);
  if (a.role !== b.role || a.dynamic !== b.dynamic || !sameValue(a.value, b.value)) return false;
  if (a.definitions.length !== b.definitions.length || a.definedIn.length !== b.definedIn.length) return false;
  for (let k = 0; k < a.definitions.length; k++) if (!sameDefinition(a.definitions[k]!, b.definitions[k]!)) return false;
  for (let k = 0; k < a.definedIn.length; k++) if (!samePosition(a.definedIn[k]!, b.definedIn[k]!)) return false;
  return sameStrings(a.functions, b.functions) && sameCalls(a.calls, b.calls);
}

function sameDefinition(a: DataDefinition, b: DataDefinition): boolean {
  if (a === b) return true;
  if (!knownFields(a, DEFINITION_FIELDS) || !knownFields(b, DEFINITION_FIELDS)) return isDeepStrictEqual(a, b);
  if (!samePosition(a.position, b.position) || a.dynamic !== b.dynamic || !sameValue(a.value, b.value)) return false;
  // valueRange (text offsets, for migrate's rewriting) is left out: nothing a variable is made of
  // reads it, and it moves whenever an earlier line changes length.
  const p = a.valueSpan;
  const q = b.valueSpan;
  if (p !== q && (!p || !q || p.file !== q.file || p.line !== q.line || p.column !== q.column || p.endLine !== q.endLine || p.endColumn !== q.endColumn || p.offset !== q.offset)) return false;
  return sameStrings(a.functions, b.functions) && sameCalls(a.calls, b.calls) && sameStrings(a.refs, b.refs) && sameStrings(a.literals, b.literals);
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameCalls(a: DataLeaf['calls'], b: DataLeaf['calls']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.fn !== b[i]!.fn || !sameStrings(a[i]!.args, b[i]!.args)) return false;
  return true;
}

function samePosition(p: Position, q: Position): boolean {
  return p === q || (p.file === q.file && p.line === q.line && p.column === q.column && p.offset === q.offset);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && isDeepStrictEqual(a, b);
}

function knownFields(o: object, known: Set<string>): boolean {
  for (const k in o) if (!known.has(k)) return false;
  return true;
}
