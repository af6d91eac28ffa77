// The static [data] of `.chezmoi.$FORMAT.tmpl`. The file is a Go template; we blank out the
// template actions (keeping every other character where it was, so positions stay those of the
// original file), put a placeholder where an action prints a value, and parse what is left as
// TOML / YAML / JSON. A value made by an action (promptStringOnce, onepasswordRead, .chezmoi.*)
// is `dynamic`: its value is unknown, we record the functions and references that make it.
// When if/else branches define the same key twice, each branch is parsed on its own.

import { configTemplateFormat, dataFormatOfExtension, renderedConfigFormat } from '../source/attributes.js';
import type { DataFormat, DataFileResult, DataLeaf, DataDefinition } from './types.js';
import { parseDataFile } from './parse.js';
import type { FunctionCall, TemplateAction } from './actions.js';
import { configTemplateActions } from './template-adapter.js';
import { isPlainObject, getAt, MISSING, pathKey } from './leaves.js';
import { recursiveMerge } from './merge.js';

/** Private-use character standing in for text an action prints. Never in real config files. */
const FILLER = '\uE000';
const FILLER_RUN = /\uE000+/g;

/** `.chezmoi.$FORMAT.tmpl`, or a rendered config file `chezmoi.$FORMAT` (same [data] section). */
function formatOfConfig(relPath: string): DataFormat | null {
  const name = relPath.split('/').pop() ?? '';
  const ext = configTemplateFormat(name) ?? renderedConfigFormat(name);
  return ext === null ? null : dataFormatOfExtension(ext);
}

function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end && i < chars.length; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

