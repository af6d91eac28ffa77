// Install the git pre-commit hook that runs `chezmoi-sops scan --staged`.
import { accessSync, constants as fsConstants, promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../fsutil/atomic.js';
import { repoToplevel } from '../git/repo.js';
import { git } from '../git/run.js';

/** First line after the shebang: how we recognise our own hook (re-installing it needs no --force). */
export const HOOK_MARKER = '# chezmoi-sops pre-commit hook';

/** This checkout's launcher: dist/src/gates/hook.js -> <package root>/bin/chezmoi-sops. */
function ownLauncher(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'chezmoi-sops');
}

/** `chezmoi-sops` as found on PATH, or null. */
function onPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'chezmoi-sops');
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The hooks directory git will use: core.hooksPath (relative to the work tree root, `~` expanded) or $GIT_COMMON_DIR/hooks. */
export async function hooksDir(repoRoot: string): Promise<string> {
  let configured = '';
  try {
    configured = (await git(repoRoot, ['config', '--get', 'core.hooksPath'])).trim();
  } catch {
    // unset: git exits 1
  }
  if (configured) {
    const expanded = configured === '~' || configured.startsWith('~/') ? join(homedir(), configured.slice(1)) : configured;
    return isAbsolute(expanded) ? expanded : resolve(repoRoot, expanded);
  }
  // --git-common-dir: in a linked worktree the hooks live in the main repository's .git.
  const common = (await git(repoRoot, ['rev-parse', '--git-common-dir'])).trim();
  return join(resolve(repoRoot, common), 'hooks');
}

/**
 * The hook script. It scans the work tree root it runs in (git runs pre-commit hooks there) and
 * reads the index git hands it (GIT_INDEX_FILE), so `git commit -a` and `git commit FILE` are
 * covered too. Prefers the command chosen at install time and falls back to the other one.
 */
export function hookScript(primary: string[], fallback: string[]): string {
  const run = (cmd: string[]) => cmd.map(shellQuote).join(' ');
  // A bare name is looked up on PATH; [node, launcher] needs both files to exist.
  const available = (cmd: string[]) => (cmd.length === 1 ? `command -v ${shellQuote(cmd[0])} >/dev/null 2>&1` : cmd.map((f) => `[ -f ${shellQuote(f)} ]`).join(' && '));
  return [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Installed by `chezmoi-sops install-hook`: stops a commit that stages a secret.',
    '# Bypass once: git commit --no-verify',
    `if ${available(primary)}; then exec ${run(primary)} scan --staged --quiet .; fi`,
    `if ${available(fallback)}; then exec ${run(fallback)} scan --staged --quiet .; fi`,
    `echo "chezmoi-sops pre-commit hook: cannot find chezmoi-sops (reinstall it, or bypass once with: git commit --no-verify)" >&2`,
    'exit 2',
    '',
  ].join('\n');
}

export async function installHook(repoDir: string, opts: { force: boolean }): Promise<{ path: string; message: string }> {
  const repoRoot = await repoToplevel(repoDir);
  const dir = await hooksDir(repoRoot);
  const path = join(dir, 'pre-commit');

  let backup: string | null = null;
  const existing = await fs.readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new Error(`cannot read the existing hook ${path}: ${err.message}`);
  });
  if (existing !== null && !existing.includes(HOOK_MARKER)) {
    if (!opts.force) {
      throw new Error(`${path} already exists and is not a chezmoi-sops hook; not overwriting it. ` +
        'Add `chezmoi-sops scan --staged .` to it yourself, or run `chezmoi-sops install-hook --force` (the old hook is kept as pre-commit.bak)');
    }
    backup = `${path}.bak`;
    await fs.copyFile(path, backup);
  }

  // Resolve the binary now, so the hook does not depend on the PATH of a GUI git client:
  // the installed `chezmoi-sops` when there is one, else this checkout's launcher run by this node.
  const launcher = ownLauncher();
  const direct = [process.execPath, launcher];
  const primary = onPath() ? ['chezmoi-sops'] : direct;
  const fallback = primary === direct ? ['chezmoi-sops'] : direct;
  await fs.mkdir(dir, { recursive: true });
  await writeFileAtomic(path, hookScript(primary, fallback), { mode: 0o755 });
  await fs.access(path, fsConstants.X_OK);

  const lines = [`installed the chezmoi-sops pre-commit hook: ${path}`];
  if (backup) lines.push(`the previous hook was kept as ${backup}`);
  lines.push(`it runs: ${primary === direct ? launcher : 'chezmoi-sops'} scan --staged`);
  lines.push('to bypass it once: git commit --no-verify');
  return { path, message: lines.join('\n') };
}
