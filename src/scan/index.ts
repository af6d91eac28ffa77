// scan and scan --staged: gather the source files (work tree or index), then run the shared analysis.
// Paths in reports are relative to the scanned directory (the repository), so that scan, scan
// --staged and history name a file the same way even with a `.chezmoiroot`.

import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ScanResult } from '../model.js';
import { loadConfig, makeIgnoreMatcher } from '../config/index.js';
import { decodeText, entryForRepoPath, isBinary, looksEncrypted, readSourceTree, type SourceTree } from '../source/index.js';
import { configurationOfLoaded } from '../gates/baseline.js';
import type { InputFile, ScanInput } from './input.js';
import type { ParsedTemplate } from '../template/index.js';

export type { InputFile, ScanInput } from './input.js';
export type { AnalyseOptions } from './analyse.js';

// The analysis is imported when a scan starts, not with this module: `scan --staged` starts git
// first and sets up the analysis (its module's start-up is a few ms) while git answers.
const loadAnalyse = () => import('./analyse.js');

/** The shared analysis of scan, scan --staged and history (src/scan/analyse.ts). */
export const analyse: typeof import('./analyse.js').analyse = async (...args) => (await loadAnalyse()).analyse(...args);

export interface ScanOptions {
  /** `--config FILE`; default `.chezmoi-sops.yaml` in the source root. */
  configPath?: string;
}

/** `scan [DIR]`: the source tree as it is in the work tree. */
export async function scanSource(dir: string, opts: ScanOptions = {}): Promise<ScanResult> {
  return (await scanSourceWith(dir, opts)).result;
}

/** What a work-tree scan read and parsed, besides its result: for migrate, which works on the same files. */
export interface ScanWork {
  result: ScanResult;
  /** The files the scan read (the config's ignore patterns and size limit applied), as read and as analysed. */
  tree: SourceTree;
  input: ScanInput;
  /** Each template the analysis parsed, by input path (a modify_ template parsed as one). */
  parsed: Map<string, ParsedTemplate>;
}

/** scanSource, with the files it read and the templates it parsed. */
export async function scanSourceWith(dir: string, opts: ScanOptions = {}): Promise<ScanWork> {
  const sourceDir = resolve(dir);
  if (await isBareRepository(sourceDir)) {
    throw new Error(`${sourceDir} is a bare git repository: it has no work tree to scan (use 'history' to scan its commits)`);
  }
  const loaded = await loadConfig(sourceDir, opts.configPath);
  const tree = await readSourceTree(sourceDir, { isIgnored: makeIgnoreMatcher(loaded.config), maxFileSize: loaded.config.maxFileSize });
  if (tree.errors.some((e) => e.file === '.')) {
    throw new Error(tree.errors.find((e) => e.file === '.')!.message + ` (${sourceDir})`);
  }
  const input: ScanInput = { root: sourceDir, files: tree.files.map((f) => ({ path: f.repoPath, entry: f.entry, text: f.text })) };
  const parsed = new Map<string, ParsedTemplate>();
  const result = await analyse(input, { config: loaded.config, rules: loaded.userRules, command: 'scan', parsed });
  result.errors.unshift(...loaded.errors, ...tree.errors);
  result.notes.unshift(...tree.notes);
  result.configuration = await configurationOfLoaded(loaded);
  return { result, tree, input, parsed };
}

/**
 * `scan --staged [DIR]`: the blobs the next commit will hold. Data files and templates that are
 * not staged are read from the index too (a staged template may read an unstaged data key), but
 * only staged files are reported.
 */
