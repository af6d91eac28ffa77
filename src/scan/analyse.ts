// The analysis shared by `scan`, `scan --staged` and (per blob) `history`: templates parsed,
// data loaded and merged, every variable classified with the places that read it, and every
// hard-coded secret in any file found. Works on in-memory files only (see input.ts).

import type { AnalysisError, ClassifiedVariable, Finding, Note, Position, ScanResult } from '../model.js';
import { fingerprint } from '../fingerprint.js';
import type { ParsedTemplate, TemplateRef } from '../template/index.js';
import type { DataFileResult, DataLeaf } from '../data/index.js';
import type { LiteralFinding, Rule, RuleContext, VariableUse } from '../classify/index.js';
import type { ClassifyConfig } from '../config/index.js';
import { applyTimeReference } from '../classify/apply-time.js';
import type { InputFile, ScanInput } from './input.js';
import { nonTextSpans } from './spans.js';
import { isAllowedLine } from '../classify/allow.js';
import { isPurgePlaceholder } from '../classify/placeholder.js';
import { TreeDelta } from './tree-delta.js';
import { Lru } from './lru.js';
import { keysOf } from '../data/leaves.js';

export interface AnalyseOptions {
  config: ClassifyConfig;
  /** Rules run after the built-in registry (rules/index.ts): the user's. */
  rules?: readonly Rule[];
  command?: ScanResult['command'];
  /** Work kept across calls on trees that share files (history): see AnalyseCache. */
  cache?: AnalyseCache;
  /** false: no literal detection (history scans every blob's text once, on its own). */
  literals?: boolean;
  /** Also a finding (rule `variable/review`, severity warning) per `review` value: what `purge --include-review` removes. */
  reviewFindings?: boolean;
  /** .gitattributes files that are not among the input files (history: the work tree's). */
  gitattributes?: Array<{ dir: string; text: string }>;
  /**
   * false: data is parsed (errors, cache) but no variable is judged, so none of their findings either:
   * for a caller that judges the variables itself, in context (history's tree analysis).
   */
  variables?: boolean;
  /** Filled with each template parsed, by path (migrate rewrites them without parsing them again). */
  parsed?: Map<string, ParsedTemplate>;
}

type FileUses = Array<{ key: string; use: VariableUse; scopeOnly: boolean; id?: number }>;

/**
 * What analyse keeps between calls, for files with an `id` (same id and path: same text): a data
 * file is parsed once and a template's references are resolved once (only what they give is kept,
 * never the syntax tree), and a variable is classified once per distinct rule context.
 */
export class AnalyseCache {
  /**
   * Parsed data files (and config templates' [data]), the last DATA_MAX used: a history has hundreds
   * of versions of a data file; beyond that many, its tree analysis parses a version again from its text.
   */
  readonly data = new Lru<string, DataFileResult>(DATA_MAX);
  readonly uses = new Map<string, FileUses>();
  readonly classified = new Map<string, ClassifiedVariable>();
  private readonly ids = new WeakMap<object, number>();
  private readonly interned = new Map<string, number>();
  /** The merged leaves of a set of data files (by their results' serials): trees that differ only in templates share them. */
  private readonly mergedBy = new Map<string, DataLeaf[]>();
  private readonly serials = new WeakMap<DataFileResult, number>();
  /** Per merged leaf, the part of its context key that depends on the leaf alone. */
  readonly leafKeys = new WeakMap<DataLeaf, string>();
  /** The references of the last set of templates, by data path: the next tree mostly has the same templates. */
  useIndex(templates: FileUses[], index: (t: FileUses[]) => UseIndex): UseIndex {
    const last = this.lastUses;
    if (last && last.templates.length === templates.length && last.templates.every((t, i) => t === templates[i])) return last.index;
    const made = index(templates);
    this.lastUses = { templates, index: made };
    return made;
  }
  private lastUses: { templates: FileUses[]; index: UseIndex } | null = null;
  /** The previous tree's variables, for the next tree (which is mostly the same). */
  readonly delta = new TreeDelta();

