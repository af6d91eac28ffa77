import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fingerprint } from '../fingerprint.js';
import { isBareRepository, workTreeOf } from '../git/repo.js';
import { git, tryGit } from '../git/run.js';
import type { AnalysisError, CommitInfo, Finding, Note, ScanResult } from '../model.js';
import { scrub } from '../report/redact.js';
import { BlobReader } from './blob-reader.js';
import { mapToCommits, type Aggregate, type Hit } from './containment.js';
import type { CommitGraph } from './graph.js';
import { analyseTrees } from './trees.js';
import { collectTips, tagMessages, type Tip } from './refs.js';
import { NotARepositoryError, UnknownRevisionError, type BlobFinding, type BlobScanError, type BlobScanner, type HistoryOptions, type TreeAnalyser } from './types.js';
import { decodeText } from '../source/content.js';
import { DEFAULT_MAX_BLOB_SIZE, HistoryWalk, scanSafely, type Skipped } from './walk.js';

/**
 * Every distinct secret that any commit reachable from any ref (or, with `since`, any commit in
 * SINCE..HEAD) holds in a file or its message. Each unique (blob, path kind) and each unique message is
 * scanned once; findings are mapped back to commits only for the blobs that have them.
 */
export async function scanHistory(repoDir: string, opts: HistoryOptions): Promise<ScanResult> {
  const root = await repositoryRoot(repoDir);
  const result: ScanResult = { command: 'history', root, variables: [], findings: [], errors: [], notes: [] };
  if ((await tryGit(root, ['rev-parse', '--is-shallow-repository'], { offline: true }))?.trim() === 'true') result.incompleteHistory = true;
  const { tips, head } = await collectTips(root);
  const revisions = await revisionsToWalk(root, opts.since, tips, head);
  if (revisions.length === 0) return result;

  // 1. The log: every new blob and message scanned once, every found value looked for everywhere.
  const walk = new HistoryWalk(root, opts);
  await walk.run(revisions);
  const headIdx = head ? walk.graph.index.get(head) ?? -1 : -1;
  // 2. The data variables, tree by tree.
  if (opts.tree) await judgeTrees(walk, opts.tree, headIdx, opts, result);
  // 3. Annotated tag messages (not with --since: a tag is not part of a commit range).
  const tags = opts.since === undefined ? await scanTagMessages(root, walk, opts.scanner, result) : [];
  // 4. Blobs read before some value was found, searched again for the values found since.
  await searchAgain(root, walk, opts.maxBlobSize ?? DEFAULT_MAX_BLOB_SIZE);
  // 5. Distinct values, and what each (path, blob), message and tag holds.
  const hits = collectHits(walk, tags);
  // 6. Each value placed in time: introduced, last, at HEAD, paths, refs.
  const aggregates = await placeInTime(root, walk.graph, hits, tips, headIdx, opts.since !== undefined);
  // 7. The findings, then what could not be scanned.
  result.findings = await findingsOf(root, walk.graph, hits, aggregates);
  await reportProblems(root, walk, result);
  return result;
}

/** The tips to walk from, and with `since` the commit to stop at. */
async function revisionsToWalk(root: string, since: string | undefined, tips: Tip[], head: string | null): Promise<string[]> {
  if (since === undefined) return [...new Set(tips.map((t) => t.commit))];
  const stop = (await tryGit(root, ['rev-parse', '--verify', '-q', '--end-of-options', `${since}^{commit}`], { offline: true }))?.trim();
  if (!stop) throw new UnknownRevisionError(since);
  return head ? [head, `^${stop}`] : [];
}

/** Variables and their findings, tree by tree; a finding joins those of the blob that holds it. */
async function judgeTrees(walk: HistoryWalk, tree: TreeAnalyser, headIdx: number, opts: HistoryOptions, result: ScanResult): Promise<void> {
  const { graph, progress } = walk;
  const trees = await analyseTrees(graph, tree, headIdx, (done, total) => {
    progress.trees = { done, total };
    opts.onProgress?.(progress);
  });
  result.variables = trees.variables;
  result.errors.push(...trees.errors);
  for (const { path, blob, finding } of trees.findings) {
    const key = `${graph.blobs[blob]}\0${walk.kindAt(path)}`;
    const list = walk.blobFindings.get(key) ?? [];
    list.push(finding);
    walk.blobFindings.set(key, list);
    walk.search.add(finding.value);
  }
}

interface TagFindings {
  name: string;
  commit: number;
  found: BlobFinding[];
}

