import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fingerprint } from '../fingerprint.js';
import { isBareRepository, workTreeOf } from '../git/repo.js';
import { git, tryGit } from '../git/run.js';
import type { AnalysisError, CommitInfo, Finding, Note, ScanResult } from '../model.js';
import { scrub } from '../report/redact.js';
import { BlobReader, type BlobContent } from './blob-reader.js';
import { mapToCommits, type Hit } from './containment.js';
import { CommitGraph } from './graph.js';
import { streamLog } from './log-stream.js';
import { exactPathKind, isLineOriented } from './path-kind.js';
import { NovelLines } from './novel-lines.js';
import { analyseTrees } from './trees.js';
import { ValueSearch, type Occurrence } from './value-search.js';
import { collectTips, tagMessages } from './refs.js';
import { NotARepositoryError, UnknownRevisionError, type BlobFinding, type BlobScanError, type BlobScanResult, type HistoryOptions, type HistoryProgress } from './types.js';
import { decodeText } from '../source/content.js';

const DEFAULT_MAX_BLOB_SIZE = 32 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8000; // as git's own buffer_is_binary()

/** Plain-text blobs are scanned only around the lines earlier versions did not have (see NovelLines). */
const DEFAULT_NOVEL_LINES_MIN_SIZE = 0;

/** Plain blobs handed to a remote scanner before the oldest must be finished (bounds memory). */
const IN_FLIGHT = 16;

interface BlobRequest {
  key: string;
  kind: string;
  path: string;
  blob: string;
}

/**
 * Every distinct secret that any commit reachable from any ref (or, with `since`, any commit in
 * SINCE..HEAD) holds in a file or its message. Each unique (blob, path kind) and each unique message is
 * scanned once; findings are mapped back to commits only for the blobs that have them.
 */
