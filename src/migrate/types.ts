// Types of the migrate stage: options (mirroring the CLI), the plan, and the result.
import type { ClassifiedVariable, Finding } from '../model.js';

export interface MigrateOptions {
  /** The SOPS file to write the values to (required). */
  sopsFile: string;
  /** Where to write the Nix module with the `sops.secrets` stanzas; none when absent. */
  nixOut?: string;
  /** The directory sops-nix decrypts into; templates read `SECRETS_DIR/<name>`. Default /run/secrets. */
  secretsDir?: string;
  /** Nix expression for `owner` (NixOS only). */
  owner?: string;
  /** File mode of the decrypted secret, e.g. "0400". */
  mode?: string;
  /** Nix expression for `sopsFile`; default: a path literal relative to the Nix module. */
  sopsFileExpr?: string;
  /** Emit the home-manager variant (no owner/group); templates build the path from chezmoi's data. */
  homeManager?: boolean;
  /** Move the `review` items (personal e-mail addresses) too. */
  includeReview?: boolean;
  /** Without includeReview: which review items to move (the CLI asks on a terminal); default none. */
  chooseReview?: (items: readonly ClassifiedVariable[]) => Promise<readonly ClassifiedVariable[]>;
  /** Apply the plan; without it nothing is changed. */
  write?: boolean;
  /** Write even when the git work tree is dirty. */
  force?: boolean;
  /** Also write the plaintext values to this file (mode 0600); only on explicit request. */
  plaintextOut?: string;
  /** The user's `.chezmoi-sops.yaml` (default: the one at the source root), passed to the scan. */
  configPath?: string;
}

/**
 * A secret that the plan moves to sops: a data variable (`path`), or a hard-coded value (`path`
 * null, `file`/`line` of its first site). `value` is raw: never print it unredacted.
 */
export interface MovedSecret {
  path: string[] | null;
  file?: string;
  line?: number;
  secretName: string;
  sopsKey: string[];
  nixAttr: string;
  /** The file the templates read after the migration: SECRETS_DIR/<secretName>. */
  secretFile: string;
  value: string;
  /** Templates that read it (relative to the source root). */
  templates: string[];
  /** Data files it is removed from (relative to the source root). */
  dataFiles: string[];
}

/** A use that cannot be rewritten safely: the file is left alone and the run is incomplete. */
export interface ManualItem {
  file: string;
  line: number;
  reason: string;
}

export type ChangeKind = 'template' | 'data' | 'nix' | 'sops' | 'plaintext';

/** One file the plan writes. Paths are absolute; `file` is what reports show. */
export interface FileChange {
  kind: ChangeKind;
  /** Absolute path. */
  path: string;
  /** Relative to the source root when inside it, else absolute. */
  file: string;
  /** Current text, or null when the file does not exist yet. Null for the encrypted sops file. */
  before: string | null;
  /** New text. Null for the sops file (written by the sops writer, never shown). */
  after: string | null;
  /** The bytes to write (`after` in the file's own encoding, BOM kept); null for the sops file. */
  bytes: Buffer | null;
  /** A `modify_` template: its `chezmoi:modify-template` line is not template text. */
  modifyTemplate?: boolean;
  /** A plain file that becomes this template: the original (absolute path, shown name) goes. */
  renamedFrom?: { path: string; file: string };
}

/** An error that stops the plan (a file that could not be analysed or edited). */
export interface PlanError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface MigrationPlan {
  /** The chezmoi source root (absolute). */
  root: string;
  options: MigrateOptions;
  secretsDir: string;
  moved: MovedSecret[];
  manual: ManualItem[];
  changes: FileChange[];
  errors: PlanError[];
  /** Secret values that were not moved (blocked by manual items); they stay in the repo. */
  keptValues: string[];
  /** Data paths of the secrets that stay (blocked by manual items). */
  kept: string[][];
  /** Things the user should know that do not stop the run (an encrypted template we cannot read). */
  notes: string[];
  /** Findings (severity error) still in the tree once the plan is applied. */
  left: Finding[];
  /** Why each finding of `left` stays, by finding. */
  leftReasons: Map<Finding, string>;
}

export interface MigrationResult {
  plan: MigrationPlan;
  /** Files written (relative to the root when inside it). */
  changed: string[];
  written: boolean;
  /** Set when --write failed and everything was restored. */
  failure?: string;
  /** Backup directory kept after a failed restore (to recover by hand). */
  keptBackup?: string;
}

/** The JSON summary of INTERFACE.md. */
export interface MigrateJson {
  moved: { path: string[] | null; file?: string; line?: number; secretName: string; sopsKey: string[]; templates: string[]; dataFiles: string[] }[];
  manual: ManualItem[];
  left: Record<string, unknown>[];
  changed: string[];
  written: boolean;
}
