import pc from 'picocolors';
import type { ClassifiedVariable, Finding, ScanResult } from '../model.js';
import { escapeForTerminal as esc } from './escape.js';
import { redact, redactIdentity } from './redact.js';

export interface TextReportOptions {
  showSecrets: boolean;
  color: boolean;
  /** Number of findings hidden by the baseline, shown in the summary. */
  suppressed?: number;
}

/** Human-readable report, grouped by class. Free to evolve (INTERFACE.md); JSON is the stable contract. */
export function toTextReport(result: ScanResult, opts: TextReportOptions): string {
  const c = pc.createColors(opts.color);
  const out: string[] = [];
  const where = (p: { file: string; line: number; column: number }) => `${esc(p.file)}:${p.line}:${p.column}`;
  const dataPath = (p: string[]) => esc(p.join('.'));
  out.push(c.bold(`chezmoi-sops ${result.command}: ${esc(result.root)}`));
  // Set for a shallow clone and for blobs missing from the object store: the message names both.
  if (result.incompleteHistory) out.push(c.yellow('! history is incomplete (a shallow clone, or objects missing from this clone): some commits or files were not scanned'));

  const byClass = (k: ClassifiedVariable['class']) => result.variables.filter((v) => v.class === k);
  // A secret variable whose findings were accepted (baseline, inline allow) or lie outside this
  // scan (scan --staged) is listed apart: only the others fail the run.
  const withFinding = new Set(result.findings.filter((f) => f.variable).map((f) => f.variable!.join('\0')));
  const secrets = byClass('secret').filter((v) => withFinding.has(v.path.join('\0')));
  const accepted = byClass('secret').filter((v) => !withFinding.has(v.path.join('\0')));
  // A variable finding is shown with its variable (above); only history has findings without one.
  const secretPaths = new Set(secrets.map((v) => v.path.join('\0')));

  const section = (title: string, n: number) => out.push('', c.bold(`${title} (${n})`));
  const variableBlock = (v: ClassifiedVariable, mark: string, show: boolean) => {
    const value = show ? redact(v.value, opts.showSecrets) : v.value;
    out.push(`  ${mark} ${c.bold(dataPath(v.path))} = ${esc(value)}`);
    for (const d of v.definedIn) out.push(`      ${c.dim('defined')}  ${where(d)}`);
    for (const u of v.usedIn) out.push(`      ${c.dim('used')}     ${where(u)}`);
    for (const r of v.reasons) out.push(`      ${c.dim('why')}      ${r.rule}: ${esc(r.message)}`);
  };

  if (secrets.length) {
    section(c.red('Secrets stored in template data'), secrets.length);
    for (const v of secrets) variableBlock(v, c.red('✗'), true);
  }
  // History shows every finding with where and when it was held, a variable's too.
  const literal = result.findings.filter((f) => result.command === 'history' || !(f.rule === 'variable/secret' && f.variable && secretPaths.has(f.variable.join('\0'))));
  if (literal.length) {
    section(c.red(result.command === 'history' ? 'Secrets in history' : 'Hard-coded secrets in files'), literal.length);
    for (const f of literal) findingBlock(f);
  }
  if (accepted.length) {
    section(c.dim('Secret, but accepted (baseline, inline allow) or not in this scan'), accepted.length);
    out.push(`  ${accepted.map((v) => dataPath(v.path)).join(', ')}`);
  }
  const review = byClass('review');
  if (review.length) {
    section(c.yellow('Needs review'), review.length);
    for (const v of review) variableBlock(v, c.yellow('?'), true);
  }
  const refs = byClass('reference');
  if (refs.length) {
    section(c.green('Held elsewhere (password manager, sops)'), refs.length);
    for (const v of refs) out.push(`  ${c.green('✓')} ${dataPath(v.path)}  ${c.dim(v.reasons.map((r) => r.rule).join(', '))}`);
  }
  const config = byClass('config');
  if (config.length) {
    section('Config', config.length);
    out.push(`  ${config.map((v) => dataPath(v.path)).join(', ')}`);
  }
  if (result.errors.length) {
    section(c.red('Could not analyse'), result.errors.length);
    for (const e of result.errors) out.push(`  ${c.red('!')} ${esc(e.file)}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${esc(e.message)}`);
  }
  if (result.notes.length) {
    section(c.dim('Skipped'), result.notes.length);
    for (const n of result.notes) out.push(c.dim(`  - ${esc(n.file)}: ${esc(n.message)}`));
  }

  const errorsCount = result.findings.filter((f) => f.severity === 'error').length;
  out.push('', c.bold('Summary: ') + [
    `${errorsCount} secret finding${errorsCount === 1 ? '' : 's'}`,
    `${review.length} to review`,
    `${refs.length} held elsewhere`,
    `${config.length} config`,
    ...(result.errors.length ? [`${result.errors.length} not analysed`] : []),
    ...(opts.suppressed ? [`${opts.suppressed} accepted by the baseline`] : []),
  ].join(', '));
  return out.join('\n') + '\n';

  function findingBlock(f: Finding) {
    const at = f.file === null ? 'commit message' : `${esc(f.file)}:${f.line}:${f.column}`;
    out.push(`  ${c.red('✗')} ${at}  ${c.cyan(f.rule)}  ${esc(redact(f.value, opts.showSecrets))}${f.variable ? `  (${dataPath(f.variable)})` : ''}`);
    if (f.message) out.push(`      ${c.dim(esc(f.message))}`);
    const h = f.history;
    if (h) {
      out.push(`      ${c.dim('introduced')} ${h.introduced.sha.slice(0, 10)} ${h.introduced.date.slice(0, 10)} ${esc(redactIdentity(h.introduced.author, opts.showSecrets))}: ${esc(h.introduced.subject)}`);
      out.push(`      ${c.dim('last')}       ${h.last.sha.slice(0, 10)} ${h.last.date.slice(0, 10)}: ${esc(h.last.subject)}`);
      out.push(`      ${c.dim('at HEAD')}    ${h.atHead ? c.red('yes') : 'no'}; ${h.commits} commit${h.commits === 1 ? '' : 's'}; paths ${h.paths.map(esc).join(', ')}`);
      if (h.refs.length) out.push(`      ${c.dim('refs')}       ${h.refs.map(esc).join(', ')}`);
    }
  }
}
