// The analysis shared by `scan`, `scan --staged` and (per blob) `history`: templates parsed,
// data loaded and merged, every variable classified with the places that read it, and every
// hard-coded secret in any file found. Works on in-memory files only (see input.ts).

import type { AnalysisError, ClassifiedVariable, Finding, Note, Position, ScanResult } from '../model.js';
import { fingerprint } from '../fingerprint.js';
import type { ParsedTemplate, TemplateRef } from '../template/index.js';
import type { DataFileResult, DataLeaf } from '../data/index.js';
import type { LiteralFinding, Rule, RuleContext, VariableUse } from '../classify/index.js';
import type { ClassifyConfig } from '../config/index.js';
import { PASSWORD_MANAGER_FUNCTIONS } from '../classify/password-managers.js';
import type { InputFile, ScanInput } from './input.js';
import { nonTextSpans } from './spans.js';
import { isAllowedLine } from '../classify/allow.js';

export interface AnalyseOptions {
  config: ClassifyConfig;
  rules?: Rule[];
  command?: ScanResult['command'];
  /** .gitattributes files that are not among the input files (history: the work tree's). */
  gitattributes?: Array<{ dir: string; text: string }>;
}

interface ParsedFile {
  file: InputFile;
  parsed: ParsedTemplate;
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

