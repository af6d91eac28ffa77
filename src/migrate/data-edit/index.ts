// Removing secret keys from chezmoi data files while keeping every comment, the key order and the
// formatting: `.chezmoidata.*` / `.chezmoidata/*` in YAML, TOML, JSON, JSONC, and the static
// `[data]` of the config template `.chezmoi.$FORMAT.tmpl`.
import { posix } from 'node:path';
import { extractConfigData, parseDataFile } from '../../data/index.js';
import { configTemplateFormat, dataFormatOfExtension } from '../../source/attributes.js';
import { jsonEditPlan } from './json.js';
import { blankedRegions, branchChains, maskTemplate, templateActions, touchesAny, variantCount } from './mask.js';
import { applyEdits, DataEditError } from './text.js';
import { tomlEditPlan } from './toml.js';
import type { EditPlan, Unsupported } from './types.js';
import type { Edit, Span } from './text.js';
import { yamlEditPlan } from './yaml.js';

export { DataEditError } from './text.js';
export type { Unsupported } from './types.js';

export interface RemoveKeysResult {
  text: string;
  removed: string[][];
  notFound: string[][];
  /** Paths that exist but cannot be removed safely (inside a list, produced by an action…). */
  unsupported: Unsupported[];
}

type Format = 'yaml' | 'toml' | 'json';

/** The format of a data file or config template, and whether it is a template. */
export function editFormatOf(relPath: string): { format: Format; template: boolean } | null {
  const base = posix.basename(relPath.replace(/\\/gu, '/'));
  const template = configTemplateFormat(base);
  const ext = template ?? /\.([^.]+)$/u.exec(base)?.[1]?.toLowerCase();
  const data = ext === undefined ? null : dataFormatOfExtension(ext);
  // JSONC is edited as JSON (the editor keeps comments either way).
  const format: Format | null = data === 'jsonc' ? 'json' : data;
  return format ? { format, template: template !== null } : null;
}

/**
 * Removes the leaf `paths` from a data file's text. For the config template, paths are data paths
 * (below `[data]`/`data:`) and only static lines are cut; a line holding an action is refused.
 */
export interface RemoveKeysOptions {
  /**
   * May the map at this path go once every key it holds is removed? (No template reads it as a
   * whole, nor tests for it.) Default: never; the map stays as `{}`.
   */
  prune?: (path: string[]) => boolean;
}

export function removeKeys(relPath: string, text: string, paths: string[][], opts: RemoveKeysOptions = {}): RemoveKeysResult {
  const kind = editFormatOf(relPath);
  if (!kind) throw new DataEditError(relPath, undefined, 'not a YAML, TOML or JSON data file');
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const filePaths = kind.template ? paths.map((p) => ['data', ...p]) : paths;
  const unprefix = (p: string[]): string[] => (kind.template ? p.slice(1) : p);

  const planner = kind.format === 'yaml' ? yamlEditPlan : kind.format === 'toml' ? tomlEditPlan : jsonEditPlan;
  if (!kind.template) {
    const tree = opts.prune ? parsedTree(relPath, body) : null;
    const collapsed = tree ? collapseEmptied(tree, filePaths, opts.prune!) : filePaths;
    const plan = planner(relPath, body, collapsed);
    return { text: bom + applyEdits(body, plan.edits), ...expandBack(paths, collapsed, plan) };
  }
  // The config template: its [data] as the scan reads it; `data` itself is never removed.
  const data = opts.prune ? extractConfigData(relPath, body) : null;
  const collapsed = data && !data.error ? collapseEmptied({ data: data.tree }, filePaths, (p) => p.length > 1 && opts.prune!(p.slice(1))) : filePaths;
  const plan = templatePlan(relPath, body, collapsed, planner);
  if (plan === null) {
    // An edit would touch an action: refuse the whole file rather than guess which entry pulled it in.
    return { text, removed: [], notFound: [], unsupported: paths.map((p) => ({ path: p, reason: 'the entry involves a template action' })) };
  }
  const back = expandBack(filePaths, collapsed, plan);
  return {
    text: bom + applyEdits(body, plan.edits),
    removed: back.removed.map(unprefix),
    notFound: back.notFound.map(unprefix),
    unsupported: back.unsupported.map((u) => ({ path: unprefix(u.path), reason: u.reason })),
  };
}

/** The file's data, as the scan reads it, to see which maps a removal empties; null when it does not parse (the planner reports that). */
function parsedTree(relPath: string, body: string): unknown {
  const r = parseDataFile(relPath, body);
  return r.error ? null : r.tree;
}

