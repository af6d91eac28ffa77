// Planning a migration: what moves, which files change and how, and what needs a human. Nothing
// is written here; apply.ts carries the plan out.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ClassifiedVariable } from '../model.js';
import { scanSourceWith, type ScanWork } from '../scan/index.js';
import { readSourceTree, type SourceFile } from '../source/index.js';
import { parseTemplate, type ParsedTemplate } from '../template/index.js';
import { DataEditError, removeKeys, type RemoveKeysResult } from './data-edit/index.js';
import { secretFilePath, secretNamesFor, SecretNameError, type SecretName } from './names.js';
import { NixRenderError, renderNixSecrets, updateNixFile } from './nix.js';
import { mergeNixBlock } from './nix-block.js';
import { includeExpr, pathKey, pathsNeeded, readsOf, rewriteTemplateTargets, type DataPath, type SecretTarget } from './rewrite.js';
import { decodeTextFile, encodeTextFile, readTextFile, textFileOf, type TextFile } from './textfile.js';
import { copyFindings, planLiterals, type LiteralPlan } from './literal.js';
import type { Finding } from '../model.js';
import type { FileChange, ManualItem, MigrateOptions, MigrationPlan, MovedSecret, PlanError } from './types.js';

export const DEFAULT_SECRETS_DIR = '/run/secrets';
export const DEFAULT_MODE = '0400';

interface Candidate {
  variable: ClassifiedVariable;
  name: SecretName;
  secretFile: string;
  secretFileExpr?: string;
  key: string;
}

interface TemplateFile {
  source: SourceFile;
  /** Relative to the source root. */
  file: string;
  raw: TextFile;
  parsed: ReturnType<typeof parseTemplate>;
}

/** A file's planned content while the plan is being built (a file can be template and data). */
interface Pending {
  kind: FileChange['kind'];
  modifyTemplate?: boolean;
  path: string;
  file: string;
  raw: TextFile;
  after: string;
  renamedFrom?: { path: string; file: string };
}

/** The secrets dir templates read: --secrets-dir, else sops-nix's default for NixOS or home-manager. */
export function secretsDirFor(options: MigrateOptions): string {
  if (options.secretsDir) return options.secretsDir;
  if (!options.homeManager) return DEFAULT_SECRETS_DIR;
  // home-manager decrypts to ${config.xdg.configHome}/sops-nix/secrets; templates need it literal.
  const configHome = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, 'sops-nix', 'secrets');
}

/**
 * Where home-manager's sops module decrypts a secret, as a template expression evaluated where
 * chezmoi applies: `${config.xdg.configHome}/sops-nix/secrets/NAME` on the Nix side, which is
 * $XDG_CONFIG_HOME (home-manager exports it) or ~/.config. `$` reaches the root data in any scope.
 */
export function homeManagerSecretExpr(secretName: string): string {
  return `joinPath (env "XDG_CONFIG_HOME" | default (joinPath $.chezmoi.homeDir ".config")) ${JSON.stringify(`sops-nix/secrets/${secretName}`)}`;
}

