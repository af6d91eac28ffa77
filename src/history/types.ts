import type { RemoteScanner } from './scan-pool.js';
import type { AnalysisError, ClassifiedVariable, Finding } from '../model.js';

/** A secret a scanner found in one blob (or one commit message): a Finding before history and fingerprint are known. */
export type BlobFinding = Pick<Finding, 'rule' | 'severity' | 'warningKind' | 'message' | 'line' | 'column' | 'endLine' | 'endColumn' | 'value' | 'variable'>;

/** Part of a blob that could not be analysed (e.g. an old data file that does not parse). Never quote secrets. */
export interface BlobScanError {
  line?: number;
  column?: number;
  message: string;
}

/** Findings alone, or findings plus what could not be analysed (history reports those as AnalysisErrors: fail closed). */
export type BlobScanResult = BlobFinding[] | { findings: BlobFinding[]; errors?: BlobScanError[] };

/**
 * Scans one blob's content as it would be at `path` (null: a commit message). Injected, so that history sees
 * exactly what `scan` sees (data files parsed, templates understood). Returned errors, or a thrown error,
 * become AnalysisErrors naming the path and the first commit that holds the blob; messages must not quote secrets.
 */
export type BlobScanner = (path: string | null, content: string, blob?: string) => Promise<BlobScanResult>;

/** A secret the analysis of a whole tree found in one of its files. */
export type TreeFinding = BlobFinding & { file: string };

/**
 * What depends on more than one file of a tree, such as a data variable, classified as `scan` does by
 * the templates that read it: history runs it once per distinct set of the files that take part, on
 * every commit. Injected next to the scanner, which is called first with each blob's id (`blob`).
 */
export interface TreeAnalyser {
  /**
   * What this blob at this path gives a tree (asked once the scanner has seen it): null when nothing
   * (it takes no part); two blobs at a path with the same key give the same (a template edited
   * where it reads no data), so trees that differ only there are analysed once.
   */
  part(path: string, blob: string): string | null;
  /** The scanner's findings that this analysis gives instead (judged with the whole tree): dropped. */
  replaces(finding: BlobFinding): boolean;
  /** The files of one tree that take part: its variables (as `scan` lists them) and the findings they give. */
  analyse(files: Array<{ path: string; blob: string }>): Promise<{ variables: ClassifiedVariable[]; findings: TreeFinding[]; errors: AnalysisError[] }>;
}

export interface HistoryProgress {
  /** Blobs and commit messages scanned so far. */
  objects: number;
  /** Bytes of blob content scanned so far. */
  bytes: number;
  /** Distinct (blob, finding) hits so far (final findings are deduplicated by value). */
  findings: number;
  /** Blobs and messages found to scan so far: all of them once `listed`. */
  queued: number;
  /** The walk of the log is over: `queued` is the total. */
  listed: boolean;
  /** The tree analysis, once the blobs are read: trees analysed and to analyse. */
  trees?: { done: number; total: number };
}

export interface HistoryOptions {
  scanner: BlobScanner;
  /**
   * The same scanner in other threads (src/history/scan-pool.ts): plain-text blobs and commit messages
   * go there, several at a time, while this thread reads git and analyses data files, templates and trees.
   */
  remote?: RemoteScanner;
  /** Variables and their findings, tree by tree (without it: none, and only what single blobs show). */
  tree?: TreeAnalyser;
  /** Only commits in SINCE..HEAD. */
  since?: string;
  onProgress?: (p: HistoryProgress) => void;
  /** Blobs larger than this are skipped with a note. Default 32 MiB. */
  maxBlobSize?: number;
  /**
   * Plain-text blobs (not data, template, special or encrypted files) of at least this size are scanned only
   * around the lines that earlier-scanned versions at the same path kind did not have; findings on the other
   * lines are carried over by line content. Default 0 (all plain-text blobs); Infinity scans every blob whole.
   */
  novelLinesMinSize?: number;
  /** Lines kept either side of a new line in that mode (a multi-line secret added whole is kept whole anyway). Default 8. */
  novelLinesContext?: number;
  /** Two paths with the same kind give the same findings for the same content (cache key). Default: the path itself (exactPathKind), which `tree` always uses. */
  pathKind?: (path: string) => string;
}

export class NotARepositoryError extends Error {
  constructor(readonly dir: string) {
    super(`not a git repository: ${dir}`);
    this.name = 'NotARepositoryError';
  }
}

/** `--since REF` names nothing this repository has. */
export class UnknownRevisionError extends Error {
  constructor(readonly revision: string) {
    super(`unknown revision for --since: ${revision}`);
    this.name = 'UnknownRevisionError';
  }
}
