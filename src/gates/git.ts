import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Run git and collect its stdout as bytes. The environment is inherited on purpose: inside a
 * hook git sets GIT_INDEX_FILE (e.g. a temporary index for `git commit -a`), and the staged scan
 * must read exactly that index.
 */
export function git(cwd: string, args: string[], input?: Buffer | string): Promise<Buffer> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => rejectRun(new Error(`cannot run git: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolveRun(Buffer.concat(out));
      else {
        const msg = Buffer.concat(err).toString('utf8').trim().split('\n')[0] || `exit code ${code}`;
        rejectRun(new GitError(`git ${args[0]} failed in ${cwd}: ${msg}`));
      }
    });
    // EPIPE when git exits early is reported through 'close' with its own message.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

export class GitError extends Error {}

const toplevels = new Map<string, Promise<string>>();

/**
 * Top level of the work tree that contains `dir`; a clear error outside a repository. Memoised:
 * a staged scan asks several times, and each `git` process costs start-up time in the hook.
 */
export function repoToplevel(dir: string): Promise<string> {
  const key = resolve(dir);
  let found = toplevels.get(key);
  if (!found) {
    found = (async () => {
      try {
        return (await git(key, ['rev-parse', '--show-toplevel'])).toString('utf8').replace(/\n$/, '');
      } catch (err) {
        throw new GitError(`${dir} is not inside a git work tree (${(err as Error).message})`);
      }
    })();
    toplevels.set(key, found);
    found.catch(() => toplevels.delete(key));
  }
  return found;
}

/** Split NUL-terminated git output (`-z`) into strings, dropping the empty tail. */
export function splitNul(buf: Buffer): string[] {
  const parts = buf.toString('utf8').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