async function scanTagMessages(root: string, walk: HistoryWalk, scanner: BlobScanner, result: ScanResult): Promise<TagFindings[]> {
  const out: TagFindings[] = [];
  for (const tag of await tagMessages(root)) {
    const c = walk.graph.index.get(tag.commit);
    if (c === undefined) continue;
    const scanned = await scanSafely(() => scanner(null, tag.message));
    for (const e of scanned.errors) result.errors.push({ file: `message of tag ${tag.name}`, message: e.message });
    for (const f of scanned.findings) walk.search.add(f.value);
    if (scanned.findings.length) out.push({ name: tag.name, commit: c, found: scanned.findings });
  }
  return out;
}

async function searchAgain(root: string, walk: HistoryWalk, maxBlobSize: number): Promise<void> {
  const { search, signatures, contained } = walk;
  const stale = [...walk.checked].filter(([key, n]) => {
    if (n >= search.size) return false;
    const signature = signatures.get(key);
    return !signature || search.mayHold(signature, n);
  });
  signatures.clear();
  if (stale.length === 0) return;
  const again = new BlobReader<{ key: string; from: number }>(root, maxBlobSize, async (req, content) => {
    if (content.kind !== 'content') return;
    const occurrences = search.find(content.data, () => decodeText(content.data), req.from);
    if (occurrences.length) contained.set(req.key, [...(contained.get(req.key) ?? []), ...occurrences]);
  });
  for (const [key, from] of stale) again.request(key.slice(0, key.indexOf('\0')), { key, from });
  await again.finish();
}

/**
 * Distinct secret VALUES get small ids (INTERFACE.md: each distinct value is one finding, even
 * when two rules see it, e.g. an AWS key id as a data variable and as a provider pattern); the
 * fingerprint uses the rule of the value's first sighting. Hits are what each (path, blob) /
 * message / tag holds.
 */
interface Hits {
  fids: Map<string, number>;
  fingerprints: string[];
  firstFinding: BlobFinding[];
  /** A value that is an error anywhere (a checksummed token in a vendored file and in a dotfile) is an error. */
  errorFids: Set<number>;
  pairHits: Map<number, Map<number, Hit[]>>;
  messageHits: Map<number, Hit[]>;
  tagHits: Array<{ name: string; commit: number; hits: Hit[] }>;
}

function collectHits(walk: HistoryWalk, tags: TagFindings[]): Hits {
  const { graph, pathKinds, blobFindings, contained } = walk;
  const h: Hits = { fids: new Map(), fingerprints: [], firstFinding: [], errorFids: new Set(), pairHits: new Map(), messageHits: new Map(), tagHits: [] };
  const { fids, fingerprints, firstFinding, errorFids, pairHits } = h;
  const toHits = (found: BlobFinding[]): Hit[] =>
    found.map((f) => {
      let fid = fids.get(f.value);
      if (fid === undefined) {
        fid = fingerprints.length;
        fids.set(f.value, fid);
        fingerprints.push(fingerprint(f.rule, f.value));
        firstFinding.push(f);
      }
      if (f.severity === 'error') errorFids.add(fid);
      return { fid, finding: f };
    });
  const hitCache = new Map<string, Hit[]>();
  for (let e = 0; e < graph.entryPath.length; e++) {
    const b = graph.entryBlob[e]!;
    if (b < 0) continue;
    const p = graph.entryPath[e]!;
    const key = `${graph.blobs[b]}\0${pathKinds[p]}`;
    const found = blobFindings.get(key);
    if (!found) continue;
    let hits = hitCache.get(key);
    if (!hits) hitCache.set(key, (hits = toHits(found)));
    let byBlob = pairHits.get(p);
    if (!byBlob) pairHits.set(p, (byBlob = new Map()));
    byBlob.set(b, hits);
  }
  for (const [c, found] of walk.messageFindings) h.messageHits.set(c, toHits(found));
  h.tagHits = tags.map(({ name, commit, found }) => ({ name, commit, hits: toHits(found) }));
  // Where a value sits that no rule saw there: the same secret, held at that path too.
  for (let e = 0; e < graph.entryPath.length; e++) {
    const b = graph.entryBlob[e]!;
    if (b < 0) continue;
    const p = graph.entryPath[e]!;
    const occurrences = contained.get(`${graph.blobs[b]}\0${pathKinds[p]}`);
    if (!occurrences) continue;
    const strong = pairHits.get(p)?.get(b) ?? [];
    const weak: Hit[] = [];
    for (const o of occurrences) {
      const fid = fids.get(o.value);
      if (fid === undefined || strong.some((x) => x.fid === fid) || weak.some((x) => x.fid === fid)) continue;
      const { rule, severity } = firstFinding[fid]!;
      weak.push({ fid, weak: true, finding: { rule, severity, line: o.line, column: o.column, endLine: o.endLine, endColumn: o.endColumn, value: o.value, variable: null } });
    }
    if (weak.length === 0) continue;
    let byBlob = pairHits.get(p);
    if (!byBlob) pairHits.set(p, (byBlob = new Map()));
    byBlob.set(b, [...strong, ...weak]);
  }
  return h;
}

