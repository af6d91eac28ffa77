import { readdir, readFile, lstat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { catFileBatch, isGitlinkMode, isTreeMode, parseTree, readObjects, type TreeEntry } from '../git/objects.js';
import { gitRaw, lines } from '../git/run.js';
import { escapeForTerminal } from '../report/escape.js';
import { redact } from '../report/redact.js';
import { expectedRewrite, isBinaryForFilterRepo } from './expressions.js';
import { significantLines, textEncodings } from '../text/value-forms.js';
import { SecretMatcher, type Inventory } from './inventory.js';
import { repoPaths } from './plan.js';
import type { PurgeSecret, Remaining } from './types.js';

const MAX_FILE_SCAN = 64 * 1024 * 1024;

function label(secrets: PurgeSecret[], idx: number[]): string {
  return idx.map((i) => `${redact(secrets[i]!.value)} (${secrets[i]!.fingerprint.slice(0, 12)})`).join(', ');
}

/**
 * What verification looks for, on purpose not the rewrite's own patterns (a blind spot there must
 * not be one here): every significant line of the value on its own (16+ characters, trimmed, so
 * however it is indented or split), the whole value when it has no such line, each in every text
 * encoding (as is, escaped, single-quoted) and byte form (UTF-8, ISO-8859-1).
 */
export function verificationPieces(value: string): string[] {
  const lines = significantLines(value);
  const pieces = lines.length ? lines : [value.trim() || value];
  return [...new Set(pieces.flatMap(textEncodings))];
}

/**
 * Is any secret value still in the repository? Reads every object in the object store, reachable
 * or not (`git cat-file --batch-all-objects --batch`), every ref name, and the plain files of .git
 * (reflogs, COMMIT_EDITMSG, rr-cache, config) and of a colocated .jj (its operation log keeps
 * command lines). Details name objects, paths and redacted values only.
 */
export async function verifyPurged(repoDir: string, secrets: PurgeSecret[]): Promise<Remaining[]> {
  const matcher = new SecretMatcher(secrets.map((s) => s.value), verificationPieces);
  const remaining: Remaining[] = [];
  const blobHits: { id: string; hits: number[]; binary: boolean }[] = [];
  await catFileBatch(repoDir, 'all', (o) => {
    const hits = matcher.find(o.data);
    if (!hits.length) return;
    if (o.type === 'blob') blobHits.push({ id: o.id, hits, binary: isBinaryForFilterRepo(o.data) });
    else if (o.type === 'tree') remaining.push({ where: 'object', detail: `tree ${o.id.slice(0, 12)}: a file name contains ${label(secrets, hits)}` });
    else remaining.push({ where: 'message', detail: `${o.type} ${o.id.slice(0, 12)}: its message or header contains ${label(secrets, hits)}` });
  });
  if (blobHits.length) {
    const paths = await blobPaths(repoDir);
    for (const b of blobHits) {
      const where = paths.get(b.id);
      const at = where ? ` (${escapeForTerminal(where)})` : ' (unreachable)';
      const why = b.binary ? '; binary: git-filter-repo does not rewrite files with a NUL byte in their first 8 KiB' : '';
      remaining.push({ where: 'object', detail: `blob ${b.id.slice(0, 12)}${at} contains ${label(secrets, b.hits)}${why}` });
    }
  }
  const refs = lines((await gitRaw(repoDir, ['for-each-ref', '--format=%(refname)%00%(symref)'])).stdout.toString('utf8'));
  for (const r of refs) {
    const hits = matcher.find(Buffer.from(r, 'utf8'));
    if (hits.length) remaining.push({ where: 'ref', detail: `a ref name contains ${label(secrets, hits)}` });
  }
  const { top, gitDir } = await repoPaths(repoDir);
  const dirs = [gitDir];
  if (top && existsSync(join(top, '.jj'))) dirs.push(join(top, '.jj'));
  for (const dir of dirs) {
    for await (const file of plainFiles(dir, join(gitDir, 'objects'))) {
      const hits = matcher.find(await readFile(file));
      if (hits.length) remaining.push({ where: 'file', detail: `${escapeForTerminal(relative(top ?? gitDir, file))} contains ${label(secrets, hits)}` });
    }
  }
  return remaining;
}

async function* plainFiles(dir: string, skip: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (p === skip) continue;
    if (e.isDirectory()) yield* plainFiles(p, skip);
    else if (e.isFile() && (await lstat(p)).size <= MAX_FILE_SCAN) yield p;
  }
}

/** The first path each reachable blob is seen at (`rev-list --objects` prints one). */
async function blobPaths(repoDir: string): Promise<Map<string, string>> {
  const out = await gitRaw(repoDir, ['rev-list', '--objects', '--all']);
  const map = new Map<string, string>();
  for (const l of lines(out.stdout.toString('utf8'))) {
    const sp = l.indexOf(' ');
    if (sp > 0) map.set(l.slice(0, sp), l.slice(sp + 1));
  }
  return map;
}

/** old commit id -> new commit id, from git-filter-repo's `.git/filter-repo/commit-map`. */
export function parseCommitMap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const l of lines(text).slice(1)) {
    const [oldId, newId] = l.trim().split(/\s+/);
    if (oldId && newId) map.set(oldId, newId);
  }
  return map;
}

