// Shared by the hardening suites: scratch dirs, real git repos, and the built CLI run as a user would.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, git, writeFiles } from '../scan/helpers.js';

export { BIN, git, writeFiles };

export const ESC = '\x1b';

/** A fresh scratch directory; `cleanup` removes it. */
export function scratch(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `cs-hard-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run bin/chezmoi-sops; NO_COLOR so that any ESC in the output came from the input. */
export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): CliRun {
  const started = Date.now();
  const r: SpawnSyncReturns<string> = spawnSync(BIN, args, {
    cwd: opts.cwd ?? process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    timeout: opts.timeout ?? 25_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** A JavaScript stack frame line, as Node prints them ("    at fn (file:line:col)"). */
export const STACK_FRAME = /^\s+at /m;

/** Init a repo, write files, commit them all. */
export function committedRepo(dir: string, files: Record<string, string>, branch = 'main'): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', branch);
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'dotfiles');
  return dir;
}
