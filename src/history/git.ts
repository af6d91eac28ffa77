import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Config that keeps git's output machine-readable whatever the user's config says. */
const GIT_CONFIG = ['-c', 'core.quotepath=off', '-c', 'log.showSignature=false', '-c', 'color.ui=false'];

export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Spawn `git -C dir ...args` with stdio pipes (for the long-lived streaming processes). */
export function spawnGit(dir: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn('git', ['-C', dir, ...GIT_CONFIG, ...args], {
    // GIT_NO_LAZY_FETCH: a partial clone must not fetch every missing blob from its remote (reported as missing instead).
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Run a small plumbing command to completion; resolves stdout, rejects GitError on non-zero exit. */
export function runGit(dir: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(dir, args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new GitError(`cannot run git: ${e.message}`, null, '')));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new GitError(`git ${args[0]} failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`, code, stderr));
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all input; the exit code tells
    child.stdin.end(input ?? '');
  });
}

/** Like runGit but resolves null instead of rejecting when git exits non-zero. */
export async function tryGit(dir: string, args: string[], input?: string): Promise<string | null> {
  try {
    return await runGit(dir, args, input);
  } catch (e) {
    if (e instanceof GitError && e.exitCode !== null) return null;
    throw e;
  }
}

/** Wait for a spawned process to exit; reject with its stderr when it fails. */
export function waitForExit(child: ChildProcessWithoutNullStreams, what: string): Promise<void> {
  const err: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new GitError(`cannot run git ${what}: ${e.message}`, null, '')));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else {
        const stderr = Buffer.concat(err).toString('utf8');
        reject(new GitError(`git ${what} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n')[0] ?? ''}`, code, stderr));
      }
    });
  });
}