export async function scanStaged(dir: string, opts: ScanOptions = {}): Promise<ScanResult> {
  const { listStagedBlobs, readStagedBlobs, listIndexPaths, readIndexFiles } = await import('../gates/staged.js');
  const sourceDir = resolve(dir);
  // Modules are compiled and set up while git answers (a pre-commit hook waits on both): the
  // classifier is needed by any staged text file, the template grammar once a template is staged.
  // The config is read meanwhile too.
  const listed = listStagedBlobs(sourceDir);
  warm(import('../classify/index.js'));
  warm(loadAnalyse());
  const config = loadConfig(sourceDir, opts.configPath);
  warm(config);
  const { entries, submodules, repoRoot } = await listed;
  // Paths from git are relative to the repository top level; the source dir may be a subfolder.
  const prefix = relative(repoRoot, sourceDir).split('\\').join('/');
  const under = (p: string) => (prefix === '' ? p : p.startsWith(prefix + '/') ? p.slice(prefix.length + 1) : null);
  const rootPrefix = await indexRootPrefix(sourceDir);
  const kindOf = (repoPath: string) => {
    const rel = under(repoPath);
    return rel === null ? null : entryForRepoPath(rel, rootPrefix).entry;
  };
  if (entries.some((e) => kindOf(e.path)?.isTemplate)) warm(import('../template/index.js'));
  const loaded = await config;
  // The size limit applies before a blob is read: a huge staged file is never held in memory.
  const { files: staged, tooLarge } = await readStagedBlobs(repoRoot, entries, { maxFileSize: loaded.config.maxFileSize });
  const ignored = makeIgnoreMatcher(loaded.config);

  const stagedPaths = new Set(staged.map((f) => f.path));
  // Unstaged data files and templates matter only when staged data may define a secret: its
  // uses give the classifier context. A staged template or plain file is judged on its own text.
  const stagesData = staged.some((f) => {
    const kind = kindOf(f.path)?.kind;
    return kind === 'data' || kind === 'config-template';
  });
  const context = !stagesData ? [] : (await listIndexPaths(repoRoot)).filter((p) => {
    const entry = kindOf(p);
    return entry !== null && !stagedPaths.has(p) && (entry.kind === 'data' || entry.isTemplate);
  });
  const contextFiles = await readIndexFiles(repoRoot, context);
  const notes: ScanResult['notes'] = [];
  for (const sub of submodules) {
    const rel = under(sub.path);
    if (rel !== null && !ignored(rel)) notes.push({ file: rel, message: STAGED_SUBMODULE_NOTE });
  }
  const files: InputFile[] = [];
  for (const [blob, report] of [...staged.map((f) => [f, true] as const), ...contextFiles.map((f) => [f, false] as const)]) {
    const rel = under(blob.path);
    if (rel === null || ignored(rel)) continue;
    const { entry } = entryForRepoPath(rel, rootPrefix);
    let text: string | null = null;
    if (blob.mode === '160000') continue;
    if (entry.attributes.encrypted || looksEncrypted(blob.content)) notes.push({ file: rel, message: 'encrypted: ciphertext is not scanned' });
    else if (isBinary(blob.content)) notes.push({ file: rel, message: 'binary file skipped' });
    else if (blob.content.length > loaded.config.maxFileSize) notes.push({ file: rel, message: `larger than maxFileSize (${loaded.config.maxFileSize} bytes): skipped` });
    else text = decodeText(blob.content);
    files.push({ path: rel, entry, text, report });
  }
  for (const blob of tooLarge) {
    const rel = under(blob.path);
    if (rel === null || ignored(rel)) continue;
    const { entry } = entryForRepoPath(rel, rootPrefix);
    notes.push({ file: rel, message: entry.attributes.encrypted ? 'encrypted: ciphertext is not scanned' : `larger than maxFileSize (${loaded.config.maxFileSize} bytes): skipped` });
    files.push({ path: rel, entry, text: null, report: true });
  }
  const result = await analyse({ root: sourceDir, files }, { config: loaded.config, rules: loaded.userRules, command: 'scan' });
  result.errors.unshift(...loaded.errors);
  result.notes.unshift(...notes);
  result.configuration = await configurationOfLoaded(loaded);
  return result;
}

const STAGED_SUBMODULE_NOTE = 'git submodule (another repository): its files are not scanned by a staged scan here; run chezmoi-sops in it too';

/** Start loading a module now, for later use; a failure surfaces where it is used. */
function warm(load: Promise<unknown>): void {
  load.catch(() => undefined);
}

/**
 * A bare repository's files are git's own (objects, refs, hooks): scanning them as a source tree
 * would report nothing useful and look like a clean result. Git is asked only when the layout fits.
 */
async function isBareRepository(dir: string): Promise<boolean> {
  if (!['HEAD', 'objects', 'refs'].every((n) => existsSync(join(dir, n))) || existsSync(join(dir, '.git'))) return false;
  const git = await import('../git/repo.js');
  return git.isBareRepository(dir).catch(() => false);
}

/** The `.chezmoiroot` prefix as the index holds it ('' or 'home/'). */
async function indexRootPrefix(sourceDir: string): Promise<string> {
  // Listing the whole index costs a git call per commit; a work tree without the file is enough
  // to know it is not there (the file is almost never staged on its own).
  if (!existsSync(join(sourceDir, '.chezmoiroot'))) return '';
  const { readIndexFiles } = await import('../gates/staged.js');
  const [root] = await readIndexFiles(sourceDir, ['.chezmoiroot']);
  if (!root) return '';
  const sub = decodeText(root.content).trim().replace(/^\.\/+/, '').replace(/\/+$/, '');
  return sub ? `${sub}/` : '';
}
