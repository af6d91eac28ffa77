// A worker thread of `history` (src/history/scan-pool.ts): the repository's blob scanner, made here
// from the same options as the main thread's, answering one request at a time. It sits beside the
// CLI's entry so that the bundle (build/bundle.mjs) and dist/src find it at the same relative path.
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanAnswer, ScanRequest } from '../history/scan-pool.js';
import { defaultBlobScanner } from '../scan/blob.js';

export interface BlobWorkerData {
  dir: string;
  configPath?: string;
  reviewFindings?: boolean;
}

const { dir, configPath, reviewFindings } = workerData as BlobWorkerData;
const ready = defaultBlobScanner(dir, configPath, { reviewFindings });
let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (m: ScanRequest) => {
  queue = queue.then(async () => {
    let answer: ScanAnswer;
    try {
      const { scanner } = await ready;
      answer = { id: m.id, result: await scanner(m.path, m.content, m.blob) };
    } catch (err) {
      answer = { id: m.id, error: err instanceof Error ? err.message : String(err) };
    }
    parentPort!.postMessage(answer);
  });
});
