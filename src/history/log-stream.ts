import { spawnGit, waitForExit } from '../git/run.js';

export interface LogCommit {
  sha: string;
  parents: string[];
  message: string;
}

/** One line of `git log --raw`: the blob a commit put at `path` (relative to its first parent), or a deletion. */
export interface LogEntry {
  dstMode: string;
  /** The new blob; null when the path was deleted. */
  dstSha: string | null;
  path: string;
}

export interface LogHandlers {
  onCommit(commit: LogCommit): void | Promise<void>;
  /** Belongs to the commit last passed to onCommit. */
  onEntry(entry: LogEntry): void;
}

const ZERO_SHA = /^0+$/;

/**
 * Stream `git log` over the given revisions (tips, and `^REF` exclusions), children before parents
 * (--date-order), each commit followed by its changes against its FIRST parent only: a commit's tree is
 * its first parent's tree plus that diff, so every blob of every reachable tree shows up exactly where it
 * enters a line of history, and nothing else (root commits and shallow boundaries diff against the empty tree).
 */
export async function streamLog(dir: string, revisions: string[], handlers: LogHandlers): Promise<void> {
  const args = [
    'log', '--stdin', '--date-order', '-z', '--raw', '--no-abbrev', '--root', '--diff-merges=first-parent',
    '--no-renames', '--no-ext-diff', '--no-textconv', '--format=%x01%H %P%x00%B',
  ];
  const child = spawnGit(dir, args, { offline: true });
  const exited = waitForExit(child, dir, args);
  child.stdin.end(revisions.map((r) => `${r}\n`).join(''));

  let rest: Buffer | null = null;
  let expect: 'any' | 'message' | 'path' = 'any';
  let header: { sha: string; parents: string[] } | null = null;
  let meta: { dstMode: string; dstSha: string | null } | null = null;

  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    const pending: Promise<void>[] = [];
    for (let nul = buf.indexOf(0, start); nul !== -1; nul = buf.indexOf(0, start)) {
      const token = buf.toString('utf8', start, nul);
      start = nul + 1;
      if (expect === 'message') {
        const r = handlers.onCommit({ sha: header!.sha, parents: header!.parents, message: token });
        if (r) pending.push(r);
        expect = 'any';
      } else if (expect === 'path') {
        handlers.onEntry({ dstMode: meta!.dstMode, dstSha: meta!.dstSha, path: token });
        expect = 'any';
      } else {
        const t = token.charCodeAt(0) === 10 ? token.slice(1) : token;
        if (t.charCodeAt(0) === 1) {
          const fields = t.slice(1).split(' ').filter(Boolean);
          header = { sha: fields[0]!, parents: fields.slice(1) };
          expect = 'message';
        } else if (t.charCodeAt(0) === 58 /* : */) {
          // ":srcmode dstmode srcsha dstsha status"
          const f = t.slice(1).split(' ');
          const dstSha = f[3]!;
          meta = { dstMode: f[1]!, dstSha: f[4]!.startsWith('D') || ZERO_SHA.test(dstSha) ? null : dstSha };
          expect = 'path';
        }
      }
    }
    rest = start < buf.length ? buf.subarray(start) : null;
    // Await message scans per chunk: backpressure on git without serialising every message.
    if (pending.length) await Promise.all(pending);
  }
  await exited;
}
