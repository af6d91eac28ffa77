// Where a repository is: its work tree, its git dir, and what is uncommitted in it.
import { resolve } from 'node:path';
import { git, splitNul, tryGit } from './run.js';

/** The top level of the git work tree that holds `dir`; null when it is in none (or git cannot run). */
export async function workTreeOf(dir: string): Promise<string | null> {
  const out = await tryGit(dir, ['rev-parse', '--show-toplevel']).catch(() => null);
  return out?.trim() ? resolve(out.trim()) : null;
}

/** The absolute git directory of the repository holding `dir`; null when there is none (or git cannot run). */
export async function gitDirOf(dir: string): Promise<string | null> {
  const out = await tryGit(dir, ['rev-parse', '--absolute-git-dir']).catch(() => null);
  return out?.trim() ? resolve(out.trim()) : null;
}

export async function isBareRepository(dir: string): Promise<boolean> {
  return (await tryGit(dir, ['rev-parse', '--is-bare-repository']))?.trim() === 'true';
}

export class NotAWorkTreeError extends Error {
  override name = 'NotAWorkTreeError';
}

const toplevels = new Map<string, Promise<string>>();

/**
 * Like workTreeOf, but a clear error outside a work tree. Memoised: a staged scan asks several
 * times, and each git process costs start-up time in the pre-commit hook.
 */
export function repoToplevel(dir: string): Promise<string> {
  const key = resolve(dir);
  let found = toplevels.get(key);
  if (!found) {
    found = (async () => {
      try {
        return (await git(key, ['rev-parse', '--show-toplevel'])).replace(/\n$/, '');
      } catch (err) {
        throw new NotAWorkTreeError(`${dir} is not inside a git work tree (${(err as Error).message})`);
      }
    })();
    toplevels.set(key, found);
    found.catch(() => toplevels.delete(key));
  }
  return found;
}

/** Paths (relative to the work tree) with uncommitted changes, untracked files included; [] when git cannot tell. */
export async function dirtyPaths(dir: string): Promise<string[]> {
  const out = await tryGit(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all']).catch(() => null);
  if (out === null) return [];
  const paths: string[] = [];
  const parts = splitNul(out);
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    // A rename/copy entry is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return paths;
}
