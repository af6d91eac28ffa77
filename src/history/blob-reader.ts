import { BatchParser, type BatchAnswer } from '../git/objects.js';
import { spawnGit, waitForExit } from '../git/run.js';

export type BlobContent = { kind: 'content'; data: Buffer } | { kind: 'too-large'; size: number } | { kind: 'missing' };

/** How much decoded blob content may wait for the consumer: git keeps inflating while we scan. */
const READ_AHEAD_BYTES = 2 * 1024 * 1024;

/**
 * Reads blobs through ONE long-lived `git cat-file --batch` process: requests are written as they are
 * discovered, answers come back in order and are handed to `onBlob` one at a time. Up to READ_AHEAD_BYTES
 * of answers are parsed ahead so that git works while the consumer scans; beyond that the stream is
 * paused and git blocks on the full pipe (bounded memory whatever the repository's size).
 */
export class BlobReader<T> {
  private readonly child;
  private readonly requests: T[] = [];
  private requestHead = 0;
  private readonly ready: { request: T; content: BlobContent; bytes: number }[] = [];
  private readyHead = 0;
  private readyBytes = 0;
  private ended = false;
  private failed: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;
  private readonly parser: BatchParser;

  constructor(
    dir: string,
    maxBlobSize: number,
    private readonly onBlob: (request: T, content: BlobContent) => Promise<void>,
  ) {
    const args = ['cat-file', '--batch', '--buffer'];
    this.child = spawnGit(dir, args, { offline: true });
    const exited = waitForExit(this.child, dir, args);
    this.parser = new BatchParser((answer) => this.push(answer), maxBlobSize);
    this.child.stdout.on('data', (chunk: Buffer) => {
      try {
        this.parser.push(chunk);
      } catch (err) {
        this.failed = err as Error;
      }
      if (this.readyBytes > READ_AHEAD_BYTES) this.child.stdout.pause();
      this.signal();
    });
    this.child.stdout.on('end', () => {
      this.ended = true;
      this.signal();
    });
    this.done = Promise.all([this.consume(), exited]).then(() => undefined);
    // If the consumer fails, make sure git does not wait forever on a full pipe.
    this.done.catch(() => this.child.kill());
  }

  request(sha: string, meta: T): void {
    this.requests.push(meta);
    this.child.stdin.write(`${sha}\n`);
  }

  /** No more requests; resolves when every requested blob has been handled. */
  finish(): Promise<void> {
    this.child.stdin.end();
    return this.done;
  }

  private signal(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private async consume(): Promise<void> {
    for (;;) {
      if (this.failed) throw this.failed;
      if (this.readyHead === this.ready.length) {
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const item = this.ready[this.readyHead]!;
      this.ready[this.readyHead++] = undefined as never;
      if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
        this.ready.splice(0, this.readyHead);
        this.readyHead = 0;
      }
      await this.onBlob(item.request, item.content);
      this.readyBytes -= item.bytes;
      if (this.child.stdout.isPaused() && this.readyBytes <= READ_AHEAD_BYTES / 2) this.child.stdout.resume();
    }
  }

  private nextRequest(): T {
    const item = this.requests[this.requestHead]!;
    this.requests[this.requestHead++] = undefined as T;
    if (this.requestHead > 4096 && this.requestHead * 2 > this.requests.length) {
      this.requests.splice(0, this.requestHead);
      this.requestHead = 0;
    }
    return item;
  }

  private push(answer: BatchAnswer): void {
    const [content, bytes]: [BlobContent, number] =
      answer.kind === 'object' ? [{ kind: 'content', data: answer.data }, answer.data.length]
      : answer.kind === 'too-large' ? [{ kind: 'too-large', size: answer.size }, 0]
      : [{ kind: 'missing' }, 0];
    this.ready.push({ request: this.nextRequest(), content, bytes });
    this.readyBytes += bytes;
  }
}
