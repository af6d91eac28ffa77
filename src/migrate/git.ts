import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string | null> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch {
    return null;
  }
}

/** The git work tree that holds `dir`, or null when it is not in one. */
export async function workTreeOf(dir: string): Promise<string | null> {
  const out = await git(dir, ['rev-parse', '--show-toplevel']);
  return out ? resolve(out.trim()) : null;
}

/** The absolute `.git` directory of the repository holding `dir`, or null. */
export async function gitDirOf(dir: string): Promise<string | null> {
  const out = await git(dir, ['rev-parse', '--absolute-git-dir']);
  return out ? resolve(out.trim()) : null;
}

/** Paths (relative to the work tree) with uncommitted changes, untracked files included. */
export async function dirtyPaths(dir: string): Promise<string[]> {
  const out = await git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  if (out === null) return [];
  const paths: string[] = [];
  const parts = out.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    // A rename/copy entry is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return paths;
}

/** Every file of the work tree that git would see: tracked plus untracked, not ignored. */
export async function workTreeFiles(top: string): Promise<string[] | null> {
  const out = await git(top, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  if (out === null) return null;
  return [...new Set(out.split('\0').filter(Boolean))];
}
