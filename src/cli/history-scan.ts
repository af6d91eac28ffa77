// The one history scan of the CLI: `history`, `purge` and `baseline create --history` must see
// the same findings, so they run the same scanner with the same configuration, the same way.
import type { ScanResult } from '../model.js';
import type { HistoryProgress } from '../history/index.js';
import { UsageError } from './options.js';

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
  const { scanner, tree, errors, strictReview } = await defaultBlobScanner(dir, opts.configPath, { reviewFindings: opts.reviewFindings });
  let result: ScanResult;
  try {
    result = await scanHistory(dir, { scanner, tree, since: opts.since, onProgress: opts.onProgress });
  } catch (err) {
    // Not a repository, an unknown --since: the user's mistake, said in one line (exit 2).
    if (err instanceof NotARepositoryError || err instanceof UnknownRevisionError) throw new UsageError(err.message);
    throw err;
  }
  result.errors.unshift(...errors);
  if (strictReview) result.strictReview = true;
  return result;
}