function displayPath(root: string, abs: string): string {
  const rel = relative(root, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : abs;
}

/** The line where the scan saw `path` defined in `file`. */
function lineOfKey(list: Candidate[], path: readonly string[], file: string): number {
  const c = list.find((x) => pathKey(x.variable.path) === pathKey(path));
  return c?.variable.definedIn.find((d) => d.file === file)?.line ?? 1;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The real path of a source dir (symlinks resolved); the path as given when it cannot be resolved (reported later). */
export async function realSourcePath(dir: string): Promise<string> {
  try {
    return await fs.realpath(resolve(dir));
  } catch {
    return resolve(dir);
  }
}

/** `sopsFile` as a Nix path literal relative to the module file (or the expression given). */
export function sopsFileExprFor(options: MigrateOptions, nixOut: string | undefined): string {
  if (options.sopsFileExpr) return options.sopsFileExpr;
  const sopsAbs = resolve(options.sopsFile);
  const base = nixOut ? dirname(resolve(nixOut)) : process.cwd();
  const rel = relative(base, sopsAbs).split('\\').join('/');
  const literal = rel.startsWith('../') ? rel : `./${rel}`;
  // Nix path literals allow only these characters; anything else goes through a string.
  return /^[A-Za-z0-9._+\-/]+$/.test(literal) ? literal : `(./. + ${JSON.stringify(`/${rel}`)})`;
}

export async function planMigration(dir: string, options: MigrateOptions): Promise<MigrationPlan> {
  // Resolved once: through a symlinked source dir (~/.local/share/chezmoi -> elsewhere) the tree's
  // files are real paths, and a logical root would make every one of them look outside it.
  dir = await realSourcePath(dir);
  const scanned = await scanSourceWith(dir, { configPath: options.configPath });
  const scan = scanned.result;
  // Every file of the repository, not the scan's listing: no moved value may remain in any file
  // (noValueRemains) and a copy of one moves with it (copyFindings), in files the config tells the
  // scan to ignore or that exceed its maxFileSize (1 MiB by default) too. The scan's read applies
  // both, so the two listings differ; a file the scan read is not read again, only listed.
  const tree = await readSourceTree(dir, { known: new Map(scanned.tree.files.map((f) => [f.repoPath, f])) });
  // Paths are reported relative to the scanned directory, as scan reports them (.chezmoiroot or not).
  const root = tree.sourceDir;
  const secretsDir = secretsDirFor(options);
  const plan: MigrationPlan = { root, options, secretsDir, moved: [], manual: [], changes: [], errors: [], keptValues: [], kept: [], notes: [], left: [], leftReasons: new Map() };
  plan.errors.push(...tree.errors, ...scan.errors);
  const review = scan.variables.filter((v) => v.class === 'review');
  const chosen = new Set(options.includeReview ? review : options.chooseReview && review.length > 0 ? await options.chooseReview(review) : []);
  const secrets = scan.variables.filter((v) => v.class === 'secret' || chosen.has(v));
  let names: SecretName[];
  try {
    names = secretNamesFor(secrets.map((v) => v.path));
  } catch (err) {
    if (!(err instanceof SecretNameError)) throw err;
    plan.errors.push({ file: '.', message: err.message });
    return plan;
  }
  const candidates: Candidate[] = secrets.map((variable, i) => ({
    variable,
    name: names[i]!,
    secretFile: secretFilePath(secretsDir, names[i]!.secretName),
    ...(options.homeManager && !options.secretsDir ? { secretFileExpr: homeManagerSecretExpr(names[i]!.secretName) } : {}),
    key: pathKey(variable.path),
  }));
  const templates = readTemplates(plan, tree, scanned);
  if (plan.errors.length > 0) return plan;

  const p: Planning = {
    plan, tree, byPath: new Map(tree.files.map((f) => [f.absPath, f])), root, secretsDir, candidates, templates,
    takenNames: [...names.map((n) => n.secretName), ...(await storedSecretNames(resolve(options.sopsFile)))],
    dataPaths: scan.variables.map((v) => v.path),
    allTargets: targetsOf(candidates),
    // Hard-coded secrets: the findings that fail a scan and belong to no variable.
    literalFindings: scan.findings.filter((f) => f.severity === 'error' && f.variable === null && f.file !== null),
    blocked: new Set(),
    blockedLiterals: new Set(),
    manualFiles: new Set(),
    literalReasons: new Map(),
    parse: parseOnce(),
  };
  blockUnrewritable(p);

  // Rounds: a value that would remain somewhere (a literal copy, a key the editor cannot remove)
  // blocks its secret, which changes the plan; the blocked sets only grow, so this ends. Each check
  // returns false when it blocked something: the round starts again without it.
  let round: Round;
  for (;;) {
    round = await startRound(p);
    if (!(await rewriteTemplates(p, round))) continue;
    if (!everyReadRewritten(p, round)) continue;
    const data = await editDataFiles(p, round);
    if (data === 'missing') return plan;
    if (!data) continue;
    if (!noValueRemains(p, round)) continue;
    recordRound(p, round);
    break;
  }
  leftover(plan, scan.findings, round.literals, p.literalReasons);

  if (plan.moved.length > 0) {
    await planOutputs(plan);
    // chezmoi decrypts these before rendering; we cannot see whether they read a moved key.
    for (const f of tree.files) {
      if (f.inRoot && f.encrypted && f.entry.isTemplate) plan.notes.push(`${displayPath(root, f.absPath)} is an encrypted template: check by hand that it reads none of the moved variables`);
    }
  }
  return plan;
}

/** What every round of the plan works from, and what grows from round to round (the blocks). */
interface Planning {
  plan: MigrationPlan;
  tree: Awaited<ReturnType<typeof readSourceTree>>;
  /** The tree's files by absolute path. */
  byPath: Map<string, SourceFile>;
  root: string;
  secretsDir: string;
  candidates: Candidate[];
  templates: TemplateFile[];
  /** Names a hard-coded value must not take: the variables' and those an earlier run stored. */
  takenNames: string[];
  dataPaths: DataPath[];
  allTargets: SecretTarget[];
  literalFindings: Finding[];
  /** Variables (by path key) that stay where they are. */
  blocked: Set<string>;
  /** Hard-coded values that stay where they are. */
  blockedLiterals: Set<string>;
  /** Templates left to a human: untouched, so every secret they read stays too. */
  manualFiles: Set<string>;
  literalReasons: Map<Finding, string>;
  /**
   * A rewritten template's text, parsed (without a name, so the messages are the same): once per
   * text and kind across the rounds, which rewrite the same templates again, and for the data
   * editors' check of what the templates will read (the same text the rewrite checked).
   */
  parse: (text: string, modify: boolean) => ParsedTemplate;
}

/** One round: what moves, and every file as it would be afterwards. */
interface Round {
  moved: Candidate[];
  targets: SecretTarget[];
  pending: Map<string, Pending>;
  /** Path key of a moved secret -> the templates rewritten to read its file. */
  templatesOf: Map<string, Set<string>>;
  literals: LiteralPlan;
}

const targetsOf = (set: Candidate[]): SecretTarget[] =>
  set.map((c) => ({ path: c.variable.path, secretFile: c.secretFile, secretFileExpr: c.secretFileExpr, trim: c.variable.value.trim() === c.variable.value }));

/** The read that replaces a secret, for the manual items. */
function suggest(p: Planning, path: readonly string[]): string {
  const c = p.candidates.find((x) => x.key === pathKey(path));
  return c ? `, e.g. {{ ${includeExpr({ path, secretFile: c.secretFile, trim: c.variable.value.trim() === c.variable.value })} }}` : '';
}

/**
 * Every template that may read data, parsed; one that does not parse is an error (fail closed).
 * Neither read nor parsed again: the text is the tree's, the parse the scan's when it parsed the
 * same text (a file the scan skipped, or that changed between the two reads, is parsed here).
 */
function readTemplates(plan: MigrationPlan, tree: Planning['tree'], scanned: ScanWork): TemplateFile[] {
  const root = tree.sourceDir;
  const scanText = new Map(scanned.input.files.map((f) => [f.path, f.text]));
  const templates: TemplateFile[] = [];
  for (const source of tree.files) {
    // The config template renders before any data exists: it reads no data variable.
    if (!source.inRoot || !source.entry.isTemplate || source.encrypted || source.text === null) continue;
    if (source.entry.kind === 'config-template') continue;
    const raw = textFileOf(source)!;
    const file = displayPath(root, source.absPath);
    const parsed = parsedTemplate(scanned, scanText, source, raw.text, file);
    if (!parsed.ok) {
      // Fail closed: a template we cannot read could hold a use that breaks once the key is gone.
      // The scan above has usually reported it already: once is enough.
      if (scanned.result.errors.some((e) => e.file === file)) continue;
      plan.errors.push({ file, line: parsed.error?.line, column: parsed.error?.column, message: parsed.error?.message ?? 'template does not parse' });
      continue;
    }
    templates.push({ source, file, raw, parsed });
  }
  return templates;
}

/** The scan's parse of a template when it parsed this very text (same entry, so the same options), else a parse of it. */
function parsedTemplate(scanned: ScanWork, scanText: Map<string, string | null>, source: SourceFile, text: string, file: string): ParsedTemplate {
  const known = scanned.parsed.get(source.repoPath);
  if (known && scanText.get(source.repoPath) === text) return known;
  return parseTemplate(text, { name: file, modify: source.entry.kind === 'modify' });
}

/** parseTemplate without a name, remembered by text and kind (the parse is only read, never changed). */
function parseOnce(): Planning['parse'] {
  const known = [new Map<string, ParsedTemplate>(), new Map<string, ParsedTemplate>()];
  return (text, modify) => {
    const byText = known[modify ? 1 : 0]!;
    let parsed = byText.get(text);
    if (!parsed) byText.set(text, (parsed = parseTemplate(text, { modify })));
    return parsed;
  };
}

/** Files with a use that cannot be rewritten stay untouched, so every secret they read stays too. */
function blockUnrewritable(p: Planning): void {
  const { plan, templates, allTargets, dataPaths, blocked, manualFiles } = p;
  for (const t of templates) {
    const r = rewriteTemplateTargets(t.raw.text, t.parsed, allTargets, { dataPaths });
    if (r.manual.length === 0) continue;
    manualFiles.add(t.file);
    for (const m of r.manual) plan.manual.push({ file: t.file, line: m.line, reason: m.reason });
    for (const path of readsOf(t.parsed, allTargets.map((x) => x.path))) blocked.add(pathKey(path));
  }
}

/** What moves this round, and the hard-coded values' plan (plain files holding one become templates). */
async function startRound(p: Planning): Promise<Round> {
  const { tree, root, secretsDir, plan, manualFiles, literalFindings, blockedLiterals } = p;
  const { options } = plan;
  const moved = p.candidates.filter((c) => !p.blocked.has(c.key));
  const targets = targetsOf(moved);
  const pending = new Map<string, Pending>();
  // A moved value written out elsewhere too (an address in allowed_signers) moves with it.
  const copies = copyFindings(tree.files, moved.map((c) => ({ value: c.variable.value, path: c.variable.path, definedIn: new Set(c.variable.definedIn.map((d) => d.file)) })));
  const named = new Map(moved.map((c) => [c.variable.value, { path: c.variable.path, name: c.name, secretFile: c.secretFile, ...(c.secretFileExpr ? { secretFileExpr: c.secretFileExpr } : {}) }]));
  const literals = planLiterals({
    files: tree.files.filter((f) => !manualFiles.has(displayPath(root, f.absPath))),
    findings: [...literalFindings, ...copies],
    named,
    secretsDir,
    ...(options.homeManager && !options.secretsDir ? { secretFileExprFor: homeManagerSecretExpr } : {}),
    takenNames: p.takenNames,
    blocked: blockedLiterals,
  });
  for (const [absPath, edit] of literals.edits) {
    if (edit.wasTemplate) continue;
    // The tree's text (the edit was made from it); read again only if the tree kept none.
    const raw = textFileOf(p.byPath.get(absPath) ?? { text: null }) ?? decodeTextFile(await fs.readFile(absPath));
    pending.set(absPath, { kind: 'template', path: edit.newPath, file: edit.newFile, raw, after: edit.text, renamedFrom: { path: absPath, file: edit.file } });
  }
  return { moved, targets, pending, templatesOf: new Map(), literals };
}

/** Rewrite every template's reads of the moved secrets (after its hard-coded values). */
async function rewriteTemplates(p: Planning, round: Round): Promise<boolean> {
  const { plan, templates, manualFiles, blocked, blockedLiterals, allTargets, dataPaths } = p;
  const { targets, pending, templatesOf, literals } = round;
  const targetKeys = new Set(targets.map((x) => pathKey(x.path)));
  for (const t of templates) {
    if (manualFiles.has(t.file)) continue;
    // The literal values of the file go first; the include actions they become read no data.
    const literal = literals.edits.get(t.source.absPath);
    const text = literal?.text ?? t.raw.text;
    const parsed = literal ? p.parse(text, t.source.entry.kind === 'modify') : t.parsed;
    if (!parsed.ok) {
      plan.manual.push({ file: t.file, line: parsed.error?.line ?? 1, reason: `the template with its literal secrets replaced does not parse: ${parsed.error?.message ?? ''}` });
      for (const g of literals.groups) if (g.templates.includes(t.file)) blockedLiterals.add(g.value);
      return false;
    }
    const r = rewriteTemplateTargets(text, parsed, targets, { dataPaths });
    for (const rep of r.replaced) {
      const set = templatesOf.get(pathKey(rep.path)) ?? new Set<string>();
      set.add(t.file);
      templatesOf.set(pathKey(rep.path), set);
    }
    const check = r.replaced.length > 0 ? p.parse(r.text, t.source.entry.kind === 'modify') : parsed;
    // Two independent views must agree that no read is left: our analysis and the parser's own
    // scope resolution. Never write a template we broke or only half rewrote.
    const leftover = check.ok ? check.refs.find((ref) => ref.path && targetKeys.has(pathKey(ref.path))) : undefined;
    const ownLeft = check.ok && r.replaced.length > 0 ? readsOf(check, targets.map((x) => x.path)) : [];
    if (!check.ok || leftover || ownLeft.length > 0) {
      const reason = !check.ok
        ? `the rewritten template does not parse: ${check.error?.message ?? ''}`
        : `reads ${(leftover?.path ?? ownLeft[0]!).join('.')} in a form the rewrite does not handle; rewrite by hand${suggest(p, leftover?.path ?? ownLeft[0]!)}`;
      plan.manual.push({ file: t.file, line: leftover?.line ?? 1, reason });
      manualFiles.add(t.file);
      for (const path of readsOf(t.parsed, allTargets.map((x) => x.path))) blocked.add(pathKey(path));
      for (const ref of t.parsed.refs) if (ref.path && targetKeys.has(pathKey(ref.path))) blocked.add(pathKey(ref.path));
      return false;
    }
    if (r.replaced.length > 0 || literal) {
      pending.set(t.source.absPath, { kind: 'template', path: t.source.absPath, file: t.file, raw: t.raw, after: r.text, modifyTemplate: t.source.entry.kind === 'modify' });
    }
  }
  return true;
}

/** A third view: every place the scan saw a secret read must be a file we rewrite (or leave to a human). */
function everyReadRewritten(p: Planning, round: Round): boolean {
  const { plan, manualFiles, blocked } = p;
  const { moved, templatesOf } = round;
  let failed = false;
  for (const c of moved) {
    for (const use of c.variable.usedIn) {
      if (templatesOf.get(c.key)?.has(use.file) || manualFiles.has(use.file)) continue;
      plan.manual.push({ file: use.file, line: use.line, reason: `the scan sees a read of ${c.variable.path.join('.')} here that the rewrite does not handle; rewrite by hand${suggest(p, c.variable.path)}` });
      blocked.add(c.key);
      failed = true;
    }
  }
  return !failed;
}

/** Remove the moved keys from every data file that defines one; 'missing' when one is gone. */
async function editDataFiles(p: Planning, round: Round): Promise<boolean | 'missing'> {
  const { plan, templates, root, blocked, byPath } = p;
  const { moved, pending } = round;
  let failed = false;
  // A map emptied by the move goes too, unless a template (as it will be) still reads it, one of
  // its parents, or tests for it with hasKey: then it stays as `{}` and the output is the same.
  const needed: DataPath[] = [];
  for (const t of templates) {
    const after = pending.get(t.source.absPath)?.after;
    const parsed = after === undefined ? t.parsed : p.parse(after, t.source.entry.kind === 'modify');
    needed.push(...pathsNeeded(parsed, after ?? t.raw.text));
  }
  const prune = (path: string[]): boolean =>
    !needed.some((p) => p.length > 0 && (p.length <= path.length ? p.every((s, i) => path[i] === s) : path.every((s, i) => p[i] === s)));

  // Data files: every file a moved secret is defined in, the config template's [data] included.
  const byDataFile = new Map<string, Candidate[]>();
  for (const c of moved) {
    for (const def of c.variable.definedIn) {
      const list = byDataFile.get(def.file) ?? [];
      if (!list.includes(c)) list.push(c);
      byDataFile.set(def.file, list);
    }
  }
  for (const [file, list] of byDataFile) {
    const path = join(root, file);
    const existing = pending.get(path);
    // The tree's text when it has it (a data file the tree skipped, or gone, is read: 'not found').
    const raw = existing?.raw ?? textFileOf(byPath.get(path) ?? { text: null }) ?? (await readTextFile(path));
    if (!raw) {
      plan.errors.push({ file, message: 'data file not found' });
      return 'missing';
    }
    let edit: RemoveKeysResult;
    try {
      edit = removeKeys(file, existing?.after ?? raw.text, list.map((c) => [...c.variable.path]), { prune });
    } catch (err) {
      if (!(err instanceof DataEditError)) throw err;
      // The file cannot be edited safely: it stays, and so do the secrets defined in it.
      plan.manual.push({ file, line: 1, reason: `cannot edit this data file: ${err.message}` });
      for (const c of list) blocked.add(c.key);
      failed = true;
      continue;
    }
    const refused = [...edit.notFound.map((p) => ({ path: p, reason: 'the key was not found where the scan saw it' })), ...edit.unsupported];
    for (const u of refused) {
      plan.manual.push({ file, line: lineOfKey(list, u.path, file), reason: `cannot remove ${u.path.join('.')} automatically: ${u.reason}` });
      blocked.add(pathKey(u.path));
      failed = true;
    }
    pending.set(path, { ...existing, kind: existing?.kind ?? 'data', path, file, raw, after: edit.text });
  }
  return !failed;
}

/** No moved value may remain anywhere in the repo once the plan is applied. */
function noValueRemains(p: Planning, round: Round): boolean {
  const { plan, tree, root, blocked, blockedLiterals, literalReasons } = p;
  const { moved, pending, literals } = round;
  let failed = false;
    for (const source of tree.files) {
    if (source.encrypted || source.binary) continue;
    const content = pending.get(source.absPath)?.after ?? source.text;
    if (content === null) continue;
    for (const c of moved) {
      const at = c.variable.value.length > 0 ? content.indexOf(c.variable.value) : -1;
      if (at < 0 || blocked.has(c.key)) continue;
      plan.manual.push({ file: displayPath(root, source.absPath), line: lineOf(content, at), reason: `the value of ${c.variable.path.join('.')} also appears here; remove it by hand` });
      blocked.add(c.key);
      failed = true;
    }
    for (const g of literals.groups) {
      const at = content.indexOf(g.value);
      if (at < 0) continue;
      const reason = `the value also appears at ${displayPath(root, source.absPath)}:${lineOf(content, at)}, where it cannot be replaced; remove it by hand`;
      for (const f of g.findings) literalReasons.set(f, reason);
      blockedLiterals.add(g.value);
      failed = true;
    }
  }
  return !failed;
}

/** The round stands: what moves, what stays, and the file changes. */
function recordRound(p: Planning, round: Round): void {
  const { plan, candidates, blocked } = p;
  const { moved, pending, templatesOf, literals } = round;
  plan.moved = moved.map(
    (c): MovedSecret => ({
      path: c.variable.path,
      secretName: c.name.secretName,
      sopsKey: c.name.sopsKey,
      nixAttr: c.name.nixAttr,
      secretFile: c.secretFile,
      value: c.variable.value,
      templates: [...new Set([...(templatesOf.get(c.key) ?? []), ...literals.groups.filter((g) => g.copyOf && pathKey(g.copyOf) === c.key).flatMap((g) => g.templates)])].sort(),
      dataFiles: [...new Set(c.variable.definedIn.map((d) => d.file))].sort(),
    }),
  );
  for (const g of literals.groups) {
    if (g.copyOf) continue; // stored once, under the variable's name
    plan.moved.push({
      path: null,
      file: g.file,
      line: g.line,
      secretName: g.name.secretName,
      sopsKey: g.name.sopsKey,
      nixAttr: g.name.nixAttr,
      secretFile: g.secretFile,
      value: g.value,
      templates: g.templates,
      dataFiles: [],
    });
  }
  plan.keptValues = candidates.filter((c) => blocked.has(c.key)).map((c) => c.variable.value);
  plan.kept = candidates.filter((c) => blocked.has(c.key)).map((c) => [...c.variable.path]);
  for (const f of [...pending.values()].sort((a, b) => a.file.localeCompare(b.file))) {
    if (f.after === f.raw.text) continue;
    plan.changes.push({ kind: f.kind, path: f.path, file: f.file, before: f.raw.text, after: f.after, bytes: encodeTextFile(f.raw, f.after), modifyTemplate: f.modifyTemplate, ...(f.renamedFrom ? { renamedFrom: f.renamedFrom } : {}) });
  }
}

/** The secret names already in the sops file (its keys are plaintext; `sops` is its metadata). */
async function storedSecretNames(sopsPath: string): Promise<string[]> {
  const raw = await readTextFile(sopsPath);
  if (!raw) return [];
  let tree: unknown;
  try {
    tree = parseYaml(raw.text);
  } catch {
    return []; // the sops writer reports a file it cannot read
  }
  const out: string[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node)) if (!(path.length === 0 && k === 'sops')) walk(v, [...path, k]);
    } else if (path.length > 0) out.push(path.join('/'));
  };
  walk(tree, []);
  return out;
}