  /** mergeData through the cache (the result's leaves are read, never changed, by analyse). */
  mergedLeaves(files: DataFileResult[], merge: (f: DataFileResult[]) => { leaves: DataLeaf[] }): DataLeaf[] {
    const key = files
      .map((f) => {
        let n = this.serials.get(f);
        if (n === undefined) this.serials.set(f, (n = this.serialCount++));
        return n;
      })
      .sort((a, b) => a - b)
      .join(',');
    let leaves = this.mergedBy.get(key);
    if (!leaves) {
      if (this.mergedBy.size >= MERGED_MAX) this.mergedBy.clear();
      this.mergedBy.set(key, (leaves = merge(files).leaves));
    }
    return leaves;
  }
  private serialCount = 0;

  /** What a file gives the analysis of a whole tree (null: nothing, e.g. a template that reads no data): the same key, the same contribution. */
  contribution(path: string, id: string): string | null {
    const key = `${path}\0${id}`;
    if (this.data.has(key)) return `data\0${key}`; // its own leaves and positions
    const uses = this.uses.get(key);
    if (!uses?.length) return null;
    return `uses\0${path}\0${uses.map((u) => `${u.key}\0${u.scopeOnly ? 1 : 0}\0${this.idOf(u.use)}`).join('\0')}`;
  }

  /** A small number per distinct content (JSON) of an object, remembered per object. */
  idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) {
      const json = JSON.stringify(o);
      id = this.interned.get(json);
      if (id === undefined) this.interned.set(json, (id = this.interned.size));
      this.ids.set(o, id);
    }
    return id;
  }
}

/**
 * How many parsed data files the cache keeps. The tree analysis then parses most versions again from their text; on a real
 * history (bench/history.sh real, whose 57 KB data file gives 7,800 leaves, ~5 MB a version) keeping
 * 32 instead of 256 took the peak from 3.2 to 1.9 GB at the same CPU time within the noise (2 runs each).
 */
const DATA_MAX = 32;

/** How many merged data sets the cache keeps: the trees of a history come in runs that share one. */
const MERGED_MAX = 16;

interface ParsedFile {
  file: InputFile;
  parsed: ParsedTemplate | null;
  /** Known from the cache (then `parsed` is null). */
  uses?: FileUses;
}

const LITERAL_CONCURRENCY = 16;

