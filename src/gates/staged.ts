// What a commit would contain: blobs of the INDEX, never the work tree (a file can be staged
// with a secret and then edited clean on disk; the commit still carries the secret).
import { catFileAnswers, MissingObjectError, type BatchAnswer } from '../git/objects.js';
import { repoToplevel } from '../git/repo.js';
import { gitBuffer, splitNul } from '../git/run.js';

export interface StagedFile {
  /** Path relative to the repository root, `/`-separated, as git names it. */
  path: string;
  content: Buffer;
  /** Git file mode: `100644`, `100755` or `120000` (a symlink: content is the link target). */
  mode: string;
}

/** A staged blob larger than the size limit: its content was never read into memory. */
export interface TooLargeFile {
  path: string;
  size: number;
}

export interface ReadBlobsOptions {
  /** Blobs larger than this many bytes are not read (see `tooLarge`); default: no limit. */
  maxFileSize?: number;
}

interface IndexEntry {
  path: string;
  mode: string;
  sha: string;
}

const GITLINK = '160000'; // a submodule: no blob of ours to scan
const ZERO_SHA = /^0+$/; // `git add -N` (intent to add): nothing staged yet

/**
 * The files staged for the next commit (added, copied, modified; renames appear as additions),
 * read from the index with one `git diff --cached` and one `git cat-file --batch`.
 * Paths are relative to `repoRoot` (the top level of the work tree that contains repoDir).
 * Blobs over `maxFileSize` are listed in `tooLarge` and never held in memory.
 */
export async function readStagedFiles(repoDir: string, opts: ReadBlobsOptions = {}): Promise<{ files: StagedFile[]; tooLarge: TooLargeFile[]; repoRoot: string }> {
  const { entries, repoRoot } = await listStagedBlobs(repoDir);
  return { ...(await readStagedBlobs(repoRoot, entries, opts)), repoRoot };
}

/** What is staged (path, mode, blob id), without reading any blob. */
export interface StagedBlob {
  path: string;
  mode: string;
  sha: string;
}

/** The staged blobs of the next commit: one `git diff --cached`, paths relative to `repoRoot`. */
export async function listStagedBlobs(repoDir: string): Promise<{ entries: StagedBlob[]; submodules: StagedBlob[]; repoRoot: string }> {
  // The top level and the diff are asked side by side (each git start costs the pre-commit hook
  // a few ms). The diff runs in repoDir: its paths are relative to the top level all the same,
  // unless diff.relative is set, which is switched off here.
  // --no-renames: a rename is an addition of the new path, which is what must be scanned.
  // On an unborn branch `diff --cached` compares with the empty tree, so this works for a first commit.
  const diff = gitBuffer(repoDir, ['-c', 'diff.relative=false', 'diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACM', '--no-ext-diff']);
  diff.catch(() => undefined); // outside a work tree, the clearer error of repoToplevel is the one reported
  const repoRoot = await repoToplevel(repoDir);
  const staged = parseRawDiff(await diff).filter((e) => !ZERO_SHA.test(e.sha));
  // A staged submodule is a commit id of another repository: nothing of ours to read, but said.
  return { entries: staged.filter((e) => e.mode !== GITLINK), submodules: staged.filter((e) => e.mode === GITLINK), repoRoot };
}

/** The content of staged blobs listed by listStagedBlobs (one `git cat-file --batch`). */
export function readStagedBlobs(repoRoot: string, entries: readonly StagedBlob[], opts: ReadBlobsOptions = {}): Promise<{ files: StagedFile[]; tooLarge: TooLargeFile[] }> {
  return readBlobs(repoRoot, entries, opts);
}

/** Every path in the index (stage 0 and conflict stages, deduplicated), relative to the repository root. */
export async function listIndexPaths(repoDir: string): Promise<string[]> {
  const repoRoot = await repoToplevel(repoDir);
  return [...new Set(splitNul(await gitBuffer(repoRoot, ['ls-files', '-z', '--cached', '--full-name'])))];
}

/**
 * The index version of the given paths (relative to the repository root), e.g. the data files a
 * staged scan needs to classify template uses although they are not staged themselves.
 * Paths that are not in the index are left out.
 */
export async function readIndexFiles(repoDir: string, paths: readonly string[]): Promise<StagedFile[]> {
  const repoRoot = await repoToplevel(repoDir);
  if (paths.length === 0) return [];
  const wanted = new Set(paths);
  // A few paths: let git look them up (literal pathspecs, no glob); many: one listing of the index.
  const pathspec = paths.length <= 64 ? ['--', ...paths.map((p) => `:(literal)${p}`)] : [];
  const listing = splitNul(await gitBuffer(repoRoot, ['ls-files', '-z', '--stage', '--full-name', ...pathspec]));
  const entries: IndexEntry[] = [];
  for (const line of listing) {
    // "<mode> <sha> <stage>\t<path>"
    const tab = line.indexOf('\t');
    const [mode, sha, stage] = line.slice(0, tab).split(' ');
    const path = line.slice(tab + 1);
    if (stage === '0' && wanted.has(path) && mode !== GITLINK) entries.push({ path, mode, sha });
  }
  return (await readBlobs(repoRoot, entries, {})).files;
}

/** Parse `git diff --raw -z` output: ":oldmode newmode oldsha newsha status\0path\0". */
function parseRawDiff(raw: Buffer): IndexEntry[] {
  const fields = splitNul(raw);
  const entries: IndexEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const meta = fields[i];
    if (!meta.startsWith(':')) continue;
    const [, newMode, , newSha, status] = meta.slice(1).split(' ');
    // Copies carry two paths (source, destination); with --no-renames only C can, if diff.renames=copies.
    const path = status.startsWith('C') ? fields[i + 2] : fields[i + 1];
    i += status.startsWith('C') ? 2 : 1;
    entries.push({ path, mode: newMode, sha: newSha });
  }
  return entries;
}

/**
 * Read many blobs with a single `git cat-file --batch` process. The size in each answer's header
 * comes before the content: a blob over the limit is skipped as it streams by, never buffered.
 */
async function readBlobs(repoRoot: string, entries: readonly IndexEntry[], opts: ReadBlobsOptions): Promise<{ files: StagedFile[]; tooLarge: TooLargeFile[] }> {
  if (entries.length === 0) return { files: [], tooLarge: [] };
  const answers = new Map<string, BatchAnswer>();
  const ids = [...new Set(entries.map((e) => e.sha))];
  try {
    await catFileAnswers(repoRoot, ids, (a) => {
      if (a.kind === 'missing') throw new MissingObjectError(a.id);
      answers.set(a.id, a);
    }, { maxSize: opts.maxFileSize });
  } catch (err) {
    const entry = err instanceof MissingObjectError && entries.find((e) => e.sha === err.id);
    throw entry ? new Error(`git cat-file: object ${entry.sha} for ${entry.path} is missing`) : err;
  }
  const files: StagedFile[] = [];
  const tooLarge: TooLargeFile[] = [];
  for (const entry of entries) {
    const answer = answers.get(entry.sha);
    if (answer?.kind === 'object' && answer.type === 'blob') files.push({ path: entry.path, content: answer.data, mode: entry.mode });
    else if (answer?.kind === 'too-large' && answer.type === 'blob') tooLarge.push({ path: entry.path, size: answer.size });
  }
  return { files, tooLarge };
}
