import type { CommitGraph } from './graph.js';
import type { BlobFinding } from './types.js';

/** A finding a blob (or message) gave, tagged with the id of its distinct secret (rule + value). */
export interface Hit {
  fid: number;
  finding: BlobFinding;
  /** The value sits there, but no rule found it there: it counts as held, and names the place only when nothing else does. */
  weak?: boolean;
}

/** Everything history reports about one distinct secret. Commit numbers are CommitGraph indices. */
export interface Aggregate {
  fid: number;
  introduced: number;
  last: number;
  commits: number;
  atHead: boolean;
  paths: Set<string>;
  refs: Set<string>;
  /** Where the introducing commit holds it (file null: its message). */
  file: string | null;
  finding: BlobFinding;
  /** `finding` is only an occurrence (a weak hit). */
  weak?: boolean;
}

export interface ContainmentInput {
  graph: CommitGraph;
  /** pathId -> blobId -> hits: only (path, blob) pairs with findings. */
  pairHits: Map<number, Map<number, Hit[]>>;
  messageHits: Map<number, Hit[]>;
  fidCount: number;
  head: number;
  tips: { name: string; commit: number }[];
  /** Blob ids at the interesting paths in a commit outside the walk (first parent of a --since boundary commit). */
  outsideState: Map<string, Map<number, number>>;
}

/**
 * Maps findings back to commits, touching only the paths where some blob has a finding: walking parents
 * before children, a commit's blob at such a path is its first parent's unless its diff changed it
 * (copy-on-write arrays, freed once every child has been seen). Reachability from refs is the union of
 * the parents' "reaches" bitsets plus what the commit holds itself.
 */
export function mapToCommits(input: ContainmentInput): Aggregate[] {
  const { graph, pairHits, messageHits, fidCount, head } = input;
  const n = graph.size;
  // Paths with hits get a slot; a commit's state is the blob at each slot.
  const slotPath = [...pairHits.keys()];
  const slotOf = new Map(slotPath.map((p, slot) => [p, slot]));
  const slots = slotPath.length;
  const empty = new Int32Array(slots).fill(-1);
  const words = Math.ceil(fidCount / 32);

  const state: (Int32Array | null)[] = new Array(n).fill(null);
  const reach: (Uint32Array | null)[] = new Array(n).fill(null);
  const childrenLeft = new Int32Array(n);
  for (const ps of graph.parents) for (const p of ps) if (p >= 0) childrenLeft[p]!++;
  const isTip = new Uint8Array(n);
  for (const t of input.tips) isTip[t.commit] = 1;

  const aggs: (Aggregate | undefined)[] = new Array(fidCount);
  const record = (hit: Hit, c: number, file: string | null, held: Uint32Array) => {
    let a = aggs[hit.fid];
    if (!a) {
      a = { fid: hit.fid, introduced: c, last: c, commits: 0, atHead: false, paths: new Set(), refs: new Set(), file, finding: hit.finding, weak: hit.weak };
      aggs[hit.fid] = a;
    } else if (a.weak && !hit.weak && a.introduced === c) {
      // The introducing commit also holds it where a rule found it: that is the place to name.
      a.file = file;
      a.finding = hit.finding;
      a.weak = false;
    }
    if (!(held[hit.fid >>> 5]! & (1 << (hit.fid & 31)))) {
      held[hit.fid >>> 5]! |= 1 << (hit.fid & 31);
      a.commits++;
    }
    a.last = c;
    if (file !== null) a.paths.add(file);
    if (c === head) a.atHead = true;
  };

  const outsideStates = new Map<string, Int32Array>();
  const stateOutside = (sha: string): Int32Array => {
    let s = outsideStates.get(sha);
    if (!s) {
      s = empty.slice();
      for (const [p, b] of input.outsideState.get(sha) ?? []) {
        const slot = slotOf.get(p);
        if (slot !== undefined) s[slot] = b;
      }
      outsideStates.set(sha, s);
    }
    return s;
  };

  for (let c = n - 1; c >= 0; c--) {
    const parents = graph.parents[c]!;
    const fp = parents[0] ?? -1;
    const outside = graph.outsideFirstParent(c);
    const base = fp >= 0 ? state[fp]! : outside ? stateOutside(outside) : empty;
    let cur = base;
    if (slots > 0) {
      for (let e = graph.entryStart[c]!, end = graph.entryStart[c + 1]!; e < end; e++) {
        const slot = slotOf.get(graph.entryPath[e]!);
        if (slot === undefined || cur[slot] === graph.entryBlob[e]) continue;
        if (cur === base) cur = base.slice();
        cur[slot] = graph.entryBlob[e]!;
      }
    }
    state[c] = cur;

    const held = new Uint32Array(words);
    let holds = false;
    for (let slot = 0; slot < slots; slot++) {
      const b = cur[slot]!;
      if (b < 0) continue;
      const hits = pairHits.get(slotPath[slot]!)!.get(b);
      if (!hits) continue;
      holds = true;
      for (const h of hits) record(h, c, graph.paths[slotPath[slot]!]!, held);
    }
    const msg = messageHits.get(c);
    if (msg) {
      holds = true;
      for (const h of msg) record(h, c, null, held);
    }

    // reach[c] = held | reach[parents]; share the parent's set when nothing is added.
    let r: Uint32Array | null = holds ? held : null;
    for (const p of parents) {
      if (p < 0) continue;
      const pr = reach[p];
      if (pr && pr !== r) {
        if (r === null) r = pr;
        else {
          if (r !== held) r = r.slice();
          for (let w = 0; w < words; w++) r[w]! |= pr[w]!;
        }
      }
      if (--childrenLeft[p]! === 0) {
        state[p] = null;
        if (!isTip[p]) reach[p] = null;
      }
    }
    reach[c] = r;
    if (childrenLeft[c] === 0 && !isTip[c]) state[c] = null; // a childless non-tip (only when reached otherwise)
  }

  const found = aggs.filter((a): a is Aggregate => a !== undefined);
  addRefs(input.tips, reach, aggs);
  return found;
}

/** Each ref reaches what its tip's commit set holds (reach: per commit, the bit set of values held by it or its ancestors). */
function addRefs(tips: ContainmentInput['tips'], reach: (Uint32Array | null)[], aggs: (Aggregate | undefined)[]): void {
  for (const t of tips) {
    const r = reach[t.commit];
    if (!r) continue;
    for (let w = 0; w < r.length; w++) {
      let bits = r[w]!;
      while (bits) {
        const bit = 31 - Math.clz32(bits);
        bits &= ~(1 << bit);
        aggs[w * 32 + bit]?.refs.add(t.name);
      }
    }
  }
}
