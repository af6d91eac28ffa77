// All template data of a source tree (from disk, the index or a commit): every data file and the
// config template loaded and merged. Paths in positions are the files' repo paths.

import type { AnalysisError, Note } from '../model.js';
import type { SourceEntry } from '../source/attributes.js';
import { extractConfigData } from './config.js';
import { mergeData } from './merge.js';
import { parseDataFile } from './parse.js';
import type { DataFileResult, DataLeaf } from './types.js';

export interface DataSourceFile {
  /** Path used in positions and errors (the repo path). */
  repoPath: string;
  entry: SourceEntry;
  /** false for files outside the .chezmoiroot folder (chezmoi does not read them). */
  inRoot?: boolean;
  /** Decoded text; null when the file could not be decoded (binary, too large, encrypted). */
  text: string | null;
}

export interface LoadedData {
  files: DataFileResult[];
  tree: Record<string, unknown>;
  leaves: DataLeaf[];
  errors: AnalysisError[];
  notes: Note[];
}

export function loadTemplateData(files: Iterable<DataSourceFile>): LoadedData {
  const results: DataFileResult[] = [];
  const errors: AnalysisError[] = [];
  const notes: Note[] = [];
  const configs: string[] = [];
  for (const f of files) {
    if (f.inRoot === false) continue;
    const kind = f.entry.kind;
    if (kind !== 'data' && kind !== 'config-template') continue;
    if (f.text === null) {
      // Fail closed: a data file we cannot read could hold anything.
      errors.push({ file: f.repoPath, message: 'data file not loaded: binary, encrypted or too large' });
      continue;
    }
    const r = kind === 'data' ? parseDataFile(f.repoPath, f.text) : extractConfigData(f.repoPath, f.text);
    if (kind === 'config-template') configs.push(f.repoPath);
    results.push(r);
    if (r.error) errors.push(r.error);
  }
  if (configs.length > 1) {
    notes.push({ file: configs[0]!, message: `multiple config file templates (${configs.join(', ')}): chezmoi init refuses this; all were read` });
  }
  const { tree, leaves } = mergeData(results);
  return { files: results, tree, leaves, errors, notes };
}