function isMapNode(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/**
 * Replace the removed keys of a map by the map itself when they are all it holds and `prune`
 * allows it, up the tree (never the root: an emptied file stays `{}`).
 */
export function collapseEmptied(tree: unknown, paths: readonly string[][], prune: (path: string[]) => boolean): string[][] {
  const key = (p: readonly string[]): string => JSON.stringify(p);
  let set = new Map(paths.map((p) => [key(p), [...p]]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of [...set.values()]) {
      if (p.length < 2) continue;
      const parent = p.slice(0, -1);
      if (set.has(key(parent))) continue;
      let node: unknown = tree;
      for (const seg of parent) node = isMapNode(node) ? node[seg] : undefined;
      if (!isMapNode(node)) continue;
      const keys = Object.keys(node);
      if (keys.length === 0 || !keys.every((k) => set.has(key([...parent, k]))) || !prune(parent)) continue;
      const next = new Map([...set].filter(([, q]) => !(q.length > parent.length && parent.every((s, i) => q[i] === s))));
      next.set(key(parent), parent);
      set = next;
      changed = true;
    }
  }
  return [...set.values()];
}

/** The planner's answer in terms of the paths asked for: a path under a removed map is removed. */
function expandBack(paths: readonly string[][], collapsed: readonly string[][], plan: EditPlan): Omit<RemoveKeysResult, 'text'> {
  const under = (p: readonly string[], q: readonly string[]): boolean => q.length <= p.length && q.every((s, i) => p[i] === s);
  const find = (list: readonly string[][], p: readonly string[]) => list.find((q) => under(p, q));
  return {
    removed: paths.filter((p) => find(plan.removed, p)),
    notFound: paths.filter((p) => !find(plan.removed, p) && find(plan.notFound, p)),
    unsupported: paths.flatMap((p) => {
      if (find(plan.removed, p)) return [];
      const u = plan.unsupported.find((x) => under(p, x.path));
      return u ? [{ path: p, reason: u.reason }] : [];
    }),
  };
}

type Planner = (file: string, text: string, paths: readonly string[][], keep?: readonly Span[]) => EditPlan;

/**
 * The plan for a config template: parse with every branch kept; if that fails (if/else branches
 * defining the same key), parse each branch variant and unite what they find. Null when an edit
 * would touch an action or a blanked branch.
 */
function templatePlan(relPath: string, body: string, paths: readonly string[][], planner: Planner): EditPlan | null {
  const actions = templateActions(relPath, body);
  const chains = branchChains(actions);
  const actionSpans: Span[] = actions.map((a) => ({ start: a.start, end: a.end }));
  const attempt = (variant: number): { plan: EditPlan; protectedSpans: Span[] } => {
    const blanked = blankedRegions(chains, variant);
    const protectedSpans = [...actionSpans, ...blanked];
    return { plan: planner(relPath, maskTemplate(body, actions, blanked), paths, protectedSpans), protectedSpans };
  };
  let attempts: { plan: EditPlan; protectedSpans: Span[] }[];
  try {
    attempts = [attempt(-1)];
  } catch (err) {
    const variants = variantCount(chains);
    if (!(err instanceof DataEditError) || variants === 0) throw maskedError(relPath, err);
    attempts = [];
    for (let v = 0; v < variants; v += 1) {
      try {
        attempts.push(attempt(v));
      } catch {
        // this branch combination does not parse on its own; another may
      }
    }
    if (attempts.length === 0) throw maskedError(relPath, err);
  }
  if (attempts.some(({ plan, protectedSpans }) => plan.edits.some((e) => touchesAny(e.start, e.end, protectedSpans)))) return null;
  const key = (p: readonly string[]): string => JSON.stringify(p);
  const removed = new Map<string, string[]>();
  const unsupported = new Map<string, Unsupported>();
  const edits = new Map<string, Edit>();
  for (const { plan } of attempts) {
    for (const p of plan.removed) removed.set(key(p), p);
    for (const u of plan.unsupported) unsupported.set(key(u.path), u);
    for (const e of plan.edits) edits.set(`${e.start}:${e.end}:${e.insert}`, e);
  }
  return {
    edits: [...edits.values()],
    removed: paths.filter((p) => removed.has(key(p))),
    unsupported: paths.filter((p) => !removed.has(key(p)) && unsupported.has(key(p))).map((p) => unsupported.get(key(p))!),
    notFound: paths.filter((p) => !removed.has(key(p)) && !unsupported.has(key(p))),
  };
}

function maskedError(relPath: string, err: unknown): unknown {
  if (!(err instanceof DataEditError)) return err;
  return new DataEditError(relPath, err.line, `cannot locate static keys with the template actions masked: ${err.message.slice(relPath.length + 2 + (err.line !== undefined ? String(err.line).length + 1 : 0))}`);
}
