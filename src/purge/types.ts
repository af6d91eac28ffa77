/** One secret value to remove from the whole history (built from `history` findings). `value` is raw. */
export interface PurgeSecret {
  value: string;
  rule: string;
  fingerprint: string;
  paths: string[];
}

export interface PlannedSecret {
  fingerprint: string;
  rule: string;
  /** redact(value): never the raw value. */
  redacted: string;
  paths: string[];
}

export interface PurgePlan {
  /** git-filter-repo expressions, mode 0600, in a private temp dir outside the work tree and .git. */
  expressionsFile: string;
  /** The same in BFG's format (only with `bfg: true`). */
  bfgFile?: string;
  /** git-filter-repo --mailmap file (same directory, mode 0600) when an author/committer/tagger address is a secret. */
  mailmapFile?: string;
  /** Number of distinct identity addresses the mailmap rewrites. */
  identities: number;
  replacement: string;
  secrets: PlannedSecret[];
  /** Files of the checked-out commit (HEAD) that still hold a value: `run` refuses unless asked to purge them too. */
  atHead: { path: string; secrets: string[] }[];
  /** Refs whose target changes. */
  refs: string[];
  /** Commits that get a new id (those whose content changes and all their descendants). */
  commitsAffected: number;
  /** Human text: what changes, that clones, forks and CI caches keep the old history, what to rotate. */
  report: string;
  /** Where filter-repo cannot clean a secret (binary files, file names, ref names); empty when none. */
  notCleaned: string[];
}

export interface Remaining {
  /** `file`: a file in .git or .jj outside the object store (COMMIT_EDITMSG, rr-cache, jj op log). */
  where: 'object' | 'message' | 'ref' | 'file';
  detail: string;
}

export interface PurgeRunResult {
  /** The git bundle holding every ref (and every stash entry) from before the rewrite. */
  backup: string;
  verified: boolean;
  remaining: Remaining[];
  /** Other checks that failed: commit counts per ref, non-secret files changed, unexpected rewrites. */
  problems: string[];
  commandsToPush: string[];
  restoreCommands: string[];
  /** Lines to show the user (progress summary, jj advice, notes). Never holds a secret value. */
  log: string[];
}

export class PurgeError extends Error {}