/** Is position `at` inside a quoted string, judging from its line so far (already masked)? */
function insideString(linePrefix: string, format: DataFormat): boolean {
  let quote = '';
  for (let i = 0; i < linePrefix.length; i++) {
    const ch = linePrefix[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) {
        if (format === 'yaml' && quote === "'" && linePrefix[i + 1] === "'") i++;
        else quote = '';
      }
      continue;
    }
    if (ch === '#' && format !== 'json' && format !== 'jsonc') return false;
    if (ch === '"') quote = ch;
    else if (ch === "'" && format !== 'json' && format !== 'jsonc') {
      // In YAML a quote only opens a scalar at its start, not inside `it's`.
      if (format === 'yaml' && i > 0 && !/[\s\[{,:-]/.test(linePrefix[i - 1]!)) continue;
      quote = ch;
    }
  }
  return quote !== '';
}

interface Chain {
  /** Body ranges of each branch, between the tags. */
  branches: Array<[number, number]>;
  define: boolean;
}

function chainsOf(actions: TemplateAction[]): Chain[] {
  const chains: Chain[] = [];
  const stack: Array<{ chain: Chain; bodyStart: number }> = [];
  for (const a of actions) {
    if (a.kind === 'open') {
      stack.push({ chain: { branches: [], define: a.keyword === 'define' }, bodyStart: a.end });
    } else if (a.kind === 'else' && stack.length) {
      const top = stack[stack.length - 1]!;
      top.chain.branches.push([top.bodyStart, a.start]);
      top.bodyStart = a.end;
    } else if (a.kind === 'end' && stack.length) {
      const top = stack.pop()!;
      top.chain.branches.push([top.bodyStart, a.start]);
      chains.push(top.chain);
    }
  }
  return chains;
}

/** The text with actions masked; `variant` < 0 keeps every branch, else keeps branch `variant` of each chain. */
function mask(text: string, actions: TemplateAction[], chains: Chain[], format: DataFormat, variant: number): string {
  const chars = text.split('');
  for (const c of chains) {
    // A define's body is a named template, not output.
    if (c.define) for (const [s, e] of c.branches) blank(chars, s, e);
    else if (variant >= 0 && c.branches.length > 1) {
      const keep = Math.min(variant, c.branches.length - 1);
      c.branches.forEach(([s, e], i) => i !== keep && blank(chars, s, e));
    }
  }
  for (const a of actions) if (a.kind !== 'output') blank(chars, a.start, a.end);
  const outputs = actions.filter((a) => a.kind === 'output');
  const isOutput = new Set<number>();
  for (const a of outputs) for (let i = a.start; i < a.end; i++) isOutput.add(i);
  for (const a of outputs) {
    if (chars[a.start] === ' ' && text[a.start] !== ' ') continue; // inside a blanked branch
    const lineStart = text.lastIndexOf('\n', a.start - 1) + 1;
    let lineEnd = text.indexOf('\n', a.end);
    if (lineEnd === -1) lineEnd = text.length;
    let others = '';
    for (let i = lineStart; i < lineEnd; i++) if (!isOutput.has(i)) others += chars[i];
    if (others.trim() === '') {
      // A line made only of actions prints unknown content (include, toToml): nothing static there.
      blank(chars, a.start, a.end);
      continue;
    }
    const prefix = chars.slice(lineStart, a.start).join('');
    const quoted = insideString(prefix, format) || format === 'yaml';
    for (let i = a.start; i < a.end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = FILLER;
    if (!quoted && a.end - a.start >= 2) {
      chars[a.start] = '"';
      chars[a.end - 1] = '"';
    }
  }
  return chars.join('');
}

interface VarSource {
  functions: Set<string>;
  calls: FunctionCall[];
  refs: Set<string>;
  /** String literals the variable may hold (assigned directly or through another variable). */
  literals: Set<string>;
}

/** Functions, references and literals behind each `$variable`, through chains of assignments. */
function variableSources(actions: TemplateAction[]): Map<string, VarSource> {
  const vars = new Map<string, VarSource>();
  for (const a of actions) {
    if (a.declares.length === 0) continue;
    const src: VarSource = { functions: new Set(a.functions), calls: [...(a.calls ?? [])], refs: new Set(a.refs), literals: new Set() };
    if (a.literal !== undefined) src.literals.add(a.literal);
    for (const u of a.uses) {
      if (a.declares.includes(u)) continue;
      const from = vars.get(u);
      from?.functions.forEach((f) => src.functions.add(f));
      if (from) addCalls(src.calls, from.calls);
      from?.refs.forEach((r) => src.refs.add(r));
      if (u === a.passVar) from?.literals.forEach((l) => src.literals.add(l));
    }
    for (const d of a.declares) {
      const prev = vars.get(d) ?? { functions: new Set<string>(), calls: [], refs: new Set<string>(), literals: new Set<string>() };
      src.functions.forEach((f) => prev.functions.add(f));
      addCalls(prev.calls, src.calls);
      src.refs.forEach((r) => prev.refs.add(r));
      src.literals.forEach((l) => prev.literals.add(l));
      vars.set(d, prev);
    }
  }
  return vars;
}

/** Calls kept per value: enough to say where it comes from, bounded through long chains of variables. */
const MAX_CALLS = 20;
function addCalls(into: FunctionCall[], more: readonly FunctionCall[]): void {
  for (const c of more) if (into.length < MAX_CALLS) into.push(c);
}

function hasFiller(v: unknown): boolean {
  return typeof v === 'string' && v.includes(FILLER);
}

/** Removes dynamic values from a tree (keys deleted, list items set to null). */
function dropDynamic(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (hasFiller(x) ? null : dropDynamic(x)));
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!hasFiller(x)) out[k.replace(FILLER_RUN, '*')] = dropDynamic(x);
    return out;
  }
  return v;
}

function sortedUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort();
}

/**
 * Static data of a config template. `actions` are the template's action spans over `text`
 * (default: from the template parser, or the lenient lexer when the template does not parse).
 * Leaves are relative to `data` (`[data] x = 1` is leaf ['x']).
 */
