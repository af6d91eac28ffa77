// Blob scanning on the other core: worker threads that each run the same scanner as the main
// thread (made in the worker from the same options), fed plain-text blobs and commit messages by
// `scanHistory` while the main thread reads git, tracks lines and analyses trees.
import { Worker } from 'node:worker_threads';
import type { BlobScanResult } from './types.js';

/** A scanner in other threads: same answers as the main thread's scanner for the same input. */
export interface RemoteScanner {
  scan(path: string | null, content: string, blob?: string): Promise<BlobScanResult>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (r: BlobScanResult) => void;
  reject: (e: Error) => void;
}

/** Request and answer between the pool and a worker (src/cli/blob-worker.ts). */
export interface ScanRequest {
  id: number;
  path: string | null;
  content: string;
  blob?: string;
}
export type ScanAnswer = { id: number; result: BlobScanResult } | { id: number; error: string };

export class ScanPool implements RemoteScanner {
  private readonly workers: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];
  private nextId = 0;
  private failed: Error | null = null;

  /** `entry`: the worker module; `data`: what it makes its scanner from (structured-cloned). */
  constructor(entry: URL, data: unknown, threads: number) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(entry, { workerData: data });
      const pending = new Map<number, Pending>();
      worker.on('message', (a: ScanAnswer) => {
        const p = pending.get(a.id);
        if (!p) return;
        pending.delete(a.id);
        if ('error' in a) p.reject(new Error(a.error));
        else p.resolve(a.result);
      });
      // A worker that dies fails what it was asked, and everything asked after (fail closed).
      const die = (err: Error) => {
        this.failed ??= err;
        for (const p of pending.values()) p.reject(err);
        pending.clear();
      };
      worker.on('error', die);
      worker.on('exit', (code) => die(new Error(`blob scanner thread stopped (exit ${code})`)));
      this.workers.push({ worker, pending });
    }
  }

  scan(path: string | null, content: string, blob?: string): Promise<BlobScanResult> {
    if (this.failed) return Promise.reject(this.failed);
    // The least busy worker: blobs differ in size by orders of magnitude.
    let w = this.workers[0]!;
    for (const x of this.workers) if (x.pending.size < w.pending.size) w = x;
    const id = this.nextId++;
    return new Promise<BlobScanResult>((resolve, reject) => {
      w.pending.set(id, { resolve, reject });
      w.worker.postMessage({ id, path, content, ...(blob !== undefined ? { blob } : {}) } satisfies ScanRequest);
    });
  }

  async close(): Promise<void> {
    this.failed ??= new Error('blob scanner threads closed');
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
