// Collecting the leaves of one data file while walking its syntax tree.

import type { DataDefinition, DataLeaf, LeafRole } from './types.js';
import type { LineIndex } from './lines.js';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export const MISSING = Symbol('missing');

/** The value at `path` (list indexes as strings), or MISSING. */
export function getAt(tree: unknown, path: readonly string[]): unknown {
  let cur: unknown = tree;
  for (const seg of path) {
    if (Array.isArray(cur)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= cur.length || String(i) !== seg) return MISSING;
      cur = cur[i];
    } else if (isPlainObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) {
      cur = cur[seg];
    } else {
      return MISSING;
    }
  }
  return cur;
}

/** A definition value to fill in from the finished tree (a TOML array of tables spans many headers). */
export const FROM_TREE = Symbol('from-tree');

export function pathKey(path: readonly string[]): string {
  return path.join('\u0000');
}

/** The keys of a path's prefixes, the path's own last: [a, a\0b, a\0b\0c] (each built on the one before). */
export function keysOf(path: readonly string[]): string[] {
  const keys = new Array<string>(path.length);
  for (let i = 0; i < path.length; i++) keys[i] = i === 0 ? path[0]! : `${keys[i - 1]}\0${path[i]}`;
  return keys;
}

export class LeafCollector {
  private readonly byPath = new Map<string, DataLeaf>();

  constructor(private readonly lines: LineIndex) {}

  /** Records a definition; a second definition of the same path in the file appends (last wins). */
  add(
    path: string[],
    value: unknown,
    keyOffset: number,
    valueRange: readonly [number, number] | null,
    role: LeafRole,
    extra: Partial<DataDefinition> = {},
  ): void {
    const def: DataDefinition = {
      position: this.lines.position(keyOffset),
      valueSpan: valueRange ? this.lines.span(valueRange[0], valueRange[1]) : null,
      valueRange: valueRange ? [valueRange[0], valueRange[1]] : null,
      value,
      ...extra,
    };
    const key = pathKey(path);
    const existing = this.byPath.get(key);
    if (existing) {
      existing.definitions.push(def);
      existing.definedIn.push(def.position);
      existing.role = role;
    } else {
      this.byPath.set(key, { path, value, definedIn: [def.position], definitions: [def], role });
    }
  }

  /**
   * The leaves that survive in `tree` (a later duplicate key may have replaced a map by a scalar),
   * each with its winning value taken from the tree.
   */
  finish(tree: Record<string, unknown>): DataLeaf[] {
    const out: DataLeaf[] = [];
    for (const leaf of this.byPath.values()) {
      const last = leaf.definitions[leaf.definitions.length - 1]!;
      if (last.dynamic) {
        out.push({ ...leaf, value: undefined, dynamic: true, functions: last.functions ?? [] });
        continue;
      }
      const v = getAt(tree, leaf.path);
      if (v === MISSING) continue;
      for (const d of leaf.definitions) if (d.value === FROM_TREE) d.value = v;
      if (isPlainObject(v) && Object.keys(v).length > 0) continue;
      out.push({ ...leaf, value: v });
    }
    return out;
  }
}