export function extractConfigData(relPath: string, text: string, actions?: TemplateAction[]): DataFileResult {
  const format = formatOfConfig(relPath) ?? 'toml';
  let body = text;
  // A rendered config file (chezmoi.toml) is not a template: its `{{` are plain text.
  const isTemplate = relPath.endsWith('.tmpl');
  let acts = actions ?? (isTemplate ? configTemplateActions(relPath, text) : []);
  if (body.charCodeAt(0) === 0xfeff) {
    // Positions are counted after the BOM, as for data files.
    body = body.slice(1);
    acts = acts.map((a) => ({ ...a, start: Math.max(0, a.start - 1), end: Math.max(0, a.end - 1) }));
  }
  acts = [...acts].sort((a, b) => a.start - b.start);
  const chains = chainsOf(acts);
  const vars = variableSources(acts);

  const parseVariant = (variant: number): DataFileResult => {
    const r = parseDataFile(relPath, mask(body, acts, chains, format, variant), format);
    return { ...r, origin: 'config' };
  };
  let results = [parseVariant(-1)];
  if (results[0]!.error) {
    const maxBranches = Math.max(1, ...chains.filter((c) => !c.define).map((c) => c.branches.length));
    if (maxBranches > 1) {
      const variants = Array.from({ length: maxBranches }, (_, k) => parseVariant(k));
      const ok = variants.filter((v) => !v.error);
      results = ok.length ? ok : [variants[0]!];
    }
  }
  const failed = results.find((r) => r.error);
  if (failed) {
    const e = failed.error!;
    const message = isTemplate ? e.message.replace(/^could not parse (\w+):/, 'could not parse the config template as $1 (template actions removed):') : e.message;
    return { file: relPath, origin: 'config', tree: {}, leaves: [], error: { ...e, message } };
  }

  // Union of the variants: every definition once (by position), in file order.
  const byPath = new Map<string, DataLeaf>();
  const fullTree: Record<string, unknown> = {};
  for (const r of results) {
    recursiveMerge(fullTree, r.tree);
    for (const leaf of r.leaves) {
      const key = pathKey(leaf.path);
      const have = byPath.get(key);
      if (!have) {
        byPath.set(key, { ...leaf, definitions: [...leaf.definitions] });
        continue;
      }
      for (const d of leaf.definitions) {
        if (!have.definitions.some((x) => x.position.line === d.position.line && x.position.column === d.position.column)) have.definitions.push(d);
      }
    }
  }
  const data = fullTree['data'];
  const tree = isPlainObject(data) ? (dropDynamic(data) as Record<string, unknown>) : {};

  const leaves: DataLeaf[] = [];
  for (const leaf of byPath.values()) {
    if (leaf.path[0] !== 'data' || leaf.path.length < 2) continue;
    const definitions = leaf.definitions
      .sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column)
      .map((d) => dynamicDefinition(d, acts, vars));
    const last = definitions[definitions.length - 1]!;
    const path = leaf.path.slice(1).map((s) => s.replace(FILLER_RUN, '*'));
    const dynamicKey = leaf.path.some((s) => s.includes(FILLER));
    const fromTree = getAt(tree, path);
    const out: DataLeaf = {
      path,
      value: last.dynamic ? undefined : leaf.role === 'list' && fromTree !== MISSING ? fromTree : last.value,
      definedIn: definitions.map((d) => d.position),
      definitions,
      role: leaf.role,
    };
    if (last.dynamic || dynamicKey) {
      out.dynamic = true;
      out.functions = last.functions ?? [];
      if (last.calls) out.calls = last.calls;
    }
    leaves.push(out);
  }
  return { file: relPath, origin: 'config', tree, leaves, error: null };
}

function dynamicDefinition(d: DataDefinition, actions: TemplateAction[], vars: Map<string, VarSource>): DataDefinition {
  if (!hasFiller(d.value) || !d.valueRange) return d;
  const [s, e] = d.valueRange;
  const functions: string[] = [];
  const calls: FunctionCall[] = [];
  const refs: string[] = [];
  const literals: string[] = [];
  for (const a of actions) {
    if (a.kind !== 'output' || a.end <= s || a.start >= e) continue;
    functions.push(...a.functions);
    addCalls(calls, a.calls ?? []);
    refs.push(...a.refs);
    if (a.literal !== undefined) literals.push(a.literal);
    for (const u of a.uses) {
      const src = vars.get(u);
      if (!src) continue;
      functions.push(...src.functions);
      addCalls(calls, src.calls);
      refs.push(...src.refs);
      if (u === a.passVar) literals.push(...src.literals);
    }
  }
  const out: DataDefinition = { ...d, value: undefined, dynamic: true, functions: sortedUnique(functions), refs: sortedUnique(refs) };
  if (literals.length) out.literals = sortedUnique(literals);
  if (calls.length) out.calls = calls;
  return out;
}
