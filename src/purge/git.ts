import { spawn } from 'node:child_process';

/** A git command failed. The message names the command and git's own error text (never a secret). */
export class GitError extends Error {
  constructor(readonly args: string[], readonly code: number | null, readonly stderr: string) {
    super(`git ${args[0] ?? ''} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
  }
}

export interface GitRunOptions {
  input?: string | Buffer;
  /** Exit codes that are not errors (e.g. 1 for `git config --get` of a missing key). */
  okCodes?: number[];
  env?: NodeJS.ProcessEnv;
  /** Create files readable by the owner only (umask 077), e.g. a bundle that holds secrets. */
  privateFiles?: boolean;
}

export interface GitRunResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/**
 * Run git in `repoDir` and collect its output as bytes. Arguments go through argv, never a
 * shell, so paths with spaces or quotes are safe. Secrets are only ever passed via files.
 */
export function gitRaw(repoDir: string, args: string[], opts: GitRunOptions = {}): Promise<GitRunResult> {
  return new Promise((resolve, reject) => {
    // spawn has no umask option: set it in a tiny sh wrapper; the arguments still pass as "$@", never parsed.
    const [cmd, argv] = opts.privateFiles ? ['sh', ['-c', 'umask 077 && exec git "$@"', 'sh', ...args]] as const : ['git', args] as const;
    const child = spawn(cmd, argv, {
      cwd: repoDir,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1 };
      if (code === 0 || (code !== null && opts.okCodes?.includes(code))) resolve(result);
      else reject(new GitError(args, code, result.stderr));
    });
    child.stdin.on('error', () => { /* git may exit before reading all input; the close handler reports it */ });
    child.stdin.end(opts.input ?? '');
  });
}

export async function git(repoDir: string, args: string[], opts: GitRunOptions = {}): Promise<string> {
  return (await gitRaw(repoDir, args, opts)).stdout.toString('utf8');
}

export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

export interface GitObject {
  id: string;
  type: 'blob' | 'tree' | 'commit' | 'tag';
  data: Buffer;
}

/**
 * Stream every object named in `ids` (or, with `all`, every object in the repository, reachable
 * or not) through `git cat-file --batch`, calling `onObject` for each. Objects are handed over
 * one at a time, so memory stays bounded by the largest object, not the repository.
 */
export function catFileBatch(
  repoDir: string,
  ids: string[] | 'all',
  onObject: (o: GitObject) => void,
): Promise<void> {
  const args = ids === 'all' ? ['cat-file', '--batch-all-objects', '--batch', '--unordered'] : ['cat-file', '--batch'];
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: repoDir, env: { ...process.env, LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let pending: Buffer = Buffer.alloc(0);
    let header: { id: string; type: GitObject['type']; size: number } | null = null;
    let failure: Error | null = null;
    const err: Buffer[] = [];
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        for (;;) {
          if (!header) {
            const nl = pending.indexOf(0x0a);
            if (nl < 0) break;
            const line = pending.subarray(0, nl).toString('utf8');
            pending = pending.subarray(nl + 1);
            const parts = line.split(' ');
            if (parts[1] === 'missing') throw new Error(`object ${parts[0]} is missing from the repository`);
            header = { id: parts[0]!, type: parts[1] as GitObject['type'], size: Number(parts[2]) };
          }
          if (pending.length < header.size + 1) break;
          const data = Buffer.from(pending.subarray(0, header.size));
          pending = pending.subarray(header.size + 1);
          const h = header;
          header = null;
          onObject({ id: h.id, type: h.type, data });
        }
      } catch (e) {
        failure = e as Error;
        child.kill();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (failure) reject(failure);
      else if (code !== 0) reject(new GitError(args, code, Buffer.concat(err).toString('utf8')));
      else resolve();
    });
    child.stdin.on('error', () => { /* reported by close */ });
    child.stdin.end(ids === 'all' ? '' : ids.map((id) => `${id}\n`).join(''));
  });
}

/** Read a set of objects into a map (for the handful of trees and blobs a comparison needs). */
export async function readObjects(repoDir: string, ids: string[]): Promise<Map<string, GitObject>> {
  const out = new Map<string, GitObject>();
  if (ids.length === 0) return out;
  await catFileBatch(repoDir, [...new Set(ids)], (o) => out.set(o.id, o));
  return out;
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
