// Merging data files the way chezmoi does: in its source walk order, maps merged recursively,
// lists and scalars replaced; the config template's [data] last (it wins).

import type { DataFileResult, DataLeaf } from './types.js';
import { isPlainObject, pathKey } from './leaves.js';

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
}

/** Current leaves by path, with an index of the leaves below every path prefix. */
class LeafIndex {
  readonly byKey = new Map<string, Tracked>();
  private readonly below = new Map<string, Set<string>>();

  private prefixes(path: readonly string[]): string[] {
    return path.slice(0, -1).map((_, i) => pathKey(path.slice(0, i + 1)));
  }

  set(key: string, t: Tracked): void {
    this.byKey.set(key, t);
    for (const p of this.prefixes(t.leaf.path)) {
      let s = this.below.get(p);
      if (!s) this.below.set(p, (s = new Set()));
      s.add(key);
    }
  }

  delete(key: string): void {
    const t = this.byKey.get(key);
    if (!t) return;
    this.byKey.delete(key);
    for (const p of this.prefixes(t.leaf.path)) this.below.get(p)?.delete(key);
  }

  ancestorsOf(path: readonly string[]): string[] {
    return this.prefixes(path).filter((k) => this.byKey.has(k));
  }

  descendantsOf(path: readonly string[]): string[] {
    return [...(this.below.get(pathKey(path)) ?? [])];
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
      // An ancestor defined by an earlier file as a scalar or list is replaced by this map.
      for (const k of current.ancestorsOf(leaf.path)) if (current.byKey.get(k)!.lastFile !== fileIndex) current.delete(k);
      const below = current.descendantsOf(leaf.path);
      // Merging an empty map into a map changes nothing; anything else replaces the subtree.
      if (isEmptyMap && below.length > 0) continue;
      for (const k of below) if (current.byKey.get(k)!.lastFile !== fileIndex) current.delete(k);
      const key = pathKey(leaf.path);
      const prior = current.byKey.get(key);
      const merged: DataLeaf = prior
        ? { ...leaf, definitions: [...prior.leaf.definitions, ...leaf.definitions], definedIn: [...prior.leaf.definedIn, ...leaf.definedIn] }
        : { ...leaf, definitions: [...leaf.definitions], definedIn: [...leaf.definedIn] };
      if (prior) current.delete(key); // re-insert: the leaf list follows the order of the last definition
      current.set(key, { leaf: merged, lastFile: fileIndex });
    }
  });
  return { tree, leaves: [...current.byKey.values()].map((t) => t.leaf) };
}
