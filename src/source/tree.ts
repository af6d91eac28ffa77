// Reading a chezmoi source directory from disk: every file with its parsed entry and text.
// Symlinks are never followed (a source tree must not make us read outside it), `.git` is never
// walked, encrypted and binary files are noted and not decoded.

import { promises as fsp, type Dirent } from 'node:fs';
import { join, resolve, relative, isAbsolute, dirname } from 'node:path';
import type { AnalysisError, Note } from '../model.js';
import { MODIFY_TEMPLATE_MARKER, ROOT_NAME, noAttributes, parseSourcePath, type SourceEntry } from './attributes.js';
import { decodeText, isBinary, looksEncrypted } from './content.js';

export interface SourceFile {
  entry: SourceEntry;
  absPath: string;
  /** Posix path relative to sourceDir (the repository): use it in reports and to match git paths. */
  repoPath: string;
  /** false for files outside the `.chezmoiroot` subfolder: repo files that chezmoi does not read. */
  inRoot: boolean;
  size: number;
  binary: boolean;
  /** chezmoi `encrypted_` entry, or a body that is age / PGP ciphertext. Never decoded. */
  encrypted: boolean;
  /** Decoded text (BOM stripped); null when binary, encrypted, too large or unreadable. */
  text: string | null;
}

export interface SourceTree {
  sourceDir: string;
  /** Absolute source root, after `.chezmoiroot`. */
  root: string;
  /** '' or the `.chezmoiroot` folder with a trailing slash ('home/'), relative to sourceDir. */
  rootPrefix: string;
  /** Every regular file of the repository except `.git`, sorted by repoPath. */
  files: SourceFile[];
  notes: Note[];
  errors: AnalysisError[];
}

export interface ReadSourceTreeOptions {
  /** Called with the repo-relative path (directories with a trailing '/'); true skips it. */
  isIgnored?: (repoPath: string) => boolean;
  /** Files larger than this are skipped with a note. Default 10 MiB. */
  maxFileSize?: number;
}

const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
const READ_CONCURRENCY = 32;

interface Walk {
  sourceDir: string;
  realSourceDir: string;
  isIgnored: (rel: string) => boolean;
  found: Array<{ abs: string; rel: string }>;
  notes: Note[];
  errors: AnalysisError[];
}

function errnoCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? 'unknown error';
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function noteSymlink(w: Walk, abs: string, rel: string): Promise<void> {
  let where = 'it is not followed';
  try {
    const target = await fsp.readlink(abs);
    const resolved = resolve(dirname(abs), target);
    // Compare against both the given and the real source dir (the dir itself may be a symlink).
    const inside = isInside(w.sourceDir, resolved) || isInside(w.realSourceDir, resolved);
    where = inside ? 'it is not followed' : 'it points outside the source directory and is not followed';
  } catch {
    // unreadable link: the generic message is right.
  }
  w.notes.push({ file: rel, message: `symbolic link in the source directory: ${where}` });
}

async function walkDir(w: Walk, abs: string, rel: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(abs, { withFileTypes: true });
  } catch (err) {
    w.errors.push({ file: rel || '.', message: `could not read directory: ${errnoCode(err)}` });
    return;
  }
  const subdirs: Promise<void>[] = [];
  for (const d of entries) {
    if (d.name === '.git') continue;
    const childAbs = join(abs, d.name);
    const childRel = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) {
      if (!w.isIgnored(childRel + '/')) subdirs.push(walkDir(w, childAbs, childRel));
    } else if (w.isIgnored(childRel)) {
      continue;
    } else if (d.isSymbolicLink()) {
      subdirs.push(noteSymlink(w, childAbs, childRel));
    } else if (d.isFile()) {
      w.found.push({ abs: childAbs, rel: childRel });
    } else {
      w.notes.push({ file: childRel, message: 'not a regular file: skipped' });
    }
  }
  await Promise.all(subdirs);
}

/** Reads `.chezmoiroot`: returns the posix prefix ('' or 'home/'), or an error. */
async function readRootPrefix(sourceDir: string): Promise<{ prefix: string; error?: AnalysisError; note?: Note }> {
  let text: string;
  try {
    const st = await fsp.lstat(join(sourceDir, ROOT_NAME));
    if (!st.isFile()) return { prefix: '' };
    text = decodeText(await fsp.readFile(join(sourceDir, ROOT_NAME)));
  } catch {
    return { prefix: '' };
  }
  const sub = text.trim().replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (sub === '' || sub === '.') return { prefix: '' };
  const abs = resolve(sourceDir, sub);
  if (isAbsolute(sub) || !isInside(sourceDir, abs) || abs === resolve(sourceDir)) {
    return { prefix: '', error: { file: ROOT_NAME, line: 1, column: 1, message: '.chezmoiroot must name a folder inside the source directory' } };
  }
  try {
    const st = await fsp.lstat(abs);
    if (!st.isDirectory()) throw new Error('not a directory');
  } catch {
    // chezmoi reads an empty source state then: nothing is chezmoi source, every file is a repo file.
    return { prefix: relative(sourceDir, abs).split('\\').join('/') + '/', note: { file: ROOT_NAME, message: '.chezmoiroot names a folder that does not exist: no file is chezmoi source' } };
  }
  return { prefix: relative(sourceDir, abs).split('\\').join('/') + '/' };
}