  for (const file of input.files) {
    const { entry, text } = file;
    if (text === null) continue;
    if (file.report === false && entry.kind !== 'data' && !entry.isTemplate) continue;
    texts.set(file.path, text);
    if (entry.kind === 'data') {
      const r = parseDataFile(file.path, text);
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
    const parsed = parseTemplate(text, { name: file.path, modify: entry.kind === 'modify' });
    if (!parsed.ok || !parsed.tree) {
      const e = parsed.error!;
      errors.push({ file: file.path, line: e.line, ...(e.column ? { column: e.column } : {}), message: `template does not parse: ${e.message}` });
      // Fail closed but still look for literal secrets in the raw text.
      literalJobs.push({ file, text });
      continue;
    }
    if (entry.kind === 'config-template') {
      const r = extractConfigData(file.path, text);
      if (r.error) errors.push(r.error);
      else dataFiles.push(r);
    }
    templates.push({ file, parsed });
    literalJobs.push({ file, text, skip: nonTextSpans(text.length, [parsed.tree, ...Object.values(parsed.defines)]) });
  }

  const merged = mergeData(dataFiles);
  const uses = indexUses(templates, texts, templateModule);
  const leaves = merged.leaves.filter((l) => l.role !== 'element' || typeof l.value === 'string');
  const contexts: RuleContext[] = leaves.map((leaf) => ({
    path: leaf.path,
    name: leaf.path[leaf.path.length - 1] ?? '',
    value: staticValueOf(leaf),
    valueString: valueToString(staticValueOf(leaf)),
    definedIn: leaf.definedIn,
    uses: usesOf(leaf.path, uses),
    config: opts.config,
    origin: 'data',
    ...(leaf.dynamic ? { dynamic: true, functions: leaf.functions ?? [] } : {}),
  }));
  const variables = await classifyVariables(contexts, { config: opts.config, rules: opts.rules, onError: (e) => errors.push(e) });
  for (let i = 0; i < variables.length; i++) {
    variables[i]!.usedIn = contexts[i]!.uses.map(usePosition);
    if (leaves[i]!.dynamic && staticValueOf(leaves[i]!) === leaves[i]!.value) settleDynamic(variables[i]!, leaves[i]!);
  }

  const reported = new Set(input.files.filter((f) => f.report !== false).map((f) => f.path));
  const findings: Finding[] = [];
  const definitionLines = new Set<string>();
  variables.forEach((v, i) => {
    const leaf = leaves[i]!;
    for (const d of leaf.definitions) definitionLines.add(`${d.position.file}\0${d.position.line}`);
    if (v.class !== 'secret') return;
    findings.push(...variableFindings(v, leaf, texts, reported, valueToString));
  });

  const literal = await runLimited(literalJobs.filter((j) => j.file.report !== false), LITERAL_CONCURRENCY, async (job) => {
    const found = await detectLiteralSecrets(job.file.path, job.text, { config: opts.config, skipSpans: job.skip });
    return found.map((f) => literalFinding(job.file.path, f));
  });
  const variableValues = new Set(findings.map((f) => `${f.file}\0${f.value}`));
  for (const f of literal.flat()) {
    // A value in the config template's [data] is already reported as a variable.
    if (definitionLines.has(`${f.file}\0${f.line}`) || variableValues.has(`${f.file}\0${f.value}`)) continue;
    if (reported.has(f.file!)) findings.push(f);
  }
  // Severity by confidence and by the kind of file (vendored, generated, app state): src/classify/grade.ts.
  const attributes = gitattributesMatcher([
    ...input.files.filter((f) => f.text !== null && /(?:^|\/)\.gitattributes$/.test(f.path)).map((f) => ({ dir: f.path.replace(/\/?\.gitattributes$/, ''), text: f.text! })),
    ...(opts.gitattributes ?? []),
  ]);
  const graded = gradeFindings(findings, texts, { config: opts.config, attributes, reported: (file) => reported.has(file) });
  findings.length = 0;
  findings.push(...graded.findings);
  notes.push(...graded.notes);
  findings.sort(byLocation);
  return {
    command: opts.command ?? 'scan',
    root: input.root,
    variables: sortVariables(variables),
    findings,
    errors: errors.filter((e) => reported.has(e.file) || !input.files.some((f) => f.path === e.file)),
    notes,
  };
}

type UseIndex = Map<string, Array<{ ref: TemplateRef; use: VariableUse; scopeOnly: boolean }>>;

/** Every resolved reference, keyed by its data path. */
function indexUses(templates: ParsedFile[], texts: Map<string, string>, templateModule: typeof import('../template/index.js')): UseIndex {
  const index: UseIndex = new Map();
  const { refPlace } = templateModule;
  for (const { file, parsed } of templates) {
    const lines = (texts.get(file.path) ?? '').split('\n');
    for (const ref of parsed.refs) {
      if (!ref.path || ref.path.length === 0) continue;
      const place = refPlace(ref.node);
      const scopeOnly = place.context === 'condition' && (place.owner?.type === 'With' || place.owner?.type === 'Range');
      const key = ref.path.join('\0');
      const include = ref.flowsInto.includes('include') ? parsed.includes[0] : undefined;
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
      const list = index.get(key) ?? [];
      list.push({ ref, use, scopeOnly });
      index.set(key, list);
    }
  }
  return index;
}

/** Reads of the leaf itself and of any map above it (`toYaml .github` reads github.token too). */
function usesOf(path: string[], index: UseIndex): VariableUse[] {
  const out: VariableUse[] = [];
  for (let n = path.length; n >= 1; n--) {
    for (const { use, scopeOnly } of index.get(path.slice(0, n).join('\0')) ?? []) {
      // `{{ with .github }}` on the map above only opens a scope: the reads inside it count.
      if (n < path.length && scopeOnly) continue;
      out.push(use);
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
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
 * A config-template value produced at apply time (`promptStringOnce`, `onepasswordRead`) is not
 * stored in the repo: at most a reference, never a secret finding.
 */
function settleDynamic(v: ClassifiedVariable, leaf: DataLeaf): void {
  const pm = (leaf.functions ?? []).filter((f) => PASSWORD_MANAGER_FUNCTIONS.has(f));
  if (pm.length) {
    v.class = 'reference';
    v.reasons.push({ rule: 'config-template', message: `value read at apply time through ${pm.join(', ')}` });
  } else if (v.class === 'secret') {
    v.class = 'review';
    v.reasons.push({ rule: 'config-template', message: 'value produced at apply time by template functions, not stored in the repo' });
  }
}

function usePosition(u: VariableUse): Position {
  return { file: u.file, line: u.line, column: u.column };
}

/** One finding per distinct secret value still written in the repo (an overridden value counts too). */
function variableFindings(v: ClassifiedVariable, leaf: DataLeaf, texts: Map<string, string>, reported: Set<string>, valueToString: (v: unknown) => string): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const written = leaf.definitions.flatMap((d) => (d.dynamic ? (d.literals ?? []) : [d.value]).map((value) => ({ d, value })));
  for (const { d, value: raw } of written) {
    if (raw === undefined || raw === null) continue;
    const value = valueToString(raw);
    if (value === '' || seen.has(value) || !reported.has(d.position.file)) continue;
    if (isAllowedLine(texts.get(d.position.file), d.position.line)) continue;
    seen.add(value);
    const span = d.valueSpan ?? { ...d.position, endLine: d.position.line, endColumn: d.position.column };
    out.push({
      fingerprint: fingerprint('variable/secret', value),
      rule: 'variable/secret',
      severity: 'error',
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

function byLocation(a: Finding, b: Finding): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

function sortVariables(vs: ClassifiedVariable[]): ClassifiedVariable[] {
  return [...vs].sort((a, b) => a.path.join('.').localeCompare(b.path.join('.')));
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
