import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

/**
 * The default source directory (INTERFACE.md): `chezmoi source-path` when chezmoi is on PATH,
 * else $XDG_DATA_HOME/chezmoi or ~/.local/share/chezmoi when it exists, else the current directory.
 */
export function defaultSourceDir(cwd = process.cwd()): string {
  if (!onPath('chezmoi')) return fallbackSourceDir(cwd);
  try {
    const out = execFileSync('chezmoi', ['source-path'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    if (out) return out;
  } catch {
    // chezmoi not configured: fall through.
  }
  return fallbackSourceDir(cwd);
}

/** $XDG_DATA_HOME/chezmoi or ~/.local/share/chezmoi when it exists, else the current directory. */
function fallbackSourceDir(cwd: string): string {
  const xdg = process.env.XDG_DATA_HOME ? join(process.env.XDG_DATA_HOME, 'chezmoi') : undefined;
  for (const candidate of [xdg, join(homedir(), '.local', 'share', 'chezmoi')]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return resolve(cwd);
}

export function resolveSourceDir(arg: string | undefined): string {
  return arg ? resolve(arg) : defaultSourceDir();
}

/** Whether an executable of that name is on PATH (looking costs microseconds; spawning, milliseconds). */
function onPath(name: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}
