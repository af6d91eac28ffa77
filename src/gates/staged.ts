// What a commit would contain: blobs of the INDEX, never the work tree (a file can be staged
// with a secret and then edited clean on disk; the commit still carries the secret).
import { MissingObjectError, readObjects } from '../git/objects.js';
import { repoToplevel } from '../git/repo.js';
import { gitBuffer, splitNul } from '../git/run.js';

export interface StagedFile {
  /** Path relative to the repository root, `/`-separated, as git names it. */
  path: string;
  content: Buffer;
  /** Git file mode: `100644`, `100755` or `120000` (a symlink: content is the link target). */
  mode: string;
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
 */
export async function readStagedFiles(repoDir: string): Promise<{ files: StagedFile[]; repoRoot: string }> {
  const repoRoot = await repoToplevel(repoDir);
  // --no-renames: a rename is an addition of the new path, which is what must be scanned.
  // On an unborn branch `diff --cached` compares with the empty tree, so this works for a first commit.
  const raw = await gitBuffer(repoRoot, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACM', '--no-ext-diff']);
  const entries = parseRawDiff(raw).filter((e) => e.mode !== GITLINK && !ZERO_SHA.test(e.sha));
  return { files: await readBlobs(repoRoot, entries), repoRoot };
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
  return readBlobs(repoRoot, entries);
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

/** Read many blobs with a single `git cat-file --batch` process. */
async function readBlobs(repoRoot: string, entries: IndexEntry[]): Promise<StagedFile[]> {
  if (entries.length === 0) return [];
  const objects = await readObjects(repoRoot, entries.map((e) => e.sha)).catch((err: unknown) => {
    const entry = err instanceof MissingObjectError && entries.find((e) => e.sha === err.id);
    throw entry ? new Error(`git cat-file: object ${entry.sha} for ${entry.path} is missing`) : err;
  });
  const files: StagedFile[] = [];
  for (const entry of entries) {
    const object = objects.get(entry.sha);
    if (object?.type === 'blob') files.push({ path: entry.path, content: object.data, mode: entry.mode });
  }
  return files;
}
