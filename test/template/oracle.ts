/**
 * The gotmpl-oracle (Go's own text/template/parse, see ../shared/tools/gotmpl-oracle) and the
 * comparison of its answers with parseTemplate's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { walk, type ParsedTemplate } from '../../src/template/index.js';

import { CORPUS, SHARED } from '../shared.js';

export { CORPUS, SHARED };
export const ORACLE_DIR = join(SHARED, 'tools/gotmpl-oracle');

export interface OracleRef { path: string; kind: string; line: number; col: number; offset: number; base?: string; tree?: string }
export interface OracleResult {
  file: string;
  ok: boolean;
  error?: string;
  errorLine?: number;
  delims: { left: string; right: string; source: string };
  refs: OracleRef[];
  funcs: string[];
  includes: string[];
  indexRefs: { base: string; keys: string[]; dynamic?: boolean; line: number; col: number; offset: number }[];
  nodes: Record<string, number>;
  defines: string[];
  warnings?: string[];
}

/**
 * The oracle binary: $GOTMPL_ORACLE, the build's default output, or the bin/ beside build.sh.
 * When none exists it is built, except under CI, where a missing oracle must fail the run.
 */
export function findOracle(): string {
  const candidates = [process.env.GOTMPL_ORACLE, '/tmp/gotmpl-oracle/bin/gotmpl-oracle', join(ORACLE_DIR, 'bin/gotmpl-oracle')];
  for (const c of candidates) if (c && existsSync(c)) return c;
  if (process.env.CI) throw new Error(`gotmpl-oracle not found (set GOTMPL_ORACLE; tried ${candidates.filter(Boolean).join(', ')})`);
  const out = execFileSync('bash', [join(ORACLE_DIR, 'build.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const built = out.trim().split('\n').pop()!;
  if (!existsSync(built)) throw new Error(`gotmpl-oracle build did not produce ${built}`);
  return built;
}

/** Runs `refs` once over many files (JSON Lines, one object per file, in argument order). */
export function oracleRefs(oracle: string, files: string[], args: string[] = []): OracleResult[] {
  const r = spawnSync(oracle, ['refs', ...args, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`gotmpl-oracle failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as OracleResult);
}

function walkFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (name !== '.git') walkFiles(p, out);
    } else if (st.isFile()) out.push(p);
  }
  return out;
}

/** chezmoi's rules, loosely: which files of a source tree are templates. */
export function isTemplateFile(path: string): boolean {
  const name = basename(path);
  const parts = path.split('/');
  return (
    name.endsWith('.tmpl') ||
    parts.includes('.chezmoitemplates') ||
    parts.includes('.chezmoiexternals') ||
    name === '.chezmoiignore' ||
    name === '.chezmoiremove' ||
    name.startsWith('.chezmoiexternal.')
  );
}

export function corpusTemplates(): string[] {
  return walkFiles(CORPUS).filter(isTemplateFile);
}

export function oracleTestdata(): { file: string; args: string[] }[] {
  const dir = join(ORACLE_DIR, 'testdata');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.tmpl'))
    .sort()
    .map((n) => {
      const file = join(dir, n);
      const argsFile = file + '.args';
      const args = existsSync(argsFile) ? execFileSync('cat', [argsFile], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean) : [];
      return { file, args };
    });
}

/** Options for parseTemplate equivalent to the oracle's flags. */
export function optionsFromArgs(args: string[]): { left?: string; right?: string; strictFuncs?: boolean } {
  const o: { left?: string; right?: string; strictFuncs?: boolean } = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--left') o.left = args[++i];
    else if (args[i] === '--right') o.right = args[++i];
    else if (args[i] === '--strict-funcs') o.strictFuncs = true;
  }
  return o;
}

/** Every difference between our answer and the oracle's, as readable lines (empty: they agree). */
export function compareWithOracle(ours: ParsedTemplate, go: OracleResult): string[] {
  const diffs: string[] = [];
  const file = relative(SHARED, go.file) || go.file;
  if (ours.ok !== go.ok) {
    diffs.push(`${file}: verdict ours=${ours.ok ? 'ok' : `fail (${ours.error?.goMessage})`} go=${go.ok ? 'ok' : `fail (${go.error})`}`);
    return diffs;
  }
  if (ours.delims.left !== go.delims.left || ours.delims.right !== go.delims.right) {
    diffs.push(`${file}: delims ours=${JSON.stringify(ours.delims)} go=${JSON.stringify(go.delims)}`);
  }
  if (!go.ok) {
    if (ours.error?.goMessage !== go.error) diffs.push(`${file}: error ours=${ours.error?.goMessage} go=${go.error}`);
    const goLine = go.errorLine ?? 0;
    if (goLine !== 0 && ours.error?.line !== goLine) diffs.push(`${file}: errorLine ours=${ours.error?.line} go=${goLine}`);
    return diffs;
  }
  const oursRefs = ours.refs
    .filter((r) => r.kind === 'field' || r.kind === 'variable' || r.kind === 'chain')
    .map((r) => `${r.kind} ${r.text} ${r.line}:${r.offset}${r.tree ? ' in ' + r.tree : ''}`);
  const goRefs = go.refs.map((r) => `${r.kind} ${r.path} ${r.line}:${r.offset}${r.tree ? ' in ' + r.tree : ''}`);
  diffList(file, 'ref', oursRefs, goRefs, diffs);
  diffList(file, 'func', ours.funcs, go.funcs, diffs);
  diffList(file, 'include', ours.includes, go.includes, diffs);
  const oursIndex = ours.refs.filter((r) => r.kind === 'index').map((r) => `${r.offset}`);
  const goIndex = go.indexRefs.filter((r) => !r.dynamic && r.keys.length > 0).map((r) => `${r.offset}`);
  diffList(file, 'index', oursIndex, goIndex, diffs);
  diffList(file, 'node counts', [nodeCounts(ours)], [sortedCounts(go.nodes)], diffs);
  diffList(file, 'defines', Object.keys(ours.defines).sort(), go.defines, diffs);
  if (go.warnings?.length) diffs.push(`${file}: oracle warnings ${go.warnings.join('; ')}`);
  return diffs;
}

/** Node counts by kind, as the oracle counts them (an `else if` is one more `if`). */
function nodeCounts(t: ParsedTemplate): string {
  const counts: Record<string, number> = {};
  const count = (n: { type: string }) => {
    const k = n.type.toLowerCase();
    if (['action', 'if', 'range', 'with', 'template', 'comment', 'break', 'continue', 'text'].includes(k)) counts[k] = (counts[k] ?? 0) + 1;
  };
  if (t.tree) walk(t.tree, count);
  for (const d of Object.values(t.defines)) walk(d, count);
  return sortedCounts(counts);
}

function sortedCounts(c: Record<string, number>): string {
  return Object.keys(c).sort().map((k) => `${k}=${c[k]}`).join(' ');
}

function diffList(file: string, what: string, ours: string[], go: string[], diffs: string[]): void {
  const n = Math.max(ours.length, go.length);
  for (let i = 0; i < n; i++) {
    if (ours[i] !== go[i]) {
      diffs.push(`${file}: ${what} #${i} ours=${ours[i] ?? '(none)'} go=${go[i] ?? '(none)'} (${ours.length} vs ${go.length})`);
      return;
    }
  }
}

export { dirname };
