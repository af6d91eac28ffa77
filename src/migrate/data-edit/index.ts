// Removing secret keys from chezmoi data files while keeping every comment, the key order and the
// formatting: `.chezmoidata.*` / `.chezmoidata/*` in YAML, TOML, JSON, JSONC, and the static
// `[data]` of the config template `.chezmoi.$FORMAT.tmpl`.
import { posix } from 'node:path';
import { jsonEditPlan } from './json.js';
import { actionSpans, maskActions, touchesAction } from './mask.js';
import { applyEdits, DataEditError } from './text.js';
import { tomlEditPlan } from './toml.js';
import type { EditPlan, Unsupported } from './types.js';
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
  const m = /^\.chezmoi\.(json|jsonc|toml|yaml|yml)\.tmpl$/u.exec(base);
  const ext = m ? m[1]! : /\.([^.]+)$/u.exec(base)?.[1]?.toLowerCase();
  const format: Format | null = ext === 'yaml' || ext === 'yml' ? 'yaml' : ext === 'toml' ? 'toml' : ext === 'json' || ext === 'jsonc' ? 'json' : null;
  return format ? { format, template: m !== null } : null;
}

/**
 * Removes the leaf `paths` from a data file's text. For the config template, paths are data paths
 * (below `[data]`/`data:`) and only static lines are cut; a line holding an action is refused.
 */
export function removeKeys(relPath: string, text: string, paths: string[][]): RemoveKeysResult {
  const kind = editFormatOf(relPath);
  if (!kind) throw new DataEditError(relPath, undefined, 'not a YAML, TOML or JSON data file');
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const filePaths = kind.template ? paths.map((p) => ['data', ...p]) : paths;
  const unprefix = (p: string[]): string[] => (kind.template ? p.slice(1) : p);
  const result: RemoveKeysResult = { text, removed: [], notFound: [], unsupported: [] };

  const spans = kind.template ? actionSpans(body) : [];
  const parsed = kind.template ? maskActions(body, spans) : body;
  let plan: EditPlan;
  try {
    const planner = kind.format === 'yaml' ? yamlEditPlan : kind.format === 'toml' ? tomlEditPlan : jsonEditPlan;
    plan = planner(relPath, parsed, filePaths, spans);
  } catch (err) {
    if (kind.template && err instanceof DataEditError) {
      throw new DataEditError(relPath, err.line, `cannot locate static keys with the template actions masked: ${err.message.slice(relPath.length + 2)}`);
    }
    throw err;
  }
  if (kind.template && plan.edits.some((e) => touchesAction(e.start, e.end, spans))) {
    // Refuse the whole file rather than guess which entry pulled an action in.
    return { ...result, unsupported: plan.removed.map((p) => ({ path: unprefix(p), reason: 'the entry involves a template action' })),
      notFound: plan.notFound.map(unprefix) };
  }
  return {
    text: bom + applyEdits(body, plan.edits),
    removed: plan.removed.map(unprefix),
    notFound: plan.notFound.map(unprefix),
    unsupported: [...plan.unsupported.map((u) => ({ path: unprefix(u.path), reason: u.reason })), ...result.unsupported],
  };
}