async function placeInTime(root: string, graph: CommitGraph, hits: Hits, allTips: Tip[], headIdx: number, since: boolean): Promise<Aggregate[]> {
  const outsideState = await blobsOutsideWalk(root, graph, [...hits.pairHits.keys()]);
  const tips = (!since ? allTips : allTips.filter((t) => graph.index.has(t.commit))).map((t) => ({
    name: t.name,
    commit: graph.index.get(t.commit)!,
  }));
  if (since && headIdx >= 0 && !tips.some((t) => t.commit === headIdx)) tips.push({ name: 'HEAD', commit: headIdx });
  const aggregates = mapToCommits({ graph, pairHits: hits.pairHits, messageHits: hits.messageHits, fidCount: hits.fingerprints.length, head: headIdx, tips, outsideState });
  // A secret in a tag's message is held by no commit; the tag is its one ref, the tagged commit its place in time.
  for (const { name, commit, hits: tagged } of hits.tagHits) {
    for (const h of tagged) {
      let a = aggregates.find((x) => x.fid === h.fid);
      if (!a) {
        a = { fid: h.fid, introduced: commit, last: commit, commits: 0, atHead: false, paths: new Set(), refs: new Set(), file: null, finding: h.finding };
        aggregates.push(a);
      }
      a.refs.add(name);
    }
  }
  return aggregates;
}

async function findingsOf(root: string, graph: CommitGraph, hits: Hits, aggregates: Aggregate[]): Promise<Finding[]> {
  const { fingerprints, errorFids } = hits;
  const values = aggregates.map((a) => a.finding.value);
  const infos = await commitInfos(root, [...new Set(aggregates.flatMap((a) => [graph.shas[a.introduced]!, graph.shas[a.last]!]))], values);
  aggregates.sort((x, y) => y.introduced - x.introduced || (x.file ?? '').localeCompare(y.file ?? '') || x.finding.line - y.finding.line);
  return aggregates.map((a): Finding => {
    const f = a.finding;
    return {
      fingerprint: fingerprints[a.fid]!,
      rule: f.rule,
      severity: errorFids.has(a.fid) ? 'error' : f.severity,
      ...(f.warningKind !== undefined && !errorFids.has(a.fid) ? { warningKind: f.warningKind } : {}),
      ...(f.message !== undefined ? { message: f.message } : {}),
      file: a.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      value: f.value,
      variable: f.variable,
      history: {
        introduced: infos.get(graph.shas[a.introduced]!)!,
        last: infos.get(graph.shas[a.last]!)!,
        atHead: a.atHead,
        paths: [...a.paths].sort(),
        refs: [...a.refs].sort(),
        commits: a.commits,
      },
    };
  });
}

/** What could not be scanned or analysed: errors named with a commit, notes for what was skipped. */
async function reportProblems(root: string, walk: HistoryWalk, result: ScanResult): Promise<void> {
  const { skipped } = walk;
  result.errors.push(...analysisErrors(walk.graph, walk.pathKinds, walk.blobErrors, walk.messageErrors));
  result.notes = skippedNotes(skipped);
  if ([...skipped.values()].some((s) => s.missing > 0)) {
    result.incompleteHistory = true;
    // A partial clone lacks blobs by design (a note says so); a full clone that lacks one is
    // corrupt, and the missing version could hold a secret: fail closed.
    if (!(await isPartialClone(root))) {
      for (const [file, s] of skipped) {
        if (s.missing) result.errors.push({ file, message: `blob missing from the repository (corrupt object store?): ${s.missing} version${s.missing > 1 ? 's' : ''} not scanned` });
      }
    }
  }
  result.errors.sort((a: AnalysisError, b: AnalysisError) => a.file.localeCompare(b.file));
}

