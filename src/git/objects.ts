// Reading raw git objects: the `cat-file --batch` answer stream, and tree and commit parsing.
import { git, lines, spawnGit, waitForExit, type SpawnOptions } from './run.js';

export type GitObjectType = 'blob' | 'tree' | 'commit' | 'tag';

export interface GitObject {
  id: string;
  type: GitObjectType;
  data: Buffer;
}

/** One answer of `git cat-file --batch`, in the order the objects were asked for. */
export type BatchAnswer =
  | { kind: 'object'; id: string; type: GitObjectType; data: Buffer }
  /** Larger than the parser's size limit: its content was skipped, never held in memory. */
  | { kind: 'too-large'; id: string; type: GitObjectType; size: number }
  | { kind: 'missing'; id: string };

/**
 * Incremental parser of `git cat-file --batch` output (`<id> <type> <size>\n<content>\n` or
 * `<name> missing\n`), fed chunk by chunk. A body is gathered from the chunks it spans and joined
 * once, so a large object costs one copy, not one per chunk. `data` may be a view of a chunk.
 */
export class BatchParser {
  private rest: Buffer | null = null;
  /** Bytes of the current body still to read (incl. the trailing LF); -1 while expecting a header. */
  private remaining = -1;
  private id = '';
  private type: GitObjectType = 'blob';
  private size = 0;
  private keep = false;
  private parts: Buffer[] = [];

  constructor(
    private readonly onAnswer: (answer: BatchAnswer) => void,
    /** Objects larger than this are reported as too-large and their content skipped. */
    private readonly maxSize = Infinity,
  ) {}

  push(chunk: Buffer): void {
    const buf: Buffer = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = null;
    let pos = 0;
    while (pos < buf.length) {
      if (this.remaining < 0) {
        const nl = buf.indexOf(10, pos);
        if (nl === -1) break;
        const header = buf.toString('latin1', pos, nl).split(' ');
        pos = nl + 1;
        if (header[1] === 'missing' || header.length < 3) {
          this.onAnswer({ kind: 'missing', id: header[0] ?? '' });
          continue;
        }
        this.id = header[0]!;
        this.type = header[1] as GitObjectType;
        this.size = Number(header[2]);
        this.remaining = this.size + 1;
        this.keep = this.size <= this.maxSize;
        this.parts = [];
      } else {
        const take = Math.min(this.remaining, buf.length - pos);
        if (this.keep) this.parts.push(buf.subarray(pos, pos + take));
        pos += take;
        this.remaining -= take;
        if (this.remaining === 0) {
          this.remaining = -1;
          if (this.keep) {
            const whole = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
            this.parts = [];
            this.onAnswer({ kind: 'object', id: this.id, type: this.type, data: whole.subarray(0, this.size) });
          } else {
            this.onAnswer({ kind: 'too-large', id: this.id, type: this.type, size: this.size });
          }
        }
      }
    }
    if (pos < buf.length) this.rest = buf.subarray(pos);
  }
}

/** Asked for an object the repository does not have. */
export class MissingObjectError extends Error {
  override name = 'MissingObjectError';
  constructor(readonly id: string) {
    super(`object ${id} is missing from the repository`);
  }
}

/**
 * Stream every object named in `ids` (or, with `all`, every object in the repository, reachable
 * or not) through one `git cat-file --batch`, calling `onObject` for each. Objects are handed over
 * one at a time, so memory stays bounded by the largest object, not the repository. A missing
 * object rejects with MissingObjectError.
 */
export function catFileBatch(dir: string, ids: readonly string[] | 'all', onObject: (o: GitObject) => void): Promise<void> {
  return catFileAnswers(dir, ids, (a) => {
    if (a.kind === 'missing') throw new MissingObjectError(a.id);
    if (a.kind === 'object') onObject({ id: a.id, type: a.type, data: a.data });
  });
}

/**
 * The raw answers of one `git cat-file --batch` (objects, too-large objects whose content was
 * skipped as it streamed by, missing ids). An exception thrown by `onAnswer` stops git and
 * rejects with it.
 */
export function catFileAnswers(dir: string, ids: readonly string[] | 'all', onAnswer: (a: BatchAnswer) => void, opts: { maxSize?: number } = {}): Promise<void> {
  const args = ids === 'all' ? ['cat-file', '--batch-all-objects', '--batch', '--unordered'] : ['cat-file', '--batch'];
  const child = spawnGit(dir, args);
  const exited = waitForExit(child, dir, args);
  let failure: Error | null = null;
  const parser = new BatchParser(onAnswer, opts.maxSize ?? Infinity);
  child.stdout.on('data', (chunk: Buffer) => {
    if (failure) return;
    try {
      parser.push(chunk);
    } catch (e) {
      failure = e as Error;
      child.kill();
    }
  });
  child.stdin.end(ids === 'all' ? '' : ids.map((id) => `${id}\n`).join(''));
  return exited.then(
    () => { if (failure) throw failure; },
    (e: unknown) => { throw failure ?? e; },
  );
}

/** Read a set of objects into a map (for the handful of trees and blobs a comparison or a staged scan needs). */
export async function readObjects(dir: string, ids: readonly string[]): Promise<Map<string, GitObject>> {
  const out = new Map<string, GitObject>();
  if (ids.length === 0) return out;
  await catFileBatch(dir, [...new Set(ids)], (o) => out.set(o.id, o));
  return out;
}

/**
 * The commit each name (an object id or ref) peels to through any tags (`name^{commit}`), or null
 * for one that reaches no commit (a tree, a blob, a missing object). One `cat-file --batch-check`.
 */
export async function peelToCommits(dir: string, names: readonly string[], opts: SpawnOptions = {}): Promise<(string | null)[]> {
  if (names.length === 0) return [];
  const input = names.map((n) => `${n}^{commit}\n`).join('');
  const answers = lines(await git(dir, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { ...opts, input }));
  return names.map((_, i) => {
    const [id, type] = (answers[i] ?? '').split(' ');
    return type === 'commit' && id ? id : null;
  });
}

export interface TreeEntry {
  mode: string;
  name: Buffer;
  id: string;
}

/** Parse a raw tree object: repeated `<mode> <name>\0<20-byte id>` (SHA-1 repositories). */
export function parseTree(data: Buffer, hashBytes = 20): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    const nul = data.indexOf(0x00, sp + 1);
    if (sp < 0 || nul < 0) throw new Error('malformed tree object');
    const mode = data.subarray(i, sp).toString('latin1');
    const name = Buffer.from(data.subarray(sp + 1, nul));
    const id = data.subarray(nul + 1, nul + 1 + hashBytes).toString('hex');
    entries.push({ mode, name, id });
    i = nul + 1 + hashBytes;
  }
  return entries;
}

export function isTreeMode(mode: string): boolean {
  return mode === '40000' || mode === '040000';
}

/** Submodule (gitlink) entries name a commit of another repository: never read them here. */
export function isGitlinkMode(mode: string): boolean {
  return mode === '160000';
}

/** The tree id and parent ids of a raw commit object. */
export function parseCommitHeader(data: Buffer): { tree: string; parents: string[] } {
  const end = data.indexOf('\n\n');
  const head = data.subarray(0, end < 0 ? data.length : end).toString('utf8');
  let tree = '';
  const parents: string[] = [];
  for (const line of head.split('\n')) {
    if (line.startsWith('tree ')) tree = line.slice(5);
    else if (line.startsWith('parent ')) parents.push(line.slice(7));
  }
  return { tree, parents };
}
