// The data model shared by every stage. Internal records keep raw secret values (`value`);
// only the report layer (src/report/) turns them into redacted output as INTERFACE.md gives.
import type { BaselineConfiguration } from './gates/baseline.js';

/** A position in a file of the source tree (or of a commit's tree). 1-based; column counts code points. */
export interface Position {
  file: string;
  line: number;
  column: number;
  /** 0-based byte offset in the original file, where known. */
  offset?: number;
}

export interface Span extends Position {
  endLine: number;
  endColumn: number;
}

export type VariableClass = 'secret' | 'review' | 'config' | 'reference';
export type Severity = 'error' | 'warning' | 'note';

export interface Reason {
  rule: string;
  message: string;
}

/** A leaf of the merged template data, with its classification. */
export interface ClassifiedVariable {
  path: string[];
  class: VariableClass;
  reasons: Reason[];
  /** Raw value as loaded (stringified for non-strings). Never print unredacted. */
  value: string;
  definedIn: Position[];
  usedIn: Position[];
}

export interface CommitInfo {
  sha: string;
  author: string;
  date: string;
  subject: string;
}

export interface HistoryInfo {
  introduced: CommitInfo;
  last: CommitInfo;
  atHead: boolean;
  paths: string[];
  refs: string[];
  commits: number;
}

/** A secret found in a file or in history. `value` is raw; reports redact it. */
export interface Finding {
  fingerprint: string;
  rule: string;
  severity: Severity;
  /** For a warning: why it is not an error (see WarningKind in src/classify/grade.ts; docs/user-guide.md). */
  warningKind?: string;
  message?: string;
  file: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  value: string;
  variable: string[] | null;
  history: HistoryInfo | null;
}

/** A file that could not be analysed (fail closed: exit code 2). Never quote secret values here. */
export interface AnalysisError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** A note about something skipped on purpose (binary, encrypted, too large, symlink outside). */
export interface Note {
  file: string;
  message: string;
}

export type CommandName = 'scan' | 'history';

/** The in-memory result of scan / scan --staged / history, before redaction. */
export interface ScanResult {
  command: CommandName;
  root: string;
  variables: ClassifiedVariable[];
  findings: Finding[];
  errors: AnalysisError[];
  notes: Note[];
  /** `strictReview: true` in the configuration: review items fail the run, as with `--strict`. */
  strictReview?: boolean;
  /** history only: true when the clone is shallow and older commits are missing. */
  incompleteHistory?: boolean;
  /** What the scan ran with (src/gates/baseline.ts configurationOf), for the baseline; not in reports. */
  configuration?: BaselineConfiguration;
}
