import type { SourceEntry } from '../source/index.js';

/**
 * One file of a chezmoi source tree, wherever it comes from (work tree, index, a commit): the
 * analysis never touches the file system itself, so scan, scan --staged and history share it.
 */
export interface InputFile {
  /** Path relative to the source root (after .chezmoiroot), posix separators: used in reports. */
  path: string;
  entry: SourceEntry;
  /** Decoded text; null when the file was skipped (binary, encrypted, too large: see notes). */
  text: string | null;
  /** false: reported (findings kept); used by scan --staged to report only what is staged. */
  report?: boolean;
  /** Identifies the text (history: the blob id): with AnalyseOptions.cache, the same path and id are not parsed twice. */
  id?: string;
}

export interface ScanInput {
  root: string;
  files: InputFile[];
}