/** The entry of a repo file: parsed against the root when inside it, else a plain repo file. */
export function entryForRepoPath(repoPath: string, rootPrefix: string): { entry: SourceEntry; inRoot: boolean } {
  if (rootPrefix === '' || repoPath.startsWith(rootPrefix)) {
    return { entry: parseSourcePath(repoPath.slice(rootPrefix.length)), inRoot: true };
  }
  const kind = repoPath === ROOT_NAME ? 'special' : 'ignored';
  return {
    entry: { sourcePath: repoPath, targetPath: null, kind, isTemplate: false, attributes: noAttributes(), ancestors: { private: false, readonly: false, exact: false, external: false, remove: false } },
    inRoot: false,
  };
}

async function readOne(
  found: { abs: string; rel: string },
  rootPrefix: string,
  maxFileSize: number,
  notes: Note[],
  errors: AnalysisError[],
): Promise<SourceFile | null> {
  const { entry, inRoot } = entryForRepoPath(found.rel, rootPrefix);
  const file: SourceFile = { entry, absPath: found.abs, repoPath: found.rel, inRoot, size: 0, binary: false, encrypted: false, text: null };
  try {
    const st = await fsp.lstat(found.abs);
    file.size = st.size;
    if (entry.attributes.encrypted) {
      file.encrypted = true;
      notes.push({ file: found.rel, message: 'encrypted file: ciphertext is not scanned' });
      return file;
    }
    if (st.size > maxFileSize) {
      notes.push({ file: found.rel, message: `file larger than ${maxFileSize} bytes: skipped` });
      return file;
    }
    const buf = await fsp.readFile(found.abs);
    file.size = buf.length;
    if (looksEncrypted(buf)) {
      file.encrypted = true;
      notes.push({ file: found.rel, message: 'encrypted file (age or PGP ciphertext): not scanned' });
    } else if (isBinary(buf)) {
      file.binary = true;
      notes.push({ file: found.rel, message: 'binary file: skipped' });
    } else {
      file.text = decodeText(buf);
      if (entry.kind === 'modify' && file.text.includes(MODIFY_TEMPLATE_MARKER)) {
        file.entry = { ...entry, isTemplate: true, attributes: { ...entry.attributes, modifyTemplate: true } };
      }
    }
    return file;
  } catch (err) {
    errors.push({ file: found.rel, message: `could not read file: ${errnoCode(err)}` });
    return null;
  }
}

/** Walks `dir` (never `.git`, never through a symlink) and reads every file as chezmoi sees it. */
export async function readSourceTree(dir: string, opts: ReadSourceTreeOptions = {}): Promise<SourceTree> {
  const sourceDir = resolve(dir);
  const notes: Note[] = [];
  const errors: AnalysisError[] = [];
  let realSourceDir = sourceDir;
  try {
    realSourceDir = await fsp.realpath(sourceDir);
    if (!(await fsp.stat(realSourceDir)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (err) {
    errors.push({ file: '.', message: `source directory cannot be read: ${errnoCode(err)}` });
    return { sourceDir, root: sourceDir, rootPrefix: '', files: [], notes, errors };
  }
  const { prefix: rootPrefix, error: rootError, note: rootNote } = await readRootPrefix(realSourceDir);
  if (rootError) errors.push(rootError);
  if (rootNote) notes.push(rootNote);

  const w: Walk = { sourceDir, realSourceDir, isIgnored: opts.isIgnored ?? (() => false), found: [], notes, errors };
  // Walk the real directory so that a symlinked source dir (allowed, as in chezmoi) works.
  await walkDir(w, realSourceDir, '');
  w.found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

  const maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const files: (SourceFile | null)[] = new Array(w.found.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < w.found.length) {
      const i = next++;
      files[i] = await readOne(w.found[i]!, rootPrefix, maxFileSize, notes, errors);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, w.found.length) }, worker));

  const byFile = (a: { file: string }, b: { file: string }): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  notes.sort(byFile);
  errors.sort(byFile);
  return {
    sourceDir,
    root: rootPrefix ? join(sourceDir, rootPrefix.slice(0, -1)) : sourceDir,
    rootPrefix,
    files: files.filter((f): f is SourceFile => f !== null),
    notes,
    errors,
  };
}
