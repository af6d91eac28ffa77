// Reading a chezmoi source directory from disk: every file with its parsed entry and text.
// Symlinks are never followed (a source tree must not make us read outside it), `.git` is never
// walked, encrypted and binary files are noted and not decoded.

import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fsp, readdirSync, readlinkSync, readSync, type Dirent } from 'node:fs';
import { join, resolve, relative, isAbsolute, dirname } from 'node:path';
import type { AnalysisError, Note } from '../model.js';
import { MODIFY_TEMPLATE_MARKER, ROOT_NAME, noAttributes, parseSourcePath, type SourceEntry } from './attributes.js';
import { decodeText, decodeTextAs, isBinary, looksEncrypted } from './content.js';

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
  /**
   * How the bytes became `text` (set with it): whether they start with a UTF-8 BOM, and whether
   * they were not UTF-8 and were read as Latin-1 (then the BOM's three characters are in `text`).
   * Enough to write the text back byte for byte without reading the file again (migrate).
   */
  decoded?: { bom: boolean; encoding: 'utf8' | 'latin1' };
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
  /**
   * Files an earlier read of the same directory returned, by repoPath: one it kept the text of (and
   * within maxFileSize) is taken as it was, not read again; any other is read (migrate, after the scan).
   */
  known?: ReadonlyMap<string, SourceFile>;
}

const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

interface Walk {
  sourceDir: string;
  realSourceDir: string;
  isIgnored: (rel: string) => boolean;
  found: Array<{ abs: FsPath; rel: string }>;
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

/**
 * A path for file system calls. A name that is not valid UTF-8 has no exact JS string form (it
 * decodes to U+FFFD), so below such a name the path stays raw bytes; reports show the lossy form.
 */
type FsPath = string | Buffer;

function childPath(parent: FsPath, name: string | Buffer): FsPath {
  if (typeof parent === 'string' && typeof name === 'string') return join(parent, name);
  return Buffer.concat([Buffer.from(parent), Buffer.from('/'), Buffer.from(name)]);
}

function displayPath(p: FsPath): string {
  return typeof p === 'string' ? p : p.toString('utf8');
}

function noteSymlink(w: Walk, abs: FsPath, rel: string): void {
  let where = 'it is not followed';
  try {
    const resolved = resolve(dirname(displayPath(abs)), readlinkSync(abs, 'utf8'));
    // Compare against both the given and the real source dir (the dir itself may be a symlink).
    const inside = isInside(w.sourceDir, resolved) || isInside(w.realSourceDir, resolved);
    where = inside ? 'it is not followed' : 'it points outside the source directory and is not followed';
  } catch {
    // unreadable link: the generic message is right.
  }
  w.notes.push({ file: rel, message: `symbolic link in the source directory: ${where}` });
}

// Synchronous I/O on purpose: on this 2-core machine a sync walk and read of 3,000 small files is
// 5-10x faster than the promise API (libuv thread-pool round trips dominate); see bench/source-tree.mjs.
/** Said of every submodule (scan, scan --staged): what of it is and is not covered. */
const SUBMODULE_NOTE = "git submodule (another repository): its files are scanned as checked out, but 'history' here does not cover its commits; run chezmoi-sops in it too";

function walkDir(w: Walk, abs: FsPath, rel: string): void {
  let entries: Array<{ name: string; raw: string | Buffer; kind: Pick<Dirent, 'isDirectory' | 'isSymbolicLink' | 'isFile'> }>;
  try {
    const listed = typeof abs === 'string' ? readdirSync(abs, { withFileTypes: true }) : null;
    if (listed && !listed.some((d) => d.name.includes('\ufffd'))) {
      entries = listed.map((d) => ({ name: d.name, raw: d.name, kind: d }));
    } else {
      // Some name may not be valid UTF-8: list raw bytes so that the file can still be opened.
      entries = readdirSync(abs, { encoding: 'buffer' }).map((raw) => ({ name: raw.toString('utf8'), raw, kind: lstatSync(childPath(abs, raw)) }));
    }
  } catch (err) {
    w.errors.push({ file: rel || '.', message: `could not read directory: ${errnoCode(err)}` });
    return;
  }
  for (const { name, raw, kind: d } of entries) {
    if (name === '.git') {
      // Below the top, a `.git` makes this folder a submodule (or a nested clone): its files are
      // scanned as checked out here, but its commits belong to that other repository.
      if (rel !== '') w.notes.push({ file: rel, message: SUBMODULE_NOTE });
      continue;
    }
    const childAbs = childPath(abs, raw);
    const childRel = rel ? `${rel}/${name}` : name;
    if (d.isDirectory()) {
      if (!w.isIgnored(childRel + '/')) walkDir(w, childAbs, childRel);
    } else if (w.isIgnored(childRel)) {
      continue;
    } else if (d.isSymbolicLink()) {
      noteSymlink(w, childAbs, childRel);
    } else if (d.isFile()) {
      w.found.push({ abs: childAbs, rel: childRel });
    } else {
      w.notes.push({ file: childRel, message: 'not a regular file: skipped' });
    }
  }
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
    return { prefix: relative(sourceDir, abs).split('\\').join('/') + '/', note: { file: ROOT_NAME, message: '.chezmoiroot names a folder that does not exist (or is a symbolic link, not followed): no file is chezmoi source' } };
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

// One scratch buffer for the (usual) small file: no allocation, no fstat per file. The bytes
// returned are only valid until the next call (they are decoded right away).
const SCRATCH = Buffer.allocUnsafe(256 * 1024);

/** The file's bytes, or null when it has more than `max` bytes. */
function readUpTo(fd: number, max: number): Buffer | null {
  let buf = SCRATCH;
  let got = 0;
  for (;;) {
    if (got === buf.length) {
      if (got > max) return null;
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 4, max + 1));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) break;
    got += n;
  }
  return got > max ? null : buf.subarray(0, got);
}

