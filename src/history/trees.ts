import type { AnalysisError, ClassifiedVariable, VariableClass } from '../model.js';
import type { CommitGraph } from './graph.js';
import type { BlobFinding, TreeAnalyser } from './types.js';

/** A finding of a tree analysis, placed at the (path, blob) that holds it. */
export interface PlacedFinding {
  path: number;
  blob: number;
  finding: BlobFinding;
}

export interface TreeResults {
  /** Every distinct (variable, value) of any tree, as the most telling tree classed it. */
  variables: ClassifiedVariable[];
  findings: PlacedFinding[];
  errors: AnalysisError[];
}

interface Choice {
  v: ClassifiedVariable;
  rank: number;
  atHead: boolean;
  /** The newest commit (smallest index) of a tree that gave v. */
  newest: number;
}

/** String.prototype.localeCompare's order, without a collator made per call. */
const collate = new Intl.Collator().compare;

// The tree whose class of a variable is reported: a secret anywhere is a secret.
const RANK: Record<VariableClass, number> = { secret: 3, review: 2, reference: 1, config: 0 };

/**
 * Runs the tree analysis on every commit, once per distinct set of the blobs that take part (data
 * files, templates that read data): walking parents before children, a commit's set is its first
 * parent's plus its own diff at those paths, so that commits that touch none of them share their
 * parent's set and cost nothing. Findings are placed at the (path, blob) they are in, so that
 * every commit, ref and path holding that blob is credited, as for a blob's own findings.
 */
export async function analyseTrees(graph: CommitGraph, tree: TreeAnalyser, head: number, onTree?: (done: number, total: number) => void): Promise<TreeResults> {
  const out: TreeResults = { variables: [], findings: [], errors: [] };
  // Paths where some blob takes part get a slot, which holds a part id (-1: none): blobs at a path
  // that give the same part share an id, and the first of them stands for all.
  const parts = new Map<number, Map<number, number>>();
  const partIds = new Map<string, number>();
  const partBlob: number[] = [];
  const partOf = (p: number, b: number): number => {
    let byBlob = parts.get(p);
    if (!byBlob) parts.set(p, (byBlob = new Map()));
    let id = byBlob.get(b);
    if (id === undefined) {
      const part = tree.part(graph.paths[p]!, graph.blobs[b]!);
      id = part === null ? -1 : partIds.get(part) ?? -1;
      if (part !== null && id < 0) {
        partIds.set(part, (id = partBlob.length));
        partBlob.push(b);
      }
      byBlob.set(b, id);
    }
    return id;
  };
  const slotOf = new Map<number, number>();
  const slotPath: number[] = [];
  for (let e = 0; e < graph.entryPath.length; e++) {
    const b = graph.entryBlob[e]!;
    const p = graph.entryPath[e]!;
    if (b >= 0 && !slotOf.has(p) && partOf(p, b) >= 0) {
      slotOf.set(p, slotPath.length);
      slotPath.push(p);
    }
  }
  if (slotPath.length === 0) return out;

  const n = graph.size;
  const slots = slotPath.length;
  const empty = new Int32Array(slots).fill(-1);
  const state: Int32Array[] = new Array(n);
  const stateId = new Map<string, number>();
  const ids = new WeakMap<Int32Array, number>();
  const commitState = new Int32Array(n);
  const states: Int32Array[] = [];
  const newest: number[] = []; // per state, the newest commit (smallest index) that has it
  for (let c = n - 1; c >= 0; c--) {
    const fp = graph.parents[c]![0] ?? -1;
    // A first parent outside the walk (--since) is taken as empty: only the range's own files take part.
    const base = fp >= 0 ? state[fp]! : empty;
    let cur = base;
    for (let e = graph.entryStart[c]!, end = graph.entryStart[c + 1]!; e < end; e++) {
      const p = graph.entryPath[e]!;
      const slot = slotOf.get(p);
      if (slot === undefined) continue;
      const b = graph.entryBlob[e]!;
      const v = b >= 0 ? partOf(p, b) : -1;
      if (cur[slot] === v) continue;
      if (cur === base) cur = base.slice();
      cur[slot] = v;
    }
    state[c] = cur;
    let id = ids.get(cur);
    if (id === undefined) {
      const key = cur.join(',');
      id = stateId.get(key);
      if (id === undefined) {
        id = states.length;
        stateId.set(key, id);
        states.push(cur);
        newest.push(c);
      }
      ids.set(cur, id);
    }
    commitState[c] = id;
    newest[id] = c;
  }

  const headState = head >= 0 ? commitState[head]! : -1;
  // Per distinct (variable, value): the variable as the most telling tree so far classed it.
  const chosen = new Map<string, Choice>();
  const placed = new Set<string>();
  const errorSeen = new Set<string>();
  // A tree mostly hands back its predecessor's variable objects (src/scan/tree-delta.ts): each
  // object is keyed, and joined to its Choice, once.
  const choiceOf = new WeakMap<ClassifiedVariable, Choice>();
  // Slots in path order, once: a tree's files are then listed in order without a sort per tree.
  const inOrder = slotPath.map((_, slot) => slot).sort((a, b) => collate(graph.paths[slotPath[a]!]!, graph.paths[slotPath[b]!]!));
  for (let s = 0; s < states.length; s++) {
    const files: Array<{ path: string; blob: string }> = [];
    const state = states[s]!;
    for (const slot of inOrder) {
      const part = state[slot]!;
      if (part >= 0) files.push({ path: graph.paths[slotPath[slot]!]!, blob: graph.blobs[partBlob[part]!]! });
    }
    onTree?.(s, states.length);
    if (files.length === 0) continue;
    const r = await tree.analyse(files);
    const atHead = s === headState;
    const when = newest[s]!;
    for (const v of r.variables) {
      let c = choiceOf.get(v);
      if (!c) {
        const key = `${v.path.join('\0')}\0\0${v.value}`;
        c = chosen.get(key);
        if (!c) chosen.set(key, (c = { v, rank: RANK[v.class], atHead, newest: when }));
        choiceOf.set(v, c);
      }
      const rank = RANK[v.class];
      if (c.v === v) {
        // The same object again: only when and where it was seen can change.
        if (atHead) c.atHead = true;
        if (when < c.newest) c.newest = when;
      } else if (rank > c.rank || (rank === c.rank && (atHead || (!c.atHead && when < c.newest)))) {
        c.v = v;
        c.rank = rank;
        c.atHead = atHead;
        c.newest = when;
      }
    }
    for (const f of r.findings) {
      const p = graph.pathId(f.file);
      if (p === undefined) continue;
      const slot = slotOf.get(p);
      const part = slot === undefined ? -1 : state[slot]!;
      if (part < 0) continue;
      const b = partBlob[part]!;
      const id = `${p}:${b}:${f.rule}:${f.line}:${f.column}:${f.value}`;
      if (placed.has(id)) continue;
      placed.add(id);
      const { file: _file, ...finding } = f;
      out.findings.push({ path: p, blob: b, finding });
    }
    for (const e of r.errors) {
      const id = `${e.file}\0${e.line ?? ''}\0${e.message}`;
      if (!errorSeen.has(id)) {
        errorSeen.add(id);
        out.errors.push(e);
      }
    }
  }
  onTree?.(states.length, states.length);
  out.variables = [...chosen.values()]
    .map((c) => c.v)
    .sort((a, b) => collate(a.path.join('.'), b.path.join('.')) || collate(a.value, b.value));
  return out;
}
