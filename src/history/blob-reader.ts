import { spawnGit, waitForExit } from './git.js';

export type BlobContent = { kind: 'content'; data: Buffer } | { kind: 'too-large'; size: number } | { kind: 'missing' };

/**
 * Reads blobs through ONE long-lived `git cat-file --batch` process: requests are written as they are
 * discovered, answers come back in order and are handed to `onBlob` one at a time (the consumer's await
 * is the backpressure: git blocks on a full pipe, so at most one blob's content is held in memory).
 */
export class BlobReader<T> {
  private readonly child;
  private readonly queue: T[] = [];
  private queueHead = 0;
  private readonly done: Promise<void>;

  constructor(
    dir: string,
    private readonly maxBlobSize: number,
    private readonly onBlob: (request: T, content: BlobContent) => Promise<void>,
  ) {
    this.child = spawnGit(dir, ['cat-file', '--batch', '--buffer']);
    this.child.stdin.on('error', () => undefined);
    const exited = waitForExit(this.child, 'cat-file');
    this.done = Promise.all([this.consume(), exited]).then(() => undefined);
    // If consume() fails, make sure git does not wait forever on a full pipe.
    this.done.catch(() => this.child.kill());
  }

  request(sha: string, meta: T): void {
    this.queue.push(meta);
    this.child.stdin.write(`${sha}\n`);
  }

  /** No more requests; resolves when every requested blob has been handled. */
  finish(): Promise<void> {
    this.child.stdin.end();
    return this.done;
  }

  private next(): T {
    const item = this.queue[this.queueHead]!;
    this.queue[this.queueHead++] = undefined as T;
    if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
    return item;
  }

  private async consume(): Promise<void> {
    let rest: Buffer | null = null;
    let remaining = -1; // bytes of the current body still to read (incl. the trailing LF); -1: expecting a header
    let keep = false;
    let parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.child.stdout as AsyncIterable<Buffer>) {
      let buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
      rest = null;
      let pos = 0;
      while (pos < buf.length) {
        if (remaining < 0) {
          const nl = buf.indexOf(10, pos);
          if (nl === -1) break;
          const header = buf.toString('latin1', pos, nl).split(' ');
          pos = nl + 1;
          if (header[1] === 'missing' || header.length < 3) {
            await this.onBlob(this.next(), { kind: 'missing' });
            continue;
          }
          size = Number(header[2]);
          remaining = size + 1;
          keep = size <= this.maxBlobSize;
          parts = [];
        } else {
          const take = Math.min(remaining, buf.length - pos);
          if (keep) parts.push(buf.subarray(pos, pos + take));
          pos += take;
          remaining -= take;
          if (remaining === 0) {
            remaining = -1;
            const request = this.next();
            if (keep) {
              const whole = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
              parts = [];
              await this.onBlob(request, { kind: 'content', data: whole.subarray(0, size) });
            } else {
              await this.onBlob(request, { kind: 'too-large', size });
            }
          }
        }
      }
      if (pos < buf.length) rest = buf.subarray(pos);
      buf = Buffer.alloc(0);
    }
  }
}