export async function scanHistory(repoDir: string, opts: HistoryOptions): Promise<ScanResult> {
  const root = await repositoryRoot(repoDir);
  const result: ScanResult = { command: 'history', root, variables: [], findings: [], errors: [], notes: [] };
  if ((await tryGit(root, ['rev-parse', '--is-shallow-repository'], { offline: true }))?.trim() === 'true') result.incompleteHistory = true;

  const { tips: allTips, head } = await collectTips(root);
  let revisions: string[];
  if (opts.since !== undefined) {
    const since = (await tryGit(root, ['rev-parse', '--verify', '-q', '--end-of-options', `${opts.since}^{commit}`], { offline: true }))?.trim();
    if (!since) throw new UnknownRevisionError(opts.since);
    revisions = head ? [head, `^${since}`] : [];
  } else {
    revisions = [...new Set(allTips.map((t) => t.commit))];
  }
  if (revisions.length === 0) return result;

  const scanner = opts.scanner;
  const tree = opts.tree;
  // A tree analysis needs every (blob, path) the scanner saw: a coarser kind would hide paths from it.
  const kindOf = tree ? exactPathKind : (opts.pathKind ?? exactPathKind);
  const graph = new CommitGraph();
  const pathKinds: string[] = [];
  const requested = new Set<string>();
  const blobFindings = new Map<string, BlobFinding[]>(); // "blob\0kind" -> non-empty findings
  const messageFindings = new Map<number, BlobFinding[]>();
  const messageCache = new Map<string, BlobFinding[]>();
  const skipped = new Map<string, { binary: number; large: number; missing: number }>();
  // What could not be analysed, by blob key (or message digest); named with a commit once the walk is done.
  const blobErrors = new Map<string, { path: string; errors: BlobScanError[] }>();
  const messageErrors = new Map<string, { sha: string; errors: BlobScanError[] }>();
  const progress: HistoryProgress = { objects: 0, bytes: 0, findings: 0, queued: 0, listed: false };
  const novelLines = new NovelLines(opts.novelLinesContext);
  // Every found value is looked for in every text blob; checked: how many values a blob was searched for.
  const search = new ValueSearch();
  const checked = new Map<string, number>();
  const contained = new Map<string, Occurrence[]>();
  const signatures = new Map<string, Uint8Array>();
  const novelLinesMinSize = opts.novelLinesMinSize ?? DEFAULT_NOVEL_LINES_MIN_SIZE;

  const remote = opts.remote;
  // With a remote scanner, up to IN_FLIGHT plain blobs are scanned at once, finished in the order
  // read; two versions at one path kind never overlap (each is prepared once the one before is complete).
  const inFlight: Promise<void>[] = [];
  const kindDone = new Map<string, Promise<void>>();
  const onBlob = async (req: BlobRequest, content: BlobContent) => {
    if (content.kind !== 'content' || content.data.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      const s = skipped.get(req.path) ?? { binary: 0, large: 0, missing: 0 };
      if (content.kind === 'too-large') s.large++;
      else if (content.kind === 'missing') s.missing++;
      else s.binary++;
      skipped.set(req.path, s);
      progress.queued--; // not to scan after all
      return;
    }
    progress.objects++;
    progress.bytes += content.data.length;
    // As `scan` reads files: BOM stripped, latin-1 when the bytes are not UTF-8.
    const text = decodeText(content.data);
    if (content.data.length >= novelLinesMinSize && isLineOriented(req.path)) {
      if (remote) {
        await kindDone.get(req.kind);
        const prepared = novelLines.prepare(req.kind, text, content.data);
        const scans = [...novelLines.pieces(prepared)].map((piece) => scanSafely(() => remote.scan(req.path, piece)));
        // prepare() reuses its arrays for the next blob: this one keeps its own.
        const own = { ...prepared, hashes: prepared.hashes.slice(), keep: null };
        const before = inFlight[inFlight.length - 1];
        const done = Promise.all(scans).then(async (results) => {
          await before;
          const found = novelLines.complete(req.kind, own, results.flatMap((r) => r.findings));
          record(req, content, text, found, results.flatMap((r) => r.errors));
        });
        done.catch(() => undefined); // its failure is raised where it is awaited (below, or at the end)
        kindDone.set(req.kind, done);
        inFlight.push(done);
        if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
        return;
      }
      const prepared = novelLines.prepare(req.kind, text, content.data);
      const found: BlobFinding[] = [];
      const errors: BlobScanError[] = [];
      for (const piece of novelLines.pieces(prepared)) {
        const r = await scanSafely(() => scanner(req.path, piece));
        found.push(...r.findings);
        errors.push(...r.errors);
      }
      record(req, content, text, novelLines.complete(req.kind, prepared, found), errors);
    } else {
      const { findings, errors } = await scanSafely(() => scanner(req.path, text, req.blob));
      record(req, content, text, findings, errors);
    }
  };
  /** What a blob's scan gives: its findings kept, its values looked for in it and in every later blob. */
  const record = (req: BlobRequest, content: Extract<BlobContent, { kind: 'content' }>, text: string, scanned: BlobFinding[], errors: BlobScanError[]) => {
    let found = scanned;
    for (const f of found) search.add(f.value);
    const occurrences = search.find(content.data, () => text);
    if (occurrences.length) contained.set(req.key, occurrences);
    checked.set(req.key, search.size);
    const signature = search.signature(content.data);
    if (signature) signatures.set(req.key, signature);
    // The tree analysis gives these, judged with the rest of each tree.
    if (tree) found = found.filter((f) => !tree.replaces(f));
    if (found.length) {
      blobFindings.set(req.key, found);
      progress.findings += found.length;
    }
    if (errors.length) blobErrors.set(req.key, { path: req.path, errors });
    opts.onProgress?.(progress);
  };
  // Data files and templates (few, small) are read by a reader of their own, so that their values are
  // known early: a blob read before a value was found must be read again to look for it.
  const reader = new BlobReader<BlobRequest>(root, opts.maxBlobSize ?? DEFAULT_MAX_BLOB_SIZE, onBlob);
  const early = new BlobReader<BlobRequest>(root, opts.maxBlobSize ?? DEFAULT_MAX_BLOB_SIZE, onBlob);

  let logError: unknown;
  try {
    await streamLog(root, revisions, {
      onCommit: async (commit) => {
        const c = graph.addCommit(commit.sha, commit.parents);
        const digest = createHash('sha1').update(commit.message).digest('base64');
        let found = messageCache.get(digest);
        if (!found) {
          progress.queued++;
          const scanned = await scanSafely(() => (remote ? remote.scan(null, commit.message) : scanner(null, commit.message)));
          found = scanned.findings;
          for (const f of found) search.add(f.value);
          progress.findings += found.length;
          if (scanned.errors.length) messageErrors.set(digest, { sha: commit.sha, errors: scanned.errors });
          messageCache.set(digest, found);
          progress.objects++;
          opts.onProgress?.(progress);
        }
        if (found.length) messageFindings.set(c, found);
      },
      onEntry: (entry) => {
        const isBlob = entry.dstSha !== null && entry.dstMode !== '160000'; // 160000: submodule commit
        const [p, b] = graph.addEntry(entry.path, isBlob ? entry.dstSha : null);
        if (b < 0) return;
        const kind = (pathKinds[p] ??= kindOf(entry.path));
        const key = `${entry.dstSha}\0${kind}`;
        if (requested.has(key)) return;
        requested.add(key);
        progress.queued++;
        (isLineOriented(entry.path) ? reader : early).request(entry.dstSha!, { key, kind, path: entry.path, blob: entry.dstSha! });
      },
    });
  } catch (err) {
    logError = err;
  }
  progress.listed = true;
  await Promise.all([reader.finish(), early.finish()]);
  await Promise.all(inFlight);
  if (logError) throw logError;
  graph.seal();

  if (tree) {
    // Variables and their findings, tree by tree; a finding joins those of the blob that holds it.
    const trees = await analyseTrees(graph, tree, head ? graph.index.get(head) ?? -1 : -1, (done, total) => {
      progress.trees = { done, total };
      opts.onProgress?.(progress);
    });
    result.variables = trees.variables;
    result.errors.push(...trees.errors);
    for (const { path, blob, finding } of trees.findings) {
      const key = `${graph.blobs[blob]}\0${(pathKinds[path] ??= kindOf(graph.paths[path]!))}`;
      const list = blobFindings.get(key) ?? [];
      list.push(finding);
      blobFindings.set(key, list);
      search.add(finding.value);
    }
  }
  // Annotated tag messages (not with --since: a tag is not part of a commit range).
  const tagFindings: { name: string; commit: number; found: BlobFinding[] }[] = [];
  if (opts.since === undefined) {
    for (const tag of await tagMessages(root)) {
      const c = graph.index.get(tag.commit);
      if (c === undefined) continue;
      const scanned = await scanSafely(() => scanner(null, tag.message));
      for (const e of scanned.errors) result.errors.push({ file: `message of tag ${tag.name}`, message: e.message });
      for (const f of scanned.findings) search.add(f.value);
      if (scanned.findings.length) tagFindings.push({ name: tag.name, commit: c, found: scanned.findings });
    }
  }
  // Blobs read before some value was found are searched again for the values found since.
  const stale = [...checked].filter(([key, n]) => {
    if (n >= search.size) return false;
    const signature = signatures.get(key);
    return !signature || search.mayHold(signature, n);
  });
  signatures.clear();
  if (stale.length) {
    const again = new BlobReader<{ key: string; from: number }>(root, opts.maxBlobSize ?? DEFAULT_MAX_BLOB_SIZE, async (req, content) => {
      if (content.kind !== 'content') return;
      const occurrences = search.find(content.data, () => decodeText(content.data), req.from);
      if (occurrences.length) contained.set(req.key, [...(contained.get(req.key) ?? []), ...occurrences]);
    });
    for (const [key, from] of stale) again.request(key.slice(0, key.indexOf('\0')), { key, from });
    await again.finish();
  }

  // Distinct secret VALUES get small ids (INTERFACE.md: each distinct value is one finding, even
  // when two rules see it, e.g. an AWS key id as a data variable and as a provider pattern); the
  // fingerprint uses the rule of the value's first sighting. Hits are what each (path, blob) /
  // message holds.
  const fids = new Map<string, number>();
  const fingerprints: string[] = [];
  const firstFinding: BlobFinding[] = [];
  // A value that is an error anywhere (a checksummed token in a vendored file and in a dotfile) is an error.
  const errorFids = new Set<number>();
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
  const pairHits = new Map<number, Map<number, Hit[]>>();
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
  const messageHits = new Map<number, Hit[]>();
  for (const [c, found] of messageFindings) messageHits.set(c, toHits(found));
  const tagHits = tagFindings.map(({ name, commit, found }) => ({ name, commit, hits: toHits(found) }));
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
      if (fid === undefined || strong.some((h) => h.fid === fid) || weak.some((h) => h.fid === fid)) continue;
      const { rule, severity } = firstFinding[fid]!;
      weak.push({ fid, weak: true, finding: { rule, severity, line: o.line, column: o.column, endLine: o.endLine, endColumn: o.endColumn, value: o.value, variable: null } });
    }
    if (weak.length === 0) continue;
    let byBlob = pairHits.get(p);
    if (!byBlob) pairHits.set(p, (byBlob = new Map()));
    byBlob.set(b, [...strong, ...weak]);
  }

  const outsideState = await blobsOutsideWalk(root, graph, [...pairHits.keys()]);
  const headIdx = head ? graph.index.get(head) ?? -1 : -1;
  const tips = (opts.since === undefined ? allTips : allTips.filter((t) => graph.index.has(t.commit))).map((t) => ({
    name: t.name,
    commit: graph.index.get(t.commit)!,
  }));
  if (opts.since !== undefined && headIdx >= 0 && !tips.some((t) => t.commit === headIdx)) tips.push({ name: 'HEAD', commit: headIdx });
  const aggregates = mapToCommits({ graph, pairHits, messageHits, fidCount: fingerprints.length, head: headIdx, tips, outsideState });
  // A secret in a tag's message is held by no commit; the tag is its one ref, the tagged commit its place in time.
  for (const { name, commit, hits } of tagHits) {
    for (const h of hits) {
      let a = aggregates.find((x) => x.fid === h.fid);
      if (!a) {
        a = { fid: h.fid, introduced: commit, last: commit, commits: 0, atHead: false, paths: new Set(), refs: new Set(), file: null, finding: h.finding };
        aggregates.push(a);
      }
      a.refs.add(name);
    }
  }

  const values = aggregates.map((a) => a.finding.value);
  const infos = await commitInfos(root, [...new Set(aggregates.flatMap((a) => [graph.shas[a.introduced]!, graph.shas[a.last]!]))], values);
  aggregates.sort((x, y) => y.introduced - x.introduced || (x.file ?? '').localeCompare(y.file ?? '') || x.finding.line - y.finding.line);
  result.findings = aggregates.map((a): Finding => {
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
  result.errors.push(...analysisErrors(graph, pathKinds, blobErrors, messageErrors));
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
  return result;
}

/** Runs the scanner; a thrown error counts as one error for the whole blob (its findings are lost). */
async function scanSafely(scan: () => Promise<BlobScanResult>): Promise<{ findings: BlobFinding[]; errors: BlobScanError[] }> {
  try {
    const r = await scan();
    return Array.isArray(r) ? { findings: r, errors: [] } : { findings: r.findings, errors: r.errors ?? [] };
  } catch (err) {
    return { findings: [], errors: [{ message: `could not scan: ${err instanceof Error ? err.message : String(err)}` }] };
  }
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

function skippedNotes(skipped: Map<string, { binary: number; large: number; missing: number }>): Note[] {
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