export async function analyse(input: ScanInput, opts: AnalyseOptions): Promise<ScanResult> {
  const errors: AnalysisError[] = [];
  const notes: Note[] = [];
  const dataFiles: DataFileResult[] = [];
  const templates: ParsedFile[] = [];
  const literalJobs: Array<{ file: InputFile; text: string; skip?: Array<[number, number]> }> = [];
  const texts = new Map<string, string>();
  // Parsers are loaded only when a file needs them: a pre-commit scan of one plain file must not
  // pay for the YAML/TOML/JSONC parsers and the template grammar.
  const needsTemplates = input.files.some((f) => f.text !== null && f.entry.isTemplate);
  const needsData = input.files.some((f) => f.text !== null && (f.entry.kind === 'data' || f.entry.kind === 'config-template'));
  const [templateModule, { extractConfigData, mergeData, parseDataFile }, { classifyVariables, detectLiteralSecrets, valueToString, gradeFindings, gitattributesMatcher }] = await Promise.all([
    needsTemplates ? import('../template/index.js') : ({} as typeof import('../template/index.js')),
    needsData ? import('../data/index.js') : ({ mergeData: () => ({ tree: {}, leaves: [] }) } as unknown as typeof import('../data/index.js')),
    import('../classify/index.js'),
  ]);
  const { parseTemplate } = templateModule;
  const rules = await ruleList(opts.rules);

  const cacheKey = (file: InputFile) => (opts.cache && file.id !== undefined ? `${file.path}\0${file.id}` : undefined);
  for (const file of input.files) {
    const { entry, text } = file;
    if (text === null) continue;
    if (file.report === false && entry.kind !== 'data' && !entry.isTemplate) continue;
    texts.set(file.path, text);
    try {
      const key = cacheKey(file);
      if (entry.kind === 'data') {
        const r = (key && opts.cache!.data.get(key)) || parseDataFile(file.path, text);
        if (key) opts.cache!.data.set(key, r);
        if (r.error) {
          errors.push(r.error);
          // Fail closed, but a provider token in the unparseable text is still reported.
          literalJobs.push({ file, text });
        } else dataFiles.push(r);
        continue;
      }
      if (!entry.isTemplate) {
        literalJobs.push({ file, text });
        continue;
      }
      const known = key ? opts.cache!.uses.get(key) : undefined;
      if (known && opts.literals === false) {
        // Nothing to parse again: its references are known, and so is its [data] (a config template), or its text is.
        let r = opts.cache!.data.get(key!);
        if (!r && entry.kind === 'config-template') opts.cache!.data.set(key!, (r = extractConfigData(file.path, text)));
        if (r && !r.error) dataFiles.push(r);
        templates.push({ file, parsed: null, uses: known });
        continue;
      }
      const parsed = parseTemplate(text, { name: file.path, modify: entry.kind === 'modify' });
      opts.parsed?.set(file.path, parsed);
      if (!parsed.ok || !parsed.tree) {
        const e = parsed.error!;
        errors.push({ file: file.path, line: e.line, ...(e.column ? { column: e.column } : {}), message: `template does not parse: ${e.message}` });
        if (key) opts.cache!.uses.set(key, []);
        // Fail closed but still look for literal secrets in the raw text.
        literalJobs.push({ file, text });
        continue;
      }
      if (entry.kind === 'config-template') {
        const r = extractConfigData(file.path, text);
        if (key) opts.cache!.data.set(key, r);
        if (r.error) errors.push(r.error);
        else dataFiles.push(r);
      }
      templates.push({ file, parsed });
      literalJobs.push({ file, text, skip: nonTextSpans(text.length, [parsed.tree, ...Object.values(parsed.defines)]) });
    } catch (err) {
      // A parser that fails in a way we did not foresee: fail closed on this file, by name, and go on.
      errors.push(couldNotAnalyse(file.path, err));
      if (!literalJobs.some((j) => j.file === file)) literalJobs.push({ file, text });
    }
  }

  const leavesOnly = (files: DataFileResult[]) => mergeData(files, { tree: false });
  const merged = { leaves: opts.variables === false ? [] : opts.cache ? opts.cache.mergedLeaves(dataFiles, leavesOnly) : leavesOnly(dataFiles).leaves };
  resolveUses(templates, texts, templateModule, (f) => cacheKey(f), opts.cache);
  let uses: UseIndex | undefined; // built when some leaf is judged (a history's tree often needs none)
  const leaves = opts.variables === false ? [] : judgedLeaves(merged.leaves);
  const classify = (ctxs: RuleContext[]) => classifyVariables(ctxs, { config: opts.config, rules, onError: (e) => errors.push(e) });
  // The variables of the given leaves, each classified with the places that read it.
  const judge = async (some: DataLeaf[]): Promise<ClassifiedVariable[]> => {
    uses ??= opts.cache ? opts.cache.useIndex(templates.map((t) => t.uses!), indexUses) : indexUses(templates.map((t) => t.uses!));
    const leafUses = some.map((leaf) => usesOf(leaf.path, uses!));
    const contexts: RuleContext[] = some.map((leaf, i) => ({
      path: leaf.path,
      name: leaf.path[leaf.path.length - 1] ?? '',
      value: staticValueOf(leaf),
      valueString: valueToString(staticValueOf(leaf)),
      definedIn: leaf.definedIn,
      uses: leafUses[i]!.map((u) => u.use),
      config: opts.config,
      origin: 'data',
      ...(leaf.dynamic ? { dynamic: true, functions: leaf.functions ?? [] } : {}),
    }));
    const judged = opts.cache ? await classifyCached(contexts, leafUses, some, opts.cache, classify, (opts.rules?.length ?? 0) > 0) : await classify(contexts);
    for (let i = 0; i < judged.length; i++) {
      judged[i]!.usedIn = contexts[i]!.uses.map(usePosition);
      if (some[i]!.dynamic && staticValueOf(some[i]!) === some[i]!.value) settleDynamic(judged[i]!, some[i]!);
      settlePlaceholder(judged[i]!);
    }
    return judged;
  };
  // A history's trees come one after another, each its predecessor plus a small change: only the
  // leaves that change, or whose readers change, are judged again (src/scan/tree-delta.ts).
  const incremental = opts.cache !== undefined && opts.literals === false;
  const variables = opts.variables === false ? [] : incremental ? await opts.cache!.delta.variables(leaves, templateUses(templates), judge) : await judge(leaves);

  const reported = new Set(input.files.filter((f) => f.report !== false).map((f) => f.path));
  const findings: Finding[] = [];
  const definitionLines = new Set<string>();
  variables.forEach((v, i) => {
    const leaf = leaves[i]!;
    if (!incremental) for (const d of leaf.definitions) definitionLines.add(`${d.position.file}\0${d.position.line}`);
    if (v.class === 'secret') findings.push(...variableFindings(v, leaf, texts, reported, valueToString));
    else if (v.class === 'review' && opts.reviewFindings) findings.push(...variableFindings(v, leaf, texts, reported, valueToString, 'review'));
  });

  const literal = await runLimited(literalJobs.filter((j) => j.file.report !== false && opts.literals !== false), LITERAL_CONCURRENCY, async (job) => {
    try {
      const found = await detectLiteralSecrets(job.file.path, job.text, { config: opts.config, rules, skipSpans: job.skip });
      return found.map((f) => literalFinding(job.file.path, f));
    } catch (err) {
      errors.push(couldNotAnalyse(job.file.path, err));
      return [];
    }
  });
  const variableValues = new Set(findings.map((f) => `${f.file}\0${f.value}`));
  for (const f of literal.flat()) {
    if (isPurgePlaceholder(f.value)) continue;
    // A value in the config template's [data] is already reported as a variable.
    if (definitionLines.has(`${f.file}\0${f.line}`) || variableValues.has(`${f.file}\0${f.value}`)) continue;
    if (reported.has(f.file!)) findings.push(f);
  }
  // Severity by confidence and by the kind of file (vendored, generated, app state): src/classify/grade.ts.
  const attributes = attributesOf(input.files, opts.gitattributes, gitattributesMatcher);
  const graded = gradeFindings(findings, texts, { config: opts.config, attributes, reported: (file) => reported.has(file), rules });
  findings.length = 0;
  findings.push(...graded.findings);
  notes.push(...graded.notes);
  findings.sort(byLocation);
  return {
    command: opts.command ?? 'scan',
    root: input.root,
    // In order (a tree analysis's caller sorts what it keeps of thousands of trees itself).
    variables: incremental ? variables : sortVariables(variables),
    findings,
    errors: errors.filter((e) => reported.has(e.file) || !input.files.some((f) => f.path === e.file)),
    notes,
    ...(opts.config.strictReview ? { strictReview: true } : {}),
  };
}

