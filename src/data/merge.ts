// Merging data files the way chezmoi does: in its source walk order, maps merged recursively,
// lists and scalars replaced; the config template's [data] last (it wins).

import type { DataFileResult, DataLeaf } from './types.js';
import { isPlainObject, keysOf, pathKey } from './leaves.js';

// chezmoi's walk visits these names before the others in a folder (internal/chezmoi/sourcestate.go,
// sourceDirEntryOrder); everything else in byte order.
const ENTRY_ORDER: Record<string, number> = {
  '.chezmoiversion': -3,
  '.chezmoidata.json': -2,
  '.chezmoidata.toml': -2,
  '.chezmoidata.yaml': -2,
  '.chezmoitemplates': -1,
};

function compareNames(a: string, b: string): number {
  const oa = ENTRY_ORDER[a] ?? 0;
  const ob = ENTRY_ORDER[b] ?? 0;
  if (oa !== ob) return oa - ob;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Order in which chezmoi's depth-first source walk reaches two data files. */
export function compareDataPaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return compareNames(pa[i]!, pb[i]!);
  }
  return pa.length - pb.length;
}

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}

/** chezmoi RecursiveMerge: both maps merge key by key; anything else replaces. */
export function recursiveMerge(dest: Record<string, unknown>, src: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(src)) {
    const d = dest[k];
    if (isPlainObject(d) && isPlainObject(v)) recursiveMerge(d, v);
    else dest[k] = clone(v);
  }
}

interface Tracked {
  leaf: DataLeaf;
  lastFile: number;
  /** keysOf(leaf.path): made once per leaf and merge. */
  keys: string[];
}

/** Current leaves by path, with an index of the leaves below every path prefix. */
class LeafIndex {
  readonly byKey = new Map<string, Tracked>();
  private readonly below = new Map<string, Set<string>>();

  set(key: string, t: Tracked): void {
    this.byKey.set(key, t);
    for (let i = 0; i < t.keys.length - 1; i++) {
      let s = this.below.get(t.keys[i]!);
      if (!s) this.below.set(t.keys[i]!, (s = new Set()));
      s.add(key);
    }
  }

  delete(key: string): void {
    const t = this.byKey.get(key);
    if (!t) return;
    this.byKey.delete(key);
    for (let i = 0; i < t.keys.length - 1; i++) this.below.get(t.keys[i]!)?.delete(key);
  }

  /** keys: keysOf(the path). */
  ancestorsOf(keys: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < keys.length - 1; i++) if (this.byKey.has(keys[i]!)) out.push(keys[i]!);
    return out;
  }

  descendantsOf(key: string): string[] {
    const s = this.below.get(key);
    return s ? [...s] : [];
  }
}

/**
 * Merges data files (any order given; sorted here) into one tree and one leaf list. A leaf keeps
 * every definition that still applies (an overridden scalar is listed before the winning one);
 * a leaf whose parent was replaced by a scalar, or whose map replaced it, disappears as in chezmoi.
 * Files with an error contribute nothing.
 */
export function mergeData(files: DataFileResult[], opts: { tree?: boolean } = {}): { tree: Record<string, unknown>; leaves: DataLeaf[] } {
  const ordered = files
    .filter((f) => !f.error)
    .slice()
    .sort((a, b) => {
      if (a.origin !== b.origin) return a.origin === 'config' ? 1 : -1;
      return compareDataPaths(a.file, b.file);
    });
  const tree: Record<string, unknown> = {};
  const current = new LeafIndex();

  ordered.forEach((file, fileIndex) => {
    if (opts.tree !== false) recursiveMerge(tree, file.tree); // a copy of every map: only when asked for
    for (const leaf of file.leaves) {
      const isEmptyMap = isPlainObject(leaf.value) && Object.keys(leaf.value).length === 0;
      const keys = keysOf(leaf.path);
      const key = keys[keys.length - 1] ?? pathKey(leaf.path);
      // An ancestor defined by an earlier file as a scalar or list is replaced by this map.
      for (const k of current.ancestorsOf(keys)) if (current.byKey.get(k)!.lastFile !== fileIndex) current.delete(k);
      const below = current.descendantsOf(key);
      // Merging an empty map into a map changes nothing; anything else replaces the subtree.
      if (isEmptyMap && below.length > 0) continue;
      for (const k of below) if (current.byKey.get(k)!.lastFile !== fileIndex) current.delete(k);
      const prior = current.byKey.get(key);
      const merged: DataLeaf = prior
        ? { ...leaf, definitions: [...prior.leaf.definitions, ...leaf.definitions], definedIn: [...prior.leaf.definedIn, ...leaf.definedIn] }
        : { ...leaf, definitions: [...leaf.definitions], definedIn: [...leaf.definedIn] };
      if (prior) current.delete(key); // re-insert: the leaf list follows the order of the last definition
      current.set(key, { leaf: merged, lastFile: fileIndex, keys });
    }
  });
  return { tree, leaves: [...current.byKey.values()].map((t) => t.leaf) };
}
