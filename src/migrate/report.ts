// Output of migrate: the JSON summary of INTERFACE.md and the human-readable plan with its diff.
import { escapeForTerminal as esc } from '../report/escape.js';
import { jsonFinding } from '../report/json.js';
import { redact } from '../report/redact.js';
import { unifiedDiffs } from './diff.js';
import type { MigrateJson, MigrationResult } from './types.js';

export function toMigrateJson(result: MigrationResult, opts: { showSecrets?: boolean } = {}): MigrateJson {
  const { plan } = result;
  return {
    moved: plan.moved.map((m) => ({
      path: m.path,
      ...(m.path === null ? { file: m.file, line: m.line } : {}),
      secretName: m.secretName,
      sopsKey: m.sopsKey,
      templates: m.templates,
      dataFiles: m.dataFiles,
    })),
    manual: plan.manual.map((m) => ({ file: m.file, line: m.line, reason: m.reason })),
    left: plan.left.map((f) => ({ ...jsonFinding(f, opts.showSecrets ?? false), reason: plan.leftReasons.get(f) ?? 'not moved' })),
    changed: result.changed,
    written: result.written,
  };
}

export interface TextReportOptions {
  showSecrets: boolean;
  /** Print the unified diff (dry runs do; after --write it is a summary only). */
  diff: boolean;
}

export function migrateText(result: MigrationResult, opts: TextReportOptions): string {
  const { plan } = result;
  const out: string[] = [];
  if (plan.moved.length === 0 && plan.manual.length === 0 && plan.left.length === 0) {
    out.push('Nothing to migrate: no secret variable is stored in the source.');
    return out.join('\n') + '\n';
  }
  if (plan.moved.length > 0) {
    out.push(`${result.written ? 'Moved' : 'Will move'} ${plan.moved.length} secret(s) to ${plan.options.sopsFile}:`);
    for (const m of plan.moved) {
      const what = m.path ? m.path.join('.') : `${m.file}:${m.line}`;
      out.push(`  ${esc(what)} = ${esc(redact(m.value, opts.showSecrets))} -> ${m.secretName} (${m.secretFile})`);
      if (m.templates.length) out.push(`      read by: ${m.templates.map(esc).join(', ')}`);
      if (m.dataFiles.length) out.push(`      removed from: ${m.dataFiles.map(esc).join(', ')}`);
    }
  }
  if (plan.manual.length > 0) {
    out.push('', `Manual work (${plan.manual.length}); these files are left untouched and the migration is incomplete:`);
    for (const m of plan.manual) out.push(`  ${esc(m.file)}:${m.line}: ${esc(m.reason)}`);
    if (plan.kept.length > 0) out.push(`  Not moved until then: ${plan.kept.map((p) => esc(p.join('.'))).join(', ')}`);
  }
  if (plan.left.length > 0) {
    out.push('', `Left in the repository (${plan.left.length}); the migration is incomplete:`);
    for (const f of plan.left) {
      out.push(`  ${esc(f.file ?? '(commit message)')}:${f.line}:${f.column}: ${esc(f.rule)} ${esc(redact(f.value, opts.showSecrets))}: ${esc(plan.leftReasons.get(f) ?? 'not moved')}`);
    }
  }
  if (result.changed.length > 0) {
    out.push('', `${result.written ? 'Wrote' : 'Would write'} ${result.changed.length} file(s):`);
    for (const f of result.changed) out.push(`  ${esc(f)}`);
  }
  const renamed = plan.changes.filter((c) => c.renamedFrom);
  if (renamed.length > 0) {
    out.push('', `${result.written ? 'These plain files are now templates' : 'These plain files become templates'} (new files: \`git add -A\` before you commit):`);
    for (const c of renamed) out.push(`  ${esc(c.renamedFrom!.file)} -> ${esc(c.file)}`);
  }
  if (plan.moved.some((m) => m.dataFiles.some((f) => /^\.chezmoi\.[a-z]+\.tmpl$/.test(f.split('/').pop() ?? '')))) {
    out.push('', 'The config template changed: run `chezmoi init` so that your chezmoi config drops the secret too.');
  }
  for (const note of plan.notes) out.push('', `Note: ${esc(note)}`);
  let text = out.join('\n') + '\n';
  if (opts.diff && plan.changes.length > 0) {
    // File names and contents come from the repository: no control character reaches the terminal raw.
    text += '\n' + escapeLines(unifiedDiffs(plan.changes, [...plan.moved.map((m) => m.value), ...plan.keptValues], opts.showSecrets));
  }
  if (!result.written && result.changed.length > 0) text += '\nDry run: nothing was changed. Run again with --write to apply.\n';
  return text;
}

/** Escape control characters line by line, keeping line ends and tabs (diff layout). */
function escapeLines(text: string): string {
  return text.split('\n').map((line) => line.split('\t').map(esc).join('\t')).join('\n');
}
