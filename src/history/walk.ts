// The first phase of a history scan: the log of every revision, each new (blob, path kind) and each
// new commit message scanned once as it comes, and every value found looked for in every text blob.
import { createHash } from 'node:crypto';
import { BlobReader, type BlobContent } from './blob-reader.js';
import { CommitGraph } from './graph.js';
import { streamLog, type LogCommit, type LogEntry } from './log-stream.js';
import { exactPathKind, isLineOriented } from './path-kind.js';
import { NovelLines } from './novel-lines.js';
import { ValueSearch, type Occurrence } from './value-search.js';
import type { BlobFinding, BlobScanError, BlobScanResult, HistoryOptions, HistoryProgress } from './types.js';
import { decodeText } from '../source/content.js';

export const DEFAULT_MAX_BLOB_SIZE = 32 * 1024 * 1024;
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

export type Skipped = { binary: number; large: number; missing: number };

/** What the walk found, read by the later phases (src/history/scan-history.ts). */
export class HistoryWalk {
  readonly graph = new CommitGraph();
  /** Per path id, its path kind (see HistoryOptions.pathKind). */
  readonly pathKinds: string[] = [];
  /** "blob\0kind" -> non-empty findings. */
  readonly blobFindings = new Map<string, BlobFinding[]>();
  readonly messageFindings = new Map<number, BlobFinding[]>();
  readonly skipped = new Map<string, Skipped>();
  // What could not be analysed, by blob key (or message digest); named with a commit once the walk is done.
  readonly blobErrors = new Map<string, { path: string; errors: BlobScanError[] }>();
  readonly messageErrors = new Map<string, { sha: string; errors: BlobScanError[] }>();
  readonly progress: HistoryProgress = { objects: 0, bytes: 0, findings: 0, queued: 0, listed: false };
  // Every found value is looked for in every text blob; checked: how many values a blob was searched for.
  readonly search = new ValueSearch();
  readonly checked = new Map<string, number>();
  readonly contained = new Map<string, Occurrence[]>();
  readonly signatures = new Map<string, Uint8Array>();
  readonly kindOf: (path: string) => string;

  private readonly requested = new Set<string>();
  private readonly messageCache = new Map<string, BlobFinding[]>();
  private readonly novelLines: NovelLines;
  private readonly novelLinesMinSize: number;
  // With a remote scanner, up to IN_FLIGHT plain blobs are scanned at once, finished in the order
  // read; two versions at one path kind never overlap (each is prepared once the one before is complete).
  private readonly inFlight: Promise<void>[] = [];
  private readonly kindDone = new Map<string, Promise<void>>();
  // Data files and templates (few, small) are read by a reader of their own, so that their values are
  // known early: a blob read before a value was found must be read again to look for it.
  private readonly reader: BlobReader<BlobRequest>;
  private readonly early: BlobReader<BlobRequest>;

  constructor(
    private readonly root: string,
    private readonly opts: HistoryOptions,
  ) {
    // A tree analysis needs every (blob, path) the scanner saw: a coarser kind would hide paths from it.
    this.kindOf = opts.tree ? exactPathKind : (opts.pathKind ?? exactPathKind);
    this.novelLines = new NovelLines(opts.novelLinesContext);
    this.novelLinesMinSize = opts.novelLinesMinSize ?? DEFAULT_NOVEL_LINES_MIN_SIZE;
    this.reader = new BlobReader<BlobRequest>(root, opts.maxBlobSize ?? DEFAULT_MAX_BLOB_SIZE, (req, content) => this.onBlob(req, content));
    this.early = new BlobReader<BlobRequest>(root, opts.maxBlobSize ?? DEFAULT_MAX_BLOB_SIZE, (req, content) => this.onBlob(req, content));
  }

  /** The path kind of a path id. */
  kindAt(p: number): string {
    return (this.pathKinds[p] ??= this.kindOf(this.graph.paths[p]!));
  }

  /** Walks the log of `revisions` to its end, every blob and message scanned; the graph is sealed. */
  async run(revisions: string[]): Promise<void> {
    let logError: unknown;
    try {
      await streamLog(this.root, revisions, { onCommit: (c) => this.onCommit(c), onEntry: (e) => this.onEntry(e) });
    } catch (err) {
      logError = err;
    }
    this.progress.listed = true;
    await Promise.all([this.reader.finish(), this.early.finish()]);
    await Promise.all(this.inFlight);
    if (logError) throw logError;
    this.graph.seal();
  }

  private async onCommit(commit: LogCommit): Promise<void> {
    const { progress, opts } = this;
    const c = this.graph.addCommit(commit.sha, commit.parents);
    const digest = createHash('sha1').update(commit.message).digest('base64');
    let found = this.messageCache.get(digest);
    if (!found) {
      progress.queued++;
      const remote = opts.remote;
      const scanned = await scanSafely(() => (remote ? remote.scan(null, commit.message) : opts.scanner(null, commit.message)));
      found = scanned.findings;
      for (const f of found) this.search.add(f.value);
      progress.findings += found.length;
      if (scanned.errors.length) this.messageErrors.set(digest, { sha: commit.sha, errors: scanned.errors });
      this.messageCache.set(digest, found);
      progress.objects++;
      opts.onProgress?.(progress);
    }
    if (found.length) this.messageFindings.set(c, found);
  }