/** Errors as AnalysisErrors at the path, naming the oldest commit that put the blob there. */
function analysisErrors(
  graph: CommitGraph,
  pathKinds: string[],
  blobErrors: Map<string, { path: string; errors: BlobScanError[] }>,
  messageErrors: Map<string, { sha: string; errors: BlobScanError[] }>,
): AnalysisError[] {
  const out: AnalysisError[] = [];
  const oldest = new Map<string, string>();
  if (blobErrors.size) {
    // Entries are in log order (children first): the last match of a key is the oldest commit.
    for (let c = 0; c < graph.size; c++) {
      for (let e = graph.entryStart[c]!; e < graph.entryStart[c + 1]!; e++) {
        const b = graph.entryBlob[e]!;
        if (b < 0) continue;
        const key = `${graph.blobs[b]}\0${pathKinds[graph.entryPath[e]!]}`;
        if (blobErrors.get(key)?.path === graph.paths[graph.entryPath[e]!]) oldest.set(key, graph.shas[c]!);
      }
    }
  }
  const at = (file: string, sha: string | undefined, e: BlobScanError): AnalysisError => ({
    file,
    ...(e.line !== undefined ? { line: e.line } : {}),
    ...(e.column !== undefined ? { column: e.column } : {}),
    message: sha ? `in commit ${sha.slice(0, 12)}: ${e.message}` : e.message,
  });
  for (const [key, { path, errors }] of blobErrors) for (const e of errors) out.push(at(path, oldest.get(key), e));
  for (const { sha, errors } of messageErrors.values()) for (const e of errors) out.push(at(`commit message of ${sha}`, undefined, e));
  return out;
}

async function repositoryRoot(repoDir: string): Promise<string> {
  const dir = resolve(repoDir);
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new NotARepositoryError(dir);
  const top = await workTreeOf(dir);
  if (top) return top;
  // A bare repository has no work tree: its git dir is the root.
  if (await isBareRepository(dir)) {
    return resolve(dir, (await git(dir, ['rev-parse', '--git-dir'])).trim());
  }
  throw new NotARepositoryError(dir);
}

/** For --since: what the first parents just outside SINCE..HEAD hold at the paths that have findings. */
async function blobsOutsideWalk(root: string, graph: CommitGraph, pathIds: number[]): Promise<Map<string, Map<number, number>>> {
  const out = new Map<string, Map<number, number>>();
  if (pathIds.length === 0) return out;
  const pathId = new Map(pathIds.map((p) => [graph.paths[p]!, p]));
  for (let c = 0; c < graph.size; c++) {
    const sha = graph.outsideFirstParent(c);
    if (!sha || out.has(sha)) continue;
    const listing = await git(root, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', sha, '--', ...pathId.keys()], { offline: true });
    const blobs = new Map<number, number>();
    for (const line of listing.split('\0')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const [, type, blob] = line.slice(0, tab).split(' ');
      const p = pathId.get(line.slice(tab + 1));
      const b = type === 'blob' ? graph.blobId(blob!) : undefined;
      if (p !== undefined && b !== undefined) blobs.set(p, b);
    }
    out.set(sha, blobs);
  }
  return out;
}

/** Author, date and subject of the given commits; subjects have any found secret redacted. */
async function commitInfos(root: string, shas: string[], secrets: string[]): Promise<Map<string, CommitInfo>> {
  const infos = new Map<string, CommitInfo>();
  if (shas.length === 0) return infos;
  const out = await git(root, ['log', '--no-walk=unsorted', '--stdin', '-z', '--format=%H%x00%an <%ae>%x00%aI%x00%s'], { offline: true, input: shas.join('\n') + '\n' });
  const t = out.split('\0');
  for (let i = 0; i + 3 < t.length; i += 4) {
    const sha = t[i]!.replace(/^\n/, '');
    infos.set(sha, { sha, author: t[i + 1]!, date: t[i + 2]!, subject: scrub(t[i + 3]!, secrets) });
  }
  for (const sha of shas) if (!infos.has(sha)) infos.set(sha, { sha, author: '', date: '', subject: '' });
  return infos;
}

function skippedNotes(skipped: Map<string, Skipped>): Note[] {
  const notes: Note[] = [];
  for (const [file, s] of [...skipped].sort(([a], [b]) => a.localeCompare(b))) {
    if (s.binary) notes.push({ file, message: `binary content not scanned (${s.binary} version${s.binary > 1 ? 's' : ''})` });
    if (s.large) notes.push({ file, message: `larger than the size limit, not scanned (${s.large} version${s.large > 1 ? 's' : ''})` });
    if (s.missing) notes.push({ file, message: `blob missing from this clone, not scanned (${s.missing} version${s.missing > 1 ? 's' : ''})` });
  }
  return notes;
}

/** A partial clone (`git clone --filter=…`) records its promisor remote in extensions.partialClone. */
async function isPartialClone(root: string): Promise<boolean> {
  const value = await tryGit(root, ['config', '--get', 'extensions.partialclone'], { offline: true });
  return Boolean(value?.trim());
}

