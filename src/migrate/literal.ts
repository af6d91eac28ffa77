// Hard-coded secrets: a literal finding's value moves to sops under a name derived from the
// file's target path and the key written before the value (`.config/gh/hosts.yml` +
// `oauth_token:` → `config/gh/hosts_yml/oauth_token`). Its span in the file becomes
// `{{ include "SECRETS_DIR/NAME" | trim }}`, every other byte stays; a plain file becomes a
// template (`X` → `X.tmpl`, attributes kept), its own text escaped so that Go prints it verbatim.
// A file that is a secret as a whole (a private key) becomes just the include plus its own final
// newline. Whatever cannot be moved safely is refused with a reason, and stays a finding.
import { basename, dirname, join } from 'node:path';
import type { Finding } from '../model.js';
import { parseSourcePath, type SourceFile } from '../source/index.js';
import { parseTemplate } from '../template/index.js';
import { secretFilePath, secretNameFor, type SecretName } from './names.js';
import { includeExpr } from './rewrite.js';
import { LineIndex } from '../text/line-index.js';
import { fingerprint } from '../fingerprint.js';

export interface LiteralGroup {
  /** The value as written in the file(s): what the include must reproduce. */
  value: string;
  name: SecretName;
  secretFile: string;
  /** The template expression for the file where it is not a fixed path (home-manager): as for variables. */
  secretFileExpr?: string;
  /** The first site (file as it was, 1-based line), for reports. */
  file: string;
  line: number;
  /** Every finding it stands for. */
  findings: Finding[];
  /** Files it is read from after the migration (their new names). */
  templates: string[];
  /** The variable whose value this is a copy of (it is stored once, under the variable's name). */
  copyOf?: readonly string[];
}

export interface LiteralFileEdit {
  source: SourceFile;
  /** The file as it is and as it will be (repo-relative), and the new absolute path. */
  file: string;
  newFile: string;
  newPath: string;
  text: string;
  /** The file was a template already (it keeps its name). */
  wasTemplate: boolean;
}

export interface RefusedLiteral {
  finding: Finding;
  reason: string;
}

export interface LiteralPlan {
  groups: LiteralGroup[];
  /** Keyed by the source file's absolute path. */
  edits: Map<string, LiteralFileEdit>;
  refused: RefusedLiteral[];
}

export interface LiteralInput {
  files: readonly SourceFile[];
  /** Literal findings (no variable) of severity error. */
  findings: readonly Finding[];
  secretsDir: string;
  /** The file as a template expression, where it is not a fixed path (home-manager), as variables get it. */
  secretFileExprFor?: (secretName: string) => string;
  /** Secret names already used (variables, the sops file's keys): a derived name avoids them. */
  takenNames: readonly string[];
  /** Values not to move (their secret is blocked elsewhere in the plan). */
  blocked?: ReadonlySet<string>;
  /**
   * Values that are a moved variable's: a copy written out in another file reads the variable's own
   * secret file instead of getting a name of its own (an e-mail address in `allowed_signers`).
   */
  named?: ReadonlyMap<string, NamedValue>;
}

export interface NamedValue {
  path: readonly string[];
  name: SecretName;
  secretFile: string;
  secretFileExpr?: string;
}