export interface RewriteCheck {
  problems: string[];
  blobsRewritten: number;
  treesCompared: number;
}

/**
 * Compare every old commit's tree with its rewrite (while the old objects still exist): the same
 * paths and modes everywhere; a blob that held no secret keeps its id (so its bytes); a blob that
 * held one becomes exactly the planned replacement of it. Identical subtrees are skipped by id.
 */
export async function checkRewrite(
  repoDir: string,
  before: Inventory,
  commitMap: Map<string, string>,
  orderedValues: string[],
  replacement: string,
): Promise<RewriteCheck> {
  const problems: string[] = [];
  const newCommits = await readObjects(repoDir, [...before.commits.keys()].map((c) => commitMap.get(c)).filter((c): c is string => !!c));
  let queue: { oldTree: string; newTree: string; path: string; commit: string }[] = [];
  for (const [oldId, c] of before.commits) {
    const newId = commitMap.get(oldId);
    if (!newId || /^0+$/.test(newId)) { problems.push(`commit ${oldId.slice(0, 12)} was dropped by the rewrite`); continue; }
    const data = newCommits.get(newId)?.data;
    if (!data) { problems.push(`rewritten commit ${newId.slice(0, 12)} is missing`); continue; }
    const newTree = data.subarray(5, data.indexOf(0x0a)).toString('latin1');
    queue.push({ oldTree: c.tree, newTree, path: '', commit: oldId });
  }
  const seen = new Set<string>();
  const changedBlobs = new Map<string, { newId: string; path: string; commit: string }>();
  let treesCompared = 0;
  while (queue.length) {
    const level = queue.filter((q) => q.oldTree !== q.newTree && !seen.has(`${q.oldTree}:${q.newTree}`));
    level.forEach((q) => seen.add(`${q.oldTree}:${q.newTree}`));
    const newTrees = await readObjects(repoDir, level.map((q) => q.newTree));
    const next: typeof queue = [];
    for (const q of level) {
      treesCompared++;
      const oldEntries = before.trees.get(q.oldTree);
      const raw = newTrees.get(q.newTree);
      if (!oldEntries || !raw || raw.type !== 'tree') { problems.push(`tree at '${escapeForTerminal(q.path) || '/'}' of commit ${q.commit.slice(0, 12)} could not be compared`); continue; }
      compareEntries(q, oldEntries, parseTree(raw.data), before, changedBlobs, next, problems);
    }
    queue = next;
  }
  // Rewritten blobs: their new bytes must be exactly the planned replacement of the old ones.
  const pairs = [...changedBlobs.entries()];
  const blobs = await readObjects(repoDir, pairs.flatMap(([o, n]) => [o, n.newId]));
  for (const [oldId, n] of pairs) {
    const oldData = blobs.get(oldId)?.data;
    const newData = blobs.get(n.newId)?.data;
    if (!oldData || !newData || !expectedRewrite(oldData, orderedValues, replacement).equals(newData)) {
      problems.push(`'${escapeForTerminal(n.path)}' at commit ${n.commit.slice(0, 12)} was changed beyond the replacement of its secrets`);
    }
  }
  return { problems, blobsRewritten: changedBlobs.size, treesCompared };
}

function compareEntries(
  q: { path: string; commit: string },
  oldEntries: TreeEntry[],
  newEntries: TreeEntry[],
  before: Inventory,
  changedBlobs: Map<string, { newId: string; path: string; commit: string }>,
  next: { oldTree: string; newTree: string; path: string; commit: string }[],
  problems: string[],
): void {
  const at = (name: Buffer) => (q.path ? `${q.path}/` : '') + name.toString('utf8');
  const newByName = new Map(newEntries.map((e) => [e.name.toString('latin1'), e]));
  if (newEntries.length !== oldEntries.length) problems.push(`'${escapeForTerminal(q.path) || '/'}' at commit ${q.commit.slice(0, 12)}: the list of files changed`);
  for (const o of oldEntries) {
    const n = newByName.get(o.name.toString('latin1'));
    const path = at(o.name);
    if (!n || n.mode !== o.mode) { problems.push(`'${escapeForTerminal(path)}' at commit ${q.commit.slice(0, 12)} is missing or changed mode`); continue; }
    if (o.id === n.id) continue;
    if (isTreeMode(o.mode)) next.push({ oldTree: o.id, newTree: n.id, path, commit: q.commit });
    else if (isGitlinkMode(o.mode)) problems.push(`submodule '${escapeForTerminal(path)}' at commit ${q.commit.slice(0, 12)} changed`);
    else {
      const hit = before.blobHits.get(o.id);
      if (!hit || hit.binary) problems.push(`'${escapeForTerminal(path)}' at commit ${q.commit.slice(0, 12)} held no rewritable secret but changed`);
      else {
        const prev = changedBlobs.get(o.id);
        if (prev && prev.newId !== n.id) problems.push(`'${escapeForTerminal(path)}' at commit ${q.commit.slice(0, 12)} was rewritten inconsistently`);
        else changedBlobs.set(o.id, { newId: n.id, path, commit: q.commit });
      }
    }
  }
}