/**
 * What the scan would still fail on once the plan is applied: findings of severity error that no
 * moved secret stands for, each with the reason it stays.
 */
function leftover(plan: MigrationPlan, findings: readonly Finding[], literals: LiteralPlan, reasons: Map<Finding, string>): void {
  const movedPaths = new Set(plan.moved.filter((m) => m.path).map((m) => pathKey(m.path!)));
  const movedLiterals = new Set(literals.groups.flatMap((g) => g.findings));
  const refused = new Map(literals.refused.map((r) => [r.finding, r.reason]));
  const manualFiles = new Set(plan.manual.map((m) => m.file));
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    if (f.variable ? movedPaths.has(pathKey(f.variable)) : movedLiterals.has(f)) continue;
    const reason = f.variable
      ? `${f.variable.join('.')} is not moved until the manual work is done`
      : reasons.get(f) ?? refused.get(f) ?? (f.file !== null && manualFiles.has(f.file) ? 'the file needs manual work first' : 'not moved');
    plan.left.push(f);
    plan.leftReasons.set(f, reason);
  }
}

/** The sops file, the Nix module and the optional plaintext file, for the secrets being moved. */
async function planOutputs(plan: MigrationPlan): Promise<void> {
  const { options, root } = plan;
  const sopsPath = resolve(options.sopsFile);
  const sopsExists = await fs.stat(sopsPath).then(() => true, () => false);
  plan.changes.push({ kind: 'sops', path: sopsPath, file: displayPath(root, sopsPath), before: sopsExists ? '' : null, after: null, bytes: null });
  if (options.plaintextOut) {
    const p = resolve(options.plaintextOut);
    if (!displayPath(root, p).startsWith('/')) {
      plan.errors.push({ file: displayPath(root, p), message: '--plaintext-out inside the chezmoi source would put every secret back into it; choose a path outside' });
      return;
    }
    plan.changes.push({ kind: 'plaintext', path: p, file: displayPath(root, p), before: null, after: null, bytes: null });
  }
  if (!options.nixOut) return;
  const nixPath = resolve(options.nixOut);
  const existing = await readTextFile(nixPath);
  try {
    const block = renderNixSecrets(
      plan.moved.map((m) => ({
        name: m.secretName,
        nixAttr: m.nixAttr,
        // home-manager's default path is an expression (${config.xdg.configHome}); keep it unless a dir was given.
        path: options.homeManager && !options.secretsDir ? undefined : m.secretFile,
      })),
      {
        sopsFileExpr: sopsFileExprFor(options, nixPath),
        ownerExpr: options.owner,
        user: options.owner ? undefined : process.env.USER || process.env.LOGNAME || 'root',
        mode: options.mode ?? DEFAULT_MODE,
        homeManager: options.homeManager,
      },
    );
    const after = updateNixFile(existing?.text ?? null, mergeNixBlock(existing?.text ?? null, block), displayPath(root, nixPath));
    if (after === existing?.text) return;
    const raw = existing ?? { text: '', bom: false, encoding: 'utf8' as const };
    plan.changes.push({ kind: 'nix', path: nixPath, file: displayPath(root, nixPath), before: existing?.text ?? null, after, bytes: encodeTextFile(raw, after) });
  } catch (err) {
    if (!(err instanceof NixRenderError)) throw err;
    plan.errors.push({ file: displayPath(root, nixPath), message: err.message });
  }
}

export function changedFiles(plan: MigrationPlan): string[] {
  return plan.changes.map((c) => c.file);
}

export type { PlanError, ManualItem };