function readOne(
  found: { abs: FsPath; rel: string },
  rootPrefix: string,
  maxFileSize: number,
  notes: Note[],
  errors: AnalysisError[],
  known: ReadonlyMap<string, SourceFile> | undefined,
): SourceFile | null {
  // A text file gives no note: taken as it was read, it is what reading it again would give.
  const was = known?.get(found.rel);
  if (was && was.text !== null && was.size <= maxFileSize && was.absPath === displayPath(found.abs)) return { ...was };
  const { entry, inRoot } = entryForRepoPath(found.rel, rootPrefix);
  const file: SourceFile = { entry, absPath: displayPath(found.abs), repoPath: found.rel, inRoot, size: 0, binary: false, encrypted: false, text: null };
  let fd: number | null = null;
  try {
    // O_NOFOLLOW: the entry was a regular file when listed; if it became a symlink since, refuse it.
    fd = openSync(found.abs, constants.O_RDONLY | constants.O_NOFOLLOW);
    if (entry.attributes.encrypted) {
      file.size = fstatSync(fd).size;
      file.encrypted = true;
      notes.push({ file: found.rel, message: 'encrypted file: ciphertext is not scanned' });
      return file;
    }
    const bytes = readUpTo(fd, maxFileSize);
    if (bytes === null) {
      file.size = fstatSync(fd).size;
      notes.push({ file: found.rel, message: `file larger than ${maxFileSize} bytes: skipped` });
      return file;
    }
    file.size = bytes.length;
    if (looksEncrypted(bytes)) {
      file.encrypted = true;
      notes.push({ file: found.rel, message: 'encrypted file (age or PGP ciphertext): not scanned' });
    } else if (isBinary(bytes)) {
      file.binary = true;
      notes.push({ file: found.rel, message: 'binary file: skipped' });
    } else {
      const { text, encoding } = decodeTextAs(bytes);
      file.text = text;
      file.decoded = { bom: bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, encoding };
      if (entry.kind === 'modify' && file.text.includes(MODIFY_TEMPLATE_MARKER)) {
        file.entry = { ...entry, isTemplate: true, attributes: { ...entry.attributes, modifyTemplate: true } };
      }
    }
    return file;
  } catch (err) {
    errors.push({ file: found.rel, message: `could not read file: ${errnoCode(err)}` });
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
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
  walkDir(w, realSourceDir, '');
  w.found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

  const maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const files: SourceFile[] = [];
  for (const found of w.found) {
    const f = readOne(found, rootPrefix, maxFileSize, notes, errors, opts.known);
    if (f) files.push(f);
  }

  const byFile = (a: { file: string }, b: { file: string }): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  notes.sort(byFile);
  errors.sort(byFile);
  return {
    sourceDir,
    root: rootPrefix ? join(sourceDir, rootPrefix.slice(0, -1)) : sourceDir,
    rootPrefix,
    files,
    notes,
    errors,
  };
}
