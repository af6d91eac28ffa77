import type { ClassifiedVariable, Finding, ScanResult } from '../model.js';
import { redact, redactIdentity } from './redact.js';

export const SCHEMA_VERSION = 1;

export interface JsonReportOptions {
  showSecrets: boolean;
  version: string;
}

/** The JSON report of INTERFACE.md (scan, scan --staged, history). Values are redacted unless asked. */
export function toJsonReport(result: ScanResult, opts: JsonReportOptions): Record<string, unknown> {
  const report: Record<string, unknown> = {
    tool: 'chezmoi-sops',
    version: opts.version,
    schemaVersion: SCHEMA_VERSION,
    command: result.command,
    root: result.root,
    variables: result.variables.map((v) => jsonVariable(v, opts.showSecrets)),
    findings: result.findings.map((f) => jsonFinding(f, opts.showSecrets)),
    errors: result.errors.map((e) => ({ file: e.file, line: e.line ?? null, column: e.column ?? null, message: e.message })),
    notes: result.notes,
  };
  if (result.incompleteHistory !== undefined) report.incompleteHistory = result.incompleteHistory;
  return report;
}

function jsonVariable(v: ClassifiedVariable, show: boolean) {
  // Config values are not secret; everything else is shown redacted.
  const value = v.class === 'config' || v.class === 'reference' ? v.value : redact(v.value, show);
  return { path: v.path, class: v.class, reasons: v.reasons, value, definedIn: v.definedIn.map(pos), usedIn: v.usedIn.map(pos) };
}

export function jsonFinding(f: Finding, show: boolean) {
  return {
    fingerprint: f.fingerprint,
    rule: f.rule,
    severity: f.severity,
    ...(f.warningKind ? { warningKind: f.warningKind } : {}),
    ...(f.message ? { message: f.message } : {}),
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    secret: redact(f.value, show),
    variable: f.variable,
    history: f.history && {
      ...f.history,
      introduced: { ...f.history.introduced, author: redactIdentity(f.history.introduced.author, show) },
      last: { ...f.history.last, author: redactIdentity(f.history.last.author, show) },
    },
  };
}

function pos(p: { file: string; line: number; column: number }) {
  return { file: p.file, line: p.line, column: p.column };
}