/** JS index of a 1-based line and code-point column. */
export function indexAt(text: string, line: number, column: number): number {
  let i = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return -1;
    i = nl + 1;
  }
  for (let c = 1; c < column; c++) {
    if (i >= text.length) return -1;
    const code = text.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

/** The key written before a value on its line: `oauth_token: `, `"auth": "`, `export K="`, `password `. */
export function keyBefore(text: string, start: number): string | null {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const m = /([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?::|=|\s)\s*["'{]?\s*$/u.exec(before);
  return m ? m[1]!.replace(/\.+$/u, '') || null : null;
}

/** Name segments from a target path: `.config/gh/hosts.yml` → config, gh, hosts.yml. */
function targetSegments(source: SourceFile): string[] {
  const target = source.entry.targetPath ?? source.repoPath;
  return target.split('/').map((s) => s.replace(/^\.+/u, '')).filter((s) => s !== '');
}

function conflicts(name: string, taken: ReadonlySet<string>): boolean {
  if (taken.has(name)) return true;
  for (const t of taken) if (t.startsWith(`${name}/`) || name.startsWith(`${t}/`)) return true;
  return false;
}

function uniqueName(segments: string[], taken: Set<string>): SecretName {
  const base = secretNameFor(segments);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : secretNameFor([...segments.slice(0, -1), `${segments[segments.length - 1]!}_${n}`]);
    if (!conflicts(name.secretName, taken)) {
      taken.add(name.secretName);
      return name;
    }
  }
}

/** The Go string literal of a path (JSON escapes are Go escapes). */
const goString = (s: string): string => JSON.stringify(s);

/** Text that a template prints verbatim: every left delimiter and directive marker is escaped. */
export function escapeTemplateText(text: string, left: string, right: string): string {
  const escaped = text.split(left).join(`${left} ${goString(left)} ${right}`);
  // chezmoi reads any line holding `chezmoi:template:` as a directive, before parsing.
  return escaped.split('chezmoi:template:').join(`chezmoi:${left} ${goString('template:')} ${right}`);
}

/**
 * Text before an action must not end in a prefix of the left delimiter (`{` + `{{ … }}` would lex
 * as `{{{`): such a tail is printed by an action of its own.
 */
function guardTail(out: string, left: string, right: string): string {
  for (let k = left.length - 1; k >= 1; k--) {
    if (out.endsWith(left.slice(0, k))) return `${out.slice(0, -k)}${left} ${goString(left.slice(0, k))} ${right}`;
  }
  return out;
}

/** The template name for a plain file (`X` → `X.tmpl`) when chezmoi then reads the same target. */
function templateNameFor(source: SourceFile): string | null {
  const rel = source.entry.sourcePath;
  const name = `${rel}.tmpl`;
  const now = parseSourcePath(rel);
  const next = parseSourcePath(name);
  if (!next.isTemplate || next.kind !== now.kind || next.targetPath !== now.targetPath) return null;
  const { template: _a, ...a } = now.attributes;
  const { template: _b, ...b } = next.attributes;
  return JSON.stringify(a) === JSON.stringify(b) ? name : null;
}

interface Site {
  finding: Finding;
  start: number;
  end: number;
  value: string;
}

const MIN_COPY_LENGTH = 8;

/** A moved variable's value, with the files that define it (the data edit removes it there). */
export interface CopiedValue {
  value: string;
  path: readonly string[];
  definedIn: ReadonlySet<string>;
}

/**
 * Every copy of a moved variable's value written out in another file, as a literal finding that
 * planLiterals moves like a hard-coded secret (with `named`, it reads the variable's secret file).
 */
export function copyFindings(files: readonly SourceFile[], values: readonly CopiedValue[]): Finding[] {
  const out: Finding[] = [];
  // A short value (a PIN, a word) would match unrelated text: it stays manual work, as does a match
  // inside a longer word.
  const word = /[\p{L}\p{N}_]/u;
  const standsAlone = (text: string, at: number, end: number): boolean => !word.test(text[at - 1] ?? '') && !word.test(text[end] ?? '');
  for (const source of files) {
    if (source.text === null || source.encrypted || source.binary || !source.inRoot) continue;
    let lines: LineIndex | undefined;
    for (const v of values) {
      if (v.value.length < MIN_COPY_LENGTH || v.definedIn.has(source.repoPath)) continue;
      for (let at = source.text.indexOf(v.value); at >= 0; at = source.text.indexOf(v.value, at + v.value.length)) {
        if (!standsAlone(source.text, at, at + v.value.length)) continue;
        lines ??= new LineIndex(source.text);
        const from = lines.position(at);
        const to = lines.position(at + v.value.length);
        out.push({
          fingerprint: fingerprint('variable/copy', v.value), rule: 'variable/copy', severity: 'error',
          message: `a copy of ${v.path.join('.')}`, file: source.repoPath,
          line: from.line, column: from.column, endLine: to.line, endColumn: to.column,
          value: v.value, variable: null, history: null,
        });
      }
    }
  }
  return out;
}

export function planLiterals(input: LiteralInput): LiteralPlan {
  const plan: LiteralPlan = { groups: [], edits: new Map(), refused: [] };
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.file === null || f.variable !== null) continue;
    byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  }
  const taken = new Set(input.takenNames);
  const groups = new Map<string, LiteralGroup>();
  const sitesOf = new Map<SourceFile, Site[]>();

  for (const source of input.files) {
    const found = byFile.get(source.repoPath);
    if (!found) continue;
    const refuse = (reason: string): void => {
      for (const finding of found) plan.refused.push({ finding, reason });
    };
    if (source.text === null || source.encrypted || source.binary) { refuse('the file cannot be read as text'); continue; }
    if (!source.inRoot) { refuse('outside the chezmoi source root (.chezmoiroot): chezmoi does not read it; remove the value by hand'); continue; }
    const kind = source.entry.kind;
    const twin = !source.entry.isTemplate && input.files.some((f) => f.repoPath === `${source.repoPath}.tmpl`);
    if (twin) { refuse(`${source.repoPath}.tmpl exists already: two entries for one target; merge them by hand`); continue; }
    if (!source.entry.isTemplate && templateNameFor(source) === null) {
      refuse(kind === 'data' ? 'a data file cannot read a file; move the value into a data key by hand' : 'this file cannot become a template (its name would change its target); remove the value by hand');
      continue;
    }
    const text = source.text;
    const sites: Site[] = [];
    for (const finding of [...found].sort((a, b) => a.line - b.line || a.column - b.column)) {
      const start = indexAt(text, finding.line, finding.column);
      const end = indexAt(text, finding.endLine, finding.endColumn);
      if (start < 0 || end <= start || text.slice(start, end) !== finding.value) {
        plan.refused.push({ finding, reason: 'the value is written in an encoded form; move it by hand' });
        continue;
      }
      const prev = sites[sites.length - 1];
      if (prev && start < prev.end) {
        // Two rules on one value (or one inside another): the outer span covers it.
        if (end <= prev.end) {
          const g = groups.get(prev.value);
          if (g) g.findings.push(finding);
          continue;
        }
        plan.refused.push({ finding, reason: 'overlaps another finding; move it by hand' });
        continue;
      }
      if (input.blocked?.has(finding.value)) continue;
      sites.push({ finding, start, end, value: finding.value });
      const group = groups.get(finding.value);
      if (group) {
        group.findings.push(finding);
        continue;
      }
      const named = input.named?.get(finding.value);
      if (named) {
        const { path, ...as } = named;
        groups.set(finding.value, { value: finding.value, ...as, file: source.repoPath, line: finding.line, findings: [finding], templates: [], copyOf: path });
        continue;
      }
      const whole = text.slice(0, start).trim() === '' && text.slice(end).trim() === '';
      const key = whole ? null : keyBefore(text, start);
      const segments = [...targetSegments(source), ...(key ? [key] : whole ? [] : ['secret'])];
      const name = uniqueName(segments.length > 0 ? segments : ['secret'], taken);
      groups.set(finding.value, {
        value: finding.value,
        name,
        secretFile: secretFilePath(input.secretsDir, name.secretName),
        ...(input.secretFileExprFor ? { secretFileExpr: input.secretFileExprFor(name.secretName) } : {}),
        file: source.repoPath,
        line: finding.line,
        findings: [finding],
        templates: [],
      });
    }
    if (sites.length > 0) sitesOf.set(source, sites);
  }

  for (const [source, sites] of sitesOf) {
    const text = source.text!;
    const wasTemplate = source.entry.isTemplate;
    const delims = wasTemplate ? parseTemplate(text, { modify: source.entry.kind === 'modify' }).delims : { left: '{{', right: '}}' };
    const { left, right } = delims;
    const plain = (s: string): string => (wasTemplate ? s : escapeTemplateText(s, left, right));
    let out = '';
    let at = 0;
    for (const s of sites) {
      const g = groups.get(s.value)!;
      out = guardTail(out + plain(text.slice(at, s.start)), left, right);
      out += `${left} ${includeExpr({ path: [], secretFile: g.secretFile, secretFileExpr: g.secretFileExpr, trim: s.value.trim() === s.value })} ${right}`;
      at = s.end;
    }
    out += plain(text.slice(at));
    const newName = wasTemplate ? source.entry.sourcePath : templateNameFor(source)!;
    const newPath = wasTemplate ? source.absPath : join(dirname(source.absPath), basename(newName));
    const newFile = wasTemplate ? source.repoPath : join(dirname(source.repoPath), basename(newName)).split('\\').join('/');
    plan.edits.set(source.absPath, { source, file: source.repoPath, newFile, newPath, text: out, wasTemplate });
    for (const s of sites) {
      const g = groups.get(s.value)!;
      if (!g.templates.includes(newFile)) g.templates.push(newFile);
    }
  }
  plan.groups = [...groups.values()].filter((g) => g.templates.length > 0);
  for (const g of plan.groups) g.templates.sort();
  return plan;
}