type UseIndex = Map<string, FileUses>;

/** The leaves that are variables: a list's elements only where they are strings (the same array for the same leaves). */
const judged = new WeakMap<DataLeaf[], DataLeaf[]>();
function judgedLeaves(leaves: DataLeaf[]): DataLeaf[] {
  let out = judged.get(leaves);
  if (!out) judged.set(leaves, (out = leaves.every((l) => l.role !== 'element' || typeof l.value === 'string') ? leaves : leaves.filter((l) => l.role !== 'element' || typeof l.value === 'string')));
  return out;
}

/** Each template's references, by path (the cache's own array per blob: the same blob, the same array). */
function templateUses(templates: ParsedFile[]): Map<string, FileUses> {
  const out = new Map<string, FileUses>();
  for (const t of templates) if (t.uses?.length) out.set(t.file.path, t.uses); // set by resolveUses
  return out;
}

// The rule list, handed to variable classification, literal detection and grading alike: the
// registry, then the user's rules; made once per list of user rules (history analyses tens of
// thousands of blobs with the same one).
let registry: readonly Rule[] | undefined;
const ruleLists = new WeakMap<readonly Rule[], Rule[]>();
const NO_RULES: readonly Rule[] = [];
async function ruleList(user: readonly Rule[] = NO_RULES): Promise<Rule[]> {
  registry ??= (await import('../../rules/index.js')).builtinRules;
  let list = ruleLists.get(user);
  if (!list) ruleLists.set(user, (list = [...registry, ...user]));
  return list;
}

