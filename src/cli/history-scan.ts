// The one history scan of the CLI: `history`, `purge` and `baseline create --history` must see
// the same findings, so they run the same scanner with the same configuration, the same way.
import type { ScanResult } from '../model.js';
import type { HistoryProgress } from '../history/index.js';
import { UsageError } from './options.js';
import type { RemoteScanner } from '../history/scan-pool.js';
import type { BlobWorkerData } from './blob-worker.js';

export interface HistoryScanOptions {
  configPath?: string;
  since?: string;
  onProgress?: (p: HistoryProgress) => void;
  /** Also a `variable/review` finding per review value (what `purge --include-review` removes). */
  reviewFindings?: boolean;
}

/** Every blob and message any ref reaches, scanned as `scan` scans a file; config errors first. */
export async function scanWholeHistory(dir: string, opts: HistoryScanOptions = {}): Promise<ScanResult> {
  const { scanHistory, NotARepositoryError, UnknownRevisionError } = await import('../history/index.js');
  const { defaultBlobScanner } = await import('../scan/blob.js');
  const { scanner, tree, errors, strictReview, configuration } = await defaultBlobScanner(dir, opts.configPath, { reviewFindings: opts.reviewFindings });
  const remote = await scanThreads(dir, opts);
  let result: ScanResult;
  try {
    result = await scanHistory(dir, { scanner, tree, since: opts.since, onProgress: opts.onProgress, ...(remote ? { remote } : {}) });
  } catch (err) {
    // Not a repository, an unknown --since: the user's mistake, said in one line (exit 2).
    if (err instanceof NotARepositoryError || err instanceof UnknownRevisionError) throw new UsageError(err.message);
    throw err;
  } finally {
    await remote?.close();
  }
  result.errors.unshift(...errors);
  if (strictReview) result.strictReview = true;
  result.configuration = configuration;
  return result;
}

/**
 * Threads for the blob scanner beside this one: from 4 cores, one per core beyond 2 (git and this
 * thread keep two busy), at most 2; CHEZMOI_SOPS_THREADS=N sets the number (0: all in this thread).
 * On 2 cores a scanner thread does not pay: measured on bench/history.sh's repos, 6% faster on the
 * data shape, 7% slower on the plain one, and 70 MB more at the peak.
 */
async function scanThreads(dir: string, opts: HistoryScanOptions): Promise<RemoteScanner | undefined> {
  const { availableParallelism } = await import('node:os');
  const asked = process.env.CHEZMOI_SOPS_THREADS;
  const threads = asked !== undefined && /^\d+$/.test(asked) ? Number(asked) : Math.max(0, Math.min(2, availableParallelism() - 2));
  if (threads <= 0) return undefined;
  const { ScanPool } = await import('../history/scan-pool.js');
  const data: BlobWorkerData = { dir, ...(opts.configPath !== undefined ? { configPath: opts.configPath } : {}), ...(opts.reviewFindings ? { reviewFindings: true } : {}) };
  return new ScanPool(new URL('./blob-worker.js', import.meta.url), data, threads);
}
