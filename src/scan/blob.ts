// The chezmoi-aware scanner of one blob, for `history`: the same analysis as `scan`, applied to a
// single file at one commit (a data file is parsed as data, so a secret-class key in an old
// `.chezmoidata.yaml` is found although no rule would flag its bare value).

import type { BlobFinding, BlobScanner } from '../history/types.js';
import type { ClassifyConfig } from '../config/index.js';
import type { Rule } from '../classify/index.js';
import { entryForRepoPath } from '../source/index.js';
import { analyse } from './analyse.js';

/** Commit messages are scanned as plain text under this pseudo path. */
const COMMIT_MESSAGE = 'COMMIT_EDITMSG';

export function chezmoiBlobScanner(config: ClassifyConfig, rules: Rule[] = [], gitattributes: Array<{ dir: string; text: string }> = []): BlobScanner {
  return async (path, content) => {
    const name = path ?? COMMIT_MESSAGE;
    const { entry } = entryForRepoPath(name, '');
    const messageEntry = path === null ? { ...entry, kind: 'file' as const, isTemplate: false } : entry;
    const result = await analyse({ root: '', files: [{ path: name, entry: messageEntry, text: content }] }, { config, rules, command: 'history', gitattributes });
    // A data file that does not parse could hide a secret: fail closed. A template that does not
    // parse was still scanned as text, and an old broken template is common in a history, so
    // only data errors count.
    const errors = entry.kind === 'data' ? result.errors.map((e) => ({ ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}), message: e.message })) : [];
    // A Finding is a BlobFinding plus what history works out itself (fingerprint, file, history).
    const findings: BlobFinding[] = result.findings;
    return { findings, errors };
  };
}

/** The scanner with the repository's own configuration (`.chezmoi-sops.yaml`, user rules) loaded. */
export async function defaultBlobScanner(repoDir: string, configPath?: string): Promise<{ scanner: BlobScanner; errors: import('../model.js').AnalysisError[] }> {
  const { loadConfig } = await import('../config/index.js');
  const loaded = await loadConfig(repoDir, configPath);
  // linguist attributes as the work tree has them (a blob is judged without its commit's tree).
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const attrs = await readFile(join(repoDir, '.gitattributes'), 'utf8').then((text) => [{ dir: '', text }], () => []);
  return { scanner: chezmoiBlobScanner(loaded.config, loaded.userRules, attrs), errors: loaded.errors };
}