/** The linguist attributes: the input's .gitattributes files and the given ones (parsed once per given list when the input has none). */
const matchers = new WeakMap<object, ReturnType<typeof import('../classify/index.js').gitattributesMatcher>>();
const NO_ATTRIBUTES: Array<{ dir: string; text: string }> = [];
function attributesOf(files: InputFile[], given: Array<{ dir: string; text: string }> = NO_ATTRIBUTES, make: typeof import('../classify/index.js').gitattributesMatcher) {
  const own = files.filter((f) => f.text !== null && /(?:^|\/)\.gitattributes$/.test(f.path)).map((f) => ({ dir: f.path.replace(/\/?\.gitattributes$/, ''), text: f.text! }));
  if (own.length) return make([...own, ...given]);
  let m = matchers.get(given);
  if (!m) matchers.set(given, (m = make(given)));
  return m;
}

/** Every template's resolved references, kept on it (and in the cache, per blob). */
function resolveUses(
  templates: ParsedFile[],
  texts: Map<string, string>,
  templateModule: typeof import('../template/index.js'),
  cacheKey: (f: InputFile) => string | undefined,
  cache: AnalyseCache | undefined,
): void {
  for (const t of templates) {
    if (t.uses) continue;
    t.uses = fileUses(t.file, t.parsed!, texts, templateModule);
    const key = cacheKey(t.file);
    if (key) cache!.uses.set(key, t.uses);
  }
}

/** Every resolved reference, keyed by its data path. */
function indexUses(templates: FileUses[]): UseIndex {
  const index: UseIndex = new Map();
  for (const uses of templates) {
    for (const u of uses) {
      const list = index.get(u.key) ?? [];
      list.push(u);
      index.set(u.key, list);
    }
  }
  return index;
}

/** The resolved references of one template, with their data path keys. */
function fileUses(file: InputFile, parsed: ParsedTemplate, texts: Map<string, string>, templateModule: typeof import('../template/index.js')): FileUses {
  const out: FileUses = [];
  const { refPlace } = templateModule;
  {
    const lines = (texts.get(file.path) ?? '').split('\n');
    for (const ref of parsed.refs) {
      if (!ref.path || ref.path.length === 0) continue;
      const place = refPlace(ref.node);
      const scopeOnly = place.context === 'condition' && (place.owner?.type === 'With' || place.owner?.type === 'Range');
      const key = ref.path.join('\0');
      const include = ref.flowsInto.includes('include') ? includeArgOf(ref, parsed.includeCalls) : undefined;
      const use: VariableUse = {
        file: file.path,
        line: ref.line,
        column: ref.column,
        lineText: (lines[ref.line - 1] ?? '').replace(/\r$/, ''),
        flowsInto: ref.flowsInto,
        ...(include ? { includeArg: include } : {}),
        filePrivate: file.entry.attributes.private || file.entry.ancestors.private,
        targetPath: file.entry.targetPath,
      };
      out.push({ key, use, scopeOnly });
    }
  }
  return out;
}

/**
 * classifyVariables through the cache: a context seen before (same leaf, value, definitions and
 * uses) gets a copy of its earlier result, with its own definitions; the others are classified together.
 * No built-in rule reads where a leaf is defined, only in which files: with them alone, a leaf that
 * an edit above it moved is not classified again (a user rule may read anything: then positions count).
 */
