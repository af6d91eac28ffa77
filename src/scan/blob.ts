// The chezmoi-aware scanner of one blob, for `history`: the same analysis as `scan`, applied to a
// single file at one commit, and the analysis of whole trees that gives the data variables (each
// classified, as `scan` does, with the templates of that tree that read it).

import type { BlobFinding, BlobScanner, TreeAnalyser } from '../history/types.js';
import type { ClassifyConfig } from '../config/index.js';
import type { Rule } from '../classify/index.js';
import type { AnalysisError } from '../model.js';
import type { BaselineConfiguration } from '../gates/baseline.js';
import { entryForRepoPath } from '../source/index.js';
import type { SourceEntry } from '../source/attributes.js';
import { analyse, AnalyseCache } from './analyse.js';
import type { InputFile } from './input.js';

/** Commit messages are scanned as plain text under this pseudo path. */
const COMMIT_MESSAGE = 'COMMIT_EDITMSG';

export interface AnalysisOptions {
  /** Also a `variable/review` finding per review value (what `purge --include-review` removes). */
  reviewFindings?: boolean;
  /** linguist attributes as the work tree has them (a blob is judged without its commit's tree). */
  gitattributes?: Array<{ dir: string; text: string }>;
}

/** The blob scanner alone: each data file classified on its own (no template context). */
export function chezmoiBlobScanner(config: ClassifyConfig, rules: Rule[] = [], opts: AnalysisOptions = {}): BlobScanner {
  return historyAnalysis(config, rules, opts, false).scanner;
}

/**
 * The scanner and the tree analyser of `history`, sharing one cache: a data file or template is
 * parsed once per blob (by the scanner), and a tree analysis reuses what that gave. With the
 * tree analyser, variable findings come from it alone, so that a variable is classified as `scan`
 * classifies it, with its uses (the scanner classifies a data file on its own).
 */
export function chezmoiHistoryAnalysis(config: ClassifyConfig, rules: Rule[] = [], opts: AnalysisOptions = {}): { scanner: BlobScanner; tree: TreeAnalyser } {
  return historyAnalysis(config, rules, opts, true);
}

function historyAnalysis(config: ClassifyConfig, rules: Rule[], opts: AnalysisOptions, withTree: boolean): { scanner: BlobScanner; tree: TreeAnalyser } {
  const { reviewFindings, gitattributes = [] } = opts;
  const cache = new AnalyseCache();
  // The blobs that take part in tree analyses (data files, templates that read data): what they give, their text.
  const parts = new Map<string, { part: string; text: string }>();
  // The data blobs (and config templates' [data]) that do not parse: the scanner reports them, blob by blob.
  const unparsed = new Set<string>();
  const scanner: BlobScanner = async (path, content, blob) => {
    const name = path ?? COMMIT_MESSAGE;
    const { entry } = entryForRepoPath(name, '');
    const messageEntry = path === null ? { ...entry, kind: 'file' as const, isTemplate: false } : entry;
    const id = path !== null ? blob : undefined;
    const file: InputFile = { path: name, entry: messageEntry, text: content, ...(id !== undefined ? { id } : {}) };
    // A data file's variables are the tree analysis's to judge, with their uses: here it is only parsed.
    // (Only a data file: its text has no literal scan that its variables' values would have to hide.)
    const variables = !(withTree && entry.kind === 'data' && id !== undefined);
    const result = await analyse({ root: '', files: [file] }, { config, rules, command: 'history', reviewFindings, gitattributes, variables, ...(id !== undefined ? { cache } : {}) });
    const part = id !== undefined ? cache.contribution(name, id) : null;
    if (id !== undefined && cache.data.get(`${name}\0${id}`)?.error) unparsed.add(`${name}\0${id}`);
    // A template's references are kept (the cache); only data needs its text (an inline allow on its line).
    if (part !== null) parts.set(`${name}\0${id}`, { part, text: entry.kind === 'data' || entry.kind === 'config-template' ? content : '' });
    // A data file that does not parse could hide a secret: fail closed. A template that does not
    // parse was still scanned as text, and an old broken template is common in a history, so
    // only data errors count.
    const errors = entry.kind === 'data' ? result.errors.map((e) => ({ ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}), message: e.message })) : [];
    // A Finding is a BlobFinding plus what history works out itself (fingerprint, file, history).
    const findings: BlobFinding[] = result.findings;
    return { findings, errors };
  };
  // The same few hundred paths come back in every tree: each parsed once.
  const entries = new Map<string, SourceEntry>();
  const entryOf = (path: string): SourceEntry => {
    let e = entries.get(path);
    if (!e) entries.set(path, (e = entryForRepoPath(path, '').entry));
    return e;
  };
  const tree: TreeAnalyser = {
    part: (path, blob) => parts.get(`${path}\0${blob}`)?.part ?? null,
    replaces: (f) => f.rule === 'variable/secret' || f.rule === 'variable/review',
    async analyse(files) {
      const input: InputFile[] = files.map((f) => ({ path: f.path, entry: entryOf(f.path), text: parts.get(`${f.path}\0${f.blob}`)?.text ?? null, id: f.blob }));
      const result = await analyse({ root: '', files: input }, { config, rules, command: 'history', reviewFindings, gitattributes, cache, literals: false });
      // Parse errors were reported by the scanner, blob by blob (naming a commit); rule errors are new
      // here (a file that does not parse has no leaves, so no rule error of its own).
      const broken = new Set(files.filter((f) => unparsed.has(`${f.path}\0${f.blob}`)).map((f) => f.path));
      return {
        variables: result.variables,
        findings: result.findings.flatMap((f) => (f.file === null ? [] : [{ ...f, file: f.file }])),
        errors: result.errors.filter((e) => !broken.has(e.file) && !e.message.startsWith('template does not parse')),
      };
    },
  };
  return { scanner, tree };
}

/** The scanner and tree analyser with the repository's own configuration (`.chezmoi-sops.yaml`, user rules) loaded. */
export async function defaultBlobScanner(
  repoDir: string,
  configPath?: string,
  opts: AnalysisOptions = {},
): Promise<{ scanner: BlobScanner; tree: TreeAnalyser; errors: AnalysisError[]; strictReview: boolean; configuration: BaselineConfiguration }> {
  const { loadConfig } = await import('../config/index.js');
  const loaded = await loadConfig(repoDir, configPath);
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const gitattributes = await readFile(join(repoDir, '.gitattributes'), 'utf8').then((text) => [{ dir: '', text }], () => []);
  const { configurationOfLoaded } = await import('../gates/baseline.js');
  const configuration = await configurationOfLoaded(loaded);
  return { ...chezmoiHistoryAnalysis(loaded.config, loaded.userRules, { gitattributes, ...opts }), errors: loaded.errors, strictReview: loaded.config.strictReview === true, configuration };
}