  private onEntry(entry: LogEntry): void {
    const isBlob = entry.dstSha !== null && entry.dstMode !== '160000'; // 160000: submodule commit
    const [p, b] = this.graph.addEntry(entry.path, isBlob ? entry.dstSha : null);
    if (b < 0) return;
    const kind = (this.pathKinds[p] ??= this.kindOf(entry.path));
    const key = `${entry.dstSha}\0${kind}`;
    if (this.requested.has(key)) return;
    this.requested.add(key);
    this.progress.queued++;
    (isLineOriented(entry.path) ? this.reader : this.early).request(entry.dstSha!, { key, kind, path: entry.path, blob: entry.dstSha! });
  }

  private async onBlob(req: BlobRequest, content: BlobContent): Promise<void> {
    const { progress, novelLines } = this;
    if (content.kind !== 'content' || content.data.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      const s = this.skipped.get(req.path) ?? { binary: 0, large: 0, missing: 0 };
      if (content.kind === 'too-large') s.large++;
      else if (content.kind === 'missing') s.missing++;
      else s.binary++;
      this.skipped.set(req.path, s);
      progress.queued--; // not to scan after all
      return;
    }
    progress.objects++;
    progress.bytes += content.data.length;
    // As `scan` reads files: BOM stripped, latin-1 when the bytes are not UTF-8.
    const text = decodeText(content.data);
    if (content.data.length >= this.novelLinesMinSize && isLineOriented(req.path)) {
      const remote = this.opts.remote;
      if (remote) {
        await this.kindDone.get(req.kind);
        const prepared = novelLines.prepare(req.kind, text, content.data);
        const scans = [...novelLines.pieces(prepared)].map((piece) => scanSafely(() => remote.scan(req.path, piece)));
        // prepare() reuses its arrays for the next blob: this one keeps its own.
        const own = { ...prepared, hashes: prepared.hashes.slice(), keep: null };
        const before = this.inFlight[this.inFlight.length - 1];
        const done = Promise.all(scans).then(async (results) => {
          await before;
          const found = novelLines.complete(req.kind, own, results.flatMap((r) => r.findings));
          this.record(req, content, text, found, results.flatMap((r) => r.errors));
        });
        done.catch(() => undefined); // its failure is raised where it is awaited (below, or at the end)
        this.kindDone.set(req.kind, done);
        this.inFlight.push(done);
        if (this.inFlight.length >= IN_FLIGHT) await this.inFlight.shift();
        return;
      }
      const prepared = novelLines.prepare(req.kind, text, content.data);
      const found: BlobFinding[] = [];
      const errors: BlobScanError[] = [];
      for (const piece of novelLines.pieces(prepared)) {
        const r = await scanSafely(() => this.opts.scanner(req.path, piece));
        found.push(...r.findings);
        errors.push(...r.errors);
      }
      this.record(req, content, text, novelLines.complete(req.kind, prepared, found), errors);
    } else {
      const { findings, errors } = await scanSafely(() => this.opts.scanner(req.path, text, req.blob));
      this.record(req, content, text, findings, errors);
    }
  }

  /** What a blob's scan gives: its findings kept, its values looked for in it and in every later blob. */
  private record(req: BlobRequest, content: Extract<BlobContent, { kind: 'content' }>, text: string, scanned: BlobFinding[], errors: BlobScanError[]): void {
    const { search, progress, opts } = this;
    let found = scanned;
    for (const f of found) search.add(f.value);
    const occurrences = search.find(content.data, () => text);
    if (occurrences.length) this.contained.set(req.key, occurrences);
    this.checked.set(req.key, search.size);
    const signature = search.signature(content.data);
    if (signature) this.signatures.set(req.key, signature);
    // The tree analysis gives these, judged with the rest of each tree.
    const tree = opts.tree;
    if (tree) found = found.filter((f) => !tree.replaces(f));
    if (found.length) {
      this.blobFindings.set(req.key, found);
      progress.findings += found.length;
    }
    if (errors.length) this.blobErrors.set(req.key, { path: req.path, errors });
    opts.onProgress?.(progress);
  }
}

/** Runs the scanner; a thrown error counts as one error for the whole blob (its findings are lost). */
export async function scanSafely(scan: () => Promise<BlobScanResult>): Promise<{ findings: BlobFinding[]; errors: BlobScanError[] }> {
  try {
    const r = await scan();
    return Array.isArray(r) ? { findings: r, errors: [] } : { findings: r.findings, errors: r.errors ?? [] };
  } catch (err) {
    return { findings: [], errors: [{ message: `could not scan: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}