async function classifyCached(
  contexts: RuleContext[],
  uses: FileUses[],
  leaves: DataLeaf[],
  cache: AnalyseCache,
  classify: (c: RuleContext[]) => Promise<ClassifiedVariable[]>,
  positions: boolean,
): Promise<ClassifiedVariable[]> {
  const keys = contexts.map((c, i) => contextKey(c, leaves[i]!, uses[i]!, cache, positions));
  // Bounded: a long history makes new contexts at every template edit; the recent ones are what the next trees share.
  if (cache.classified.size > CLASSIFIED_MAX) cache.classified.clear();
  const missing = new Map<string, RuleContext>();
  contexts.forEach((c, i) => {
    if (!cache.classified.has(keys[i]!) && !missing.has(keys[i]!)) missing.set(keys[i]!, c);
  });
  const fresh = missing.size ? await classify([...missing.values()]) : [];
  // usedIn is set from the uses by the caller: not kept.
  [...missing.keys()].forEach((k, i) => cache.classified.set(k, { ...fresh[i]!, usedIn: [] }));
  return keys.map((k, i) => {
    const v = cache.classified.get(k)!;
    return { ...v, reasons: [...v.reasons], definedIn: [...contexts[i]!.definedIn] };
  });
}

/** How many classified contexts the cache keeps (each some hundred bytes with its key). */
const CLASSIFIED_MAX = 40_000;

/** Everything a rule sees of a context; a use (kept per template blob) is numbered once by its content. */
function contextKey(ctx: RuleContext & { dynamic?: boolean; functions?: string[] }, leaf: DataLeaf, uses: FileUses, cache: AnalyseCache, positions: boolean): string {
  // The context's leaf part comes from the leaf alone (a merged leaf is shared by the trees with the same data).
  let head = cache.leafKeys.get(leaf);
  if (head === undefined) {
    const kind = ctx.value instanceof Date ? 'date' : Array.isArray(ctx.value) ? 'array' : typeof ctx.value;
    const definedIn = positions ? ctx.definedIn : ctx.definedIn.map((p) => p.file);
    head = JSON.stringify([ctx.path, kind, ctx.valueString, definedIn, ctx.dynamic ?? false, ctx.functions ?? []]);
    cache.leafKeys.set(leaf, head);
  }
  return `${head}\0${uses.map((u) => (u.id ??= cache.idOf(u.use))).join(',')}`;
}

/**
 * What the `include` that a reference flows into reads, when the template says so literally: the
 * call's own path, or the format of the `printf` that builds it (`include (printf "/run/secrets/%s"
 * .name)`). Never another include of the same file: an unrelated `include "/run/secrets/x"` says
 * nothing about this value.
 */
function includeArgOf(ref: TemplateRef, calls: ParsedTemplate['includeCalls']): string | undefined {
  const call = calls.find((c) => c.func === 'include' && c.tree === ref.tree && c.node.start <= ref.start && ref.end <= c.node.end);
  if (!call) return undefined;
  if (call.name !== undefined) return call.name;
  const arg = call.node;
  const first = arg.type === 'Pipe' ? arg.cmds[0] : undefined;
  const [fn, format] = first?.args ?? [];
  return fn?.type === 'Identifier' && fn.ident === 'printf' && format?.type === 'String' ? format.text : undefined;
}

/** Reads of the leaf itself and of any map above it (`toYaml .github` reads github.token too). */
function usesOf(path: string[], index: UseIndex): FileUses {
  const out: FileUses = [];
  const keys = keysOf(path);
  for (let n = path.length; n >= 1; n--) {
    for (const u of index.get(keys[n - 1]!) ?? []) {
      // `{{ with .github }}` on the map above only opens a scope: the reads inside it count.
      if (n < path.length && u.scopeOnly) continue;
      out.push(u);
    }
  }
  const order = ({ use: a }: FileUses[number], { use: b }: FileUses[number]) => (a.file === b.file ? 0 : collate(a.file, b.file)) || a.line - b.line || a.column - b.column;
  // Usually in order already (templates in path order, references in text order): check before sorting.
  for (let i = 1; i < out.length; i++) if (order(out[i - 1]!, out[i]!) > 0) return out.sort(order);
  return out;
}

/**
 * The value a rule should judge: for a config-template value computed by actions, the string
 * literal the template writes for it (`{{ $t := "…" }}…{{ $t | quote }}`), which is in the repo.
 */
function staticValueOf(leaf: DataLeaf): unknown {
  const last = leaf.definitions[leaf.definitions.length - 1];
  if (leaf.dynamic && last?.literals?.length) return last.literals[last.literals.length - 1];
  return leaf.value;
}

