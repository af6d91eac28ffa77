// The one way chezmoi-sops runs git.
//
// Why spawn git directly rather than use simple-git: simple-git added ~40 ms to the start-up of the
// pre-commit hook (`scan --staged`) and runs its commands one after another, while the history walk
// runs `log` and `cat-file --batch` side by side. The batch streams (cat-file, log --stdin) need a
// live child process with stdin/stdout pipes anyway, which only spawn gives.
//
// Arguments always go through argv, never a shell, so paths with spaces or quotes are safe.
// What is written to git's stdin (object ids, revisions, sometimes secret-derived text) never
// appears in an error message.
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Config that keeps git's output machine-readable whatever the user's config says. */
const MACHINE_CONFIG = ['-c', 'core.quotepath=off', '-c', 'log.showSignature=false', '-c', 'color.ui=false'];

/**
 * The environment is inherited on purpose: inside a hook git sets GIT_INDEX_FILE (e.g. a temporary
 * index for `git commit -a`) and the staged scan must read exactly that index. On top of it: never
 * prompt for credentials (a hook or CI job would hang), untranslated messages, no pager, and no
 * optional locks (we only read, and must not fight a running `git commit` for index.lock).
 */
function gitEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0', ...extra };
}

/**
 * A git command failed (or could not start). The message names the subcommand, the directory, the
 * exit status and git's own error line; never what was written to its stdin.
 */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly dir: string,
    /** null when git did not start or was killed by a signal. */
    readonly exitCode: number | null,
    readonly stderr: string,
    cause: { signal?: NodeJS.Signals | null; spawnError?: Error } = {},
  ) {
    const status = cause.signal ? `killed by ${cause.signal}` : `exit ${exitCode}`;
    super(cause.spawnError
      ? `cannot run git ${subcommand(args)}: ${cause.spawnError.message}`
      : `git ${subcommand(args)} failed in ${dir} (${status})${firstErrorLine(stderr)}`);
  }
}

/** The subcommand of an argument list: its first word that is not an option (`--literal-pathspecs ls-tree` → `ls-tree`). */
function subcommand(args: readonly string[]): string {
  return args.find((a) => !a.startsWith('-')) ?? args[0] ?? '';
}

/** `: <line>` for the line that says what went wrong (`fatal:`/`error:` first, warnings and hints skipped), or ''. */
function firstErrorLine(stderr: string): string {
  const all = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = all.find((l) => /^(fatal|error):/.test(l)) ?? all[0];
  return line ? `: ${line}` : '';
}

export interface SpawnOptions {
  /** Added to the hardened environment. */
  env?: NodeJS.ProcessEnv;
  /** A partial clone must not fetch missing objects from its remote (they are reported missing instead). */
  offline?: boolean;
  /** Create files readable by the owner only (umask 077), e.g. a bundle that holds secrets. */
  privateFiles?: boolean;
}

export interface RunOptions extends SpawnOptions {
  /** Written to git's stdin, which is then closed. */
  input?: string | Buffer;
  /** Exit codes that are not errors (e.g. 1 for `git symbolic-ref -q` of a detached HEAD). */
  okCodes?: readonly number[];
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** Spawn `git -C dir ...args` with stdio pipes (for the long-lived streaming processes). */
export function spawnGit(dir: string, args: readonly string[], opts: SpawnOptions = {}): ChildProcessWithoutNullStreams {
  const child = start(dir, args, opts, 'pipe') as ChildProcessWithoutNullStreams;
  // git may exit before reading all its input (or fail to start): the exit status reports it, not EPIPE.
  child.stdin.on('error', () => undefined);
  return child;
}

/** Spawn git with stdout and stderr piped; stdin piped, or `ignore` (/dev/null) when nothing is written to it. */
function start(dir: string, args: readonly string[], opts: SpawnOptions, stdin: 'pipe' | 'ignore'): ChildProcess {
  const argv = ['-C', dir, ...MACHINE_CONFIG, ...args];
  // spawn has no umask option: set it in a tiny sh wrapper; the arguments still pass as "$@", never parsed.
  const [cmd, cmdArgs] = opts.privateFiles ? ['sh', ['-c', 'umask 077 && exec git "$@"', 'sh', ...argv]] : ['git', argv];
  const env = gitEnv(opts.offline ? { GIT_NO_LAZY_FETCH: '1', ...opts.env } : opts.env);
  return spawn(cmd, cmdArgs, { env, stdio: [stdin, 'pipe', 'pipe'] });
}

/** Run git to completion and collect its output as bytes; rejects with GitError unless the exit code is 0 or in okCodes. */
export function gitRaw(dir: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // Without input, stdin is /dev/null: the same end of input for git as an empty pipe, one pipe
    // fewer to set up (each git start counts in the pre-commit hook).
    const child = opts.input === undefined ? start(dir, args, opts, 'ignore') : spawnGit(dir, args, opts);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new GitError(args, dir, null, '', { spawnError: e })));
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0 || (code !== null && opts.okCodes?.includes(code))) resolve({ stdout: Buffer.concat(out), stderr, code });
      else reject(new GitError(args, dir, code, stderr, { signal }));
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/** Run git and resolve its stdout as bytes. */
export async function gitBuffer(dir: string, args: readonly string[], opts: RunOptions = {}): Promise<Buffer> {
  return (await gitRaw(dir, args, opts)).stdout;
}

/** Run git and resolve its stdout as UTF-8 text. */
export async function git(dir: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  return (await gitRaw(dir, args, opts)).stdout.toString('utf8');
}

/** Like git() but resolves null when git exits non-zero (a question answered "no"); still rejects when git cannot run. */
export async function tryGit(dir: string, args: readonly string[], opts: RunOptions = {}): Promise<string | null> {
  try {
    return await git(dir, args, opts);
  } catch (e) {
    if (e instanceof GitError && e.exitCode !== null) return null;
    throw e;
  }
}

/** Wait for a spawned git process to exit; rejects with a GitError carrying its stderr when it fails. */
export function waitForExit(child: ChildProcessWithoutNullStreams, dir: string, args: readonly string[]): Promise<void> {
  const err: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new GitError(args, dir, null, '', { spawnError: e })));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new GitError(args, dir, code, Buffer.concat(err).toString('utf8'), { signal }));
    });
  });
}

/** Non-empty lines of git's text output. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

/** Split NUL-terminated git output (`-z`) into strings, dropping the empty tail. */
export function splitNul(out: Buffer | string): string[] {
  const parts = (typeof out === 'string' ? out : out.toString('utf8')).split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
