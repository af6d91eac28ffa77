// Real git repositories in temporary directories, for the gate tests.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const checkout = process.cwd();
export const bin = join(checkout, 'bin', 'chezmoi-sops');

// A fixed identity and no user/system config: the tests must not depend on the machine's git setup.
export const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  NO_COLOR: '1',
};

export class TempRepo {
  readonly dir: string;
  constructor(prefix = 'chezmoi-sops-gates-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.git('init', '-q', '-b', 'main');
  }
  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: gitEnv, encoding: 'utf8' });
  }
  /** Run git without throwing (e.g. a commit that a hook may refuse). */
  tryGit(...args: string[]): SpawnSyncReturns<string> {
    return spawnSync('git', args, { cwd: this.dir, env: gitEnv, encoding: 'utf8' });
  }
  write(path: string, content: string | Buffer): void {
    const abs = join(this.dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  commitAll(message: string): void {
    this.git('add', '-A');
    this.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', message);
  }
  /** Run this checkout's CLI in the repository. */
  cli(...args: string[]): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, [bin, ...args], { cwd: this.dir, env: gitEnv, encoding: 'utf8' });
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Deterministic random-looking strings for fake secrets (a literal in the test would be found by scanners of this repo). */
export function fakeToken(seed: number, length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

export const fakeGithubToken = (seed: number) => `ghp_${fakeToken(seed, 36)}`;
export const fakeAwsKeyId = (seed: number) => `AKIA${fakeToken(seed, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
export const fakeAwsSecret = (seed: number) => fakeToken(seed, 40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