/**
 * A config-template value produced at apply time (typed at `chezmoi init`, read from a password
 * manager, a secret file or a secret-store command) is not stored in the repo: a reference, never a
 * secret finding. Other computed values are at most `review`.
 */
function settleDynamic(v: ClassifiedVariable, leaf: DataLeaf): void {
  const why = applyTimeReference(leaf.functions ?? [], leaf.calls ?? [], leaf.path[leaf.path.length - 1] ?? '');
  if (why) {
    v.class = 'reference';
    v.reasons.unshift({ rule: 'config-template', message: why });
  } else if (v.class === 'secret') {
    v.class = 'review';
    v.reasons.push({ rule: 'config-template', message: 'value produced at apply time by template functions, not stored in the repo' });
  }
}

/** What `purge` left in place of a secret is config, even where an override says secret. */
function settlePlaceholder(v: ClassifiedVariable): void {
  if ((v.class === 'secret' || v.class === 'review') && isPurgePlaceholder(v.value)) {
    v.class = 'config';
    v.reasons.push({ rule: 'purge-placeholder', message: 'the placeholder a history purge wrote in place of a secret' });
  }
}

function usePosition(u: VariableUse): Position {
  return { file: u.file, line: u.line, column: u.column };
}

/** One finding per distinct secret value still written in the repo (an overridden value counts too). */
function variableFindings(v: ClassifiedVariable, leaf: DataLeaf, texts: Map<string, string>, reported: Set<string>, valueToString: (v: unknown) => string, cls: 'secret' | 'review' = 'secret'): Finding[] {
  const rule = `variable/${cls}`;
  const out: Finding[] = [];
  const seen = new Set<string>();
  const written = leaf.definitions.flatMap((d) => (d.dynamic ? (d.literals ?? []) : [d.value]).map((value) => ({ d, value })));
  for (const { d, value: raw } of written) {
    if (raw === undefined || raw === null) continue;
    const value = valueToString(raw);
    if (value === '' || seen.has(value) || !reported.has(d.position.file) || isPurgePlaceholder(value)) continue;
    if (isAllowedLine(texts.get(d.position.file), d.position.line)) continue;
    seen.add(value);
    const span = d.valueSpan ?? { ...d.position, endLine: d.position.line, endColumn: d.position.column };
    out.push({
      fingerprint: fingerprint(rule, value),
      rule,
      severity: cls === 'secret' ? 'error' : 'warning',
      message: v.reasons.map((r) => r.message).join('; '),
      file: d.position.file,
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      endColumn: span.endColumn,
      value,
      variable: v.path,
      history: null,
    });
  }
  return out;
}

function literalFinding(file: string, f: LiteralFinding): Finding {
  return {
    fingerprint: fingerprint(f.rule, f.value),
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    value: f.value,
    variable: null,
    history: null,
  };
}

/** String.prototype.localeCompare's order (the default collator), without making one per call. */
// Made at the first comparison (about 8 ms, which a clean pre-commit run that sorts nothing never pays).
let compare: Intl.Collator['compare'] | undefined;
const collate = (a: string, b: string): number => (compare ??= new Intl.Collator().compare)(a, b);

function byLocation(a: Finding, b: Finding): number {
  return collate(a.file ?? '', b.file ?? '') || a.line - b.line || a.column - b.column || collate(a.rule, b.rule);
}

function sortVariables(vs: ClassifiedVariable[]): ClassifiedVariable[] {
  // Keys joined once, not per comparison (history sorts a tree's variables at each of thousands of trees).
  const keyed = vs.map((v) => ({ v, key: v.path.join('.') }));
  keyed.sort((a, b) => collate(a.key, b.key));
  return keyed.map((k) => k.v);
}

/** The error for a file whose analysis threw (a stack overflow, a parser bug): named, never a stack trace. */
function couldNotAnalyse(file: string, err: unknown): AnalysisError {
  const why = err instanceof RangeError ? 'too large or nested too deeply to analyse' : err instanceof Error ? err.message : String(err);
  return { file, message: `could not analyse: ${why}` };
}

async function runLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
