// Builds real git repositories with the git CLI, with secrets planted in every place history keeps them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fingerprint } from '../../src/fingerprint.js';
import type { PurgeSecret } from '../../src/purge/index.js';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1',
};

export function sh(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', input, env: { ...process.env, ...GIT_ENV }, stdio: ['pipe', 'pipe', 'pipe'] });
}

export function write(root: string, rel: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}

export function commitAll(root: string, message: string): string {
  sh(root, ['add', '-A']);
  sh(root, ['commit', '-q', '--allow-empty', '-m', message]);
  return sh(root, ['rev-parse', 'HEAD']).trim();
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function cleanup(...dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

// Planted values (fake, shaped like the real thing).
export const S = {
  githubToken: 'ghp_Zk3pQ9wXy7Lm2Nv8Rt4Bc6Df1Gh5Jk0Mn3P',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
  inMessage: 'hunter2-Very-Secret-Passphrase-77',
  onBranch: 'sk_live_51HxYzAbCdEfGhIjKlMnOpQrSt',
  stashOnly: 'xoxb-1234567890-abcdefghijklmnopqrst',
  jjOnly: 'glpat-AbCdEfGhIjKlMnOpQrSt',
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDfakefakefakefakefakefakefakefakefakefakefakeAAAAJgAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
  inBinary: 'BINARY-SECRET-0123456789abcdef',
};

export function purgeSecret(value: string, rule: string, paths: string[] = []): PurgeSecret {
  return { value, rule, fingerprint: fingerprint(rule, value), paths };
}

export interface Fixture {
  root: string;
  origin: string;
  secrets: PurgeSecret[];
  /** Paths that never held a secret, with their content at HEAD of main. */
  cleanPaths: string[];
}

/**
 * A chezmoi-like repo: secrets in old commits of main, a renamed file, a commit message, an
 * annotated tag message, a side branch (with a private key block), two stash entries, a
 * refs/jj/keep ref on a commit no branch reaches, a branch only on the remote, and binary files.
 */
export function buildRepo(opts: { binarySecret?: boolean } = {}): Fixture {
  const base = tempDir('purge-fixture-');
  const root = join(base, 'source');
  const origin = join(base, 'origin.git');
  mkdirSync(root);
  sh(root, ['init', '-q', '-b', 'main']);
  write(root, 'README.md', '# dotfiles\n');
  write(root, 'dot_bashrc', 'export EDITOR=vim\n');
  write(root, 'dot_config/app/config.toml', `[auth]\ntoken = "${S.githubToken}"\nuser = "me"\n`);
  const bin = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from('plain binary without secrets')]);
  write(root, 'assets/logo.png', bin);
  commitAll(root, 'initial dotfiles');
  write(root, 'dot_aws/credentials', `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${S.awsSecret}\n`);
  commitAll(root, 'aws credentials');
  // Rename: the secret moves to a new path.
  renameSync(join(root, 'dot_config/app/config.toml'), join(root, 'dot_config/app/private_config.toml'));
  commitAll(root, 'rename config');
  write(root, 'dot_bashrc', 'export EDITOR=vim\nalias ll="ls -l"\n');
  commitAll(root, `shell alias (and by mistake the passphrase ${S.inMessage})`);
  sh(root, ['tag', '-a', 'v1', '-m', `release v1; vault pass ${S.inMessage}`]);
  sh(root, ['tag', 'light']);
  if (opts.binarySecret) {
    write(root, 'assets/blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(S.inBinary)]));
    commitAll(root, 'binary with a secret');
  }

  sh(root, ['checkout', '-q', '-b', 'feature']);
  write(root, '.chezmoidata.yaml', `stripe:\n  key: ${S.onBranch}\n`);
  write(root, 'private_dot_ssh/private_id_ed25519', S.privateKey);
  commitAll(root, 'feature: stripe and ssh key');
  sh(root, ['checkout', '-q', 'main']);

  // The secrets leave main's tip (as after `migrate`), but stay in its history.
  write(root, 'dot_config/app/private_config.toml', '[auth]\ntoken = "{{ .github.token }}"\nuser = "me"\n');
  sh(root, ['rm', '-q', 'dot_aws/credentials']);
  commitAll(root, 'move secrets to sops');

  // Two stash entries: the older one is reachable only through the refs/stash reflog.
  write(root, 'dot_bashrc', `export EDITOR=vim\nexport SLACK=${S.stashOnly}\n`);
  sh(root, ['stash', 'push', '-q', '-m', 'slack token wip']);
  write(root, 'README.md', '# dotfiles\n\nwork in progress\n');
  sh(root, ['stash', 'push', '-q', '-m', 'readme wip']);

  // A jj-style keep ref on a commit that no branch reaches.
  const blob = sh(root, ['hash-object', '-w', '--stdin'], `token: ${S.jjOnly}\n`).trim();
  const tree = sh(root, ['mktree'], `100644 blob ${blob}\tdot_gitlab\n`).trim();
  const head = sh(root, ['rev-parse', 'HEAD']).trim();
  const keep = sh(root, ['commit-tree', tree, '-p', head, '-m', 'jj working-copy snapshot']).trim();
  sh(root, ['update-ref', `refs/jj/keep/${keep}`, keep]);

  // A remote with a branch that exists only there.
  sh(base, ['init', '-q', '--bare', origin]);
  sh(root, ['remote', 'add', 'origin', origin]);
  sh(root, ['push', '-q', 'origin', 'main', 'feature', 'v1']);
  sh(root, ['push', '-q', 'origin', 'feature:refs/heads/old-feature']);
  sh(root, ['fetch', '-q', 'origin']);

  const secrets = [
    purgeSecret(S.githubToken, 'secretlint/github', ['dot_config/app/config.toml']),
    purgeSecret(S.awsSecret, 'secretlint/aws', ['dot_aws/credentials']),
    purgeSecret(S.inMessage, 'generic/password'),
    purgeSecret(S.onBranch, 'secretlint/stripe', ['.chezmoidata.yaml']),
    purgeSecret(S.stashOnly, 'secretlint/slack'),
    purgeSecret(S.jjOnly, 'generic/gitlab'),
    purgeSecret(S.privateKey, 'secretlint/privatekey', ['private_dot_ssh/private_id_ed25519']),
  ];
  if (opts.binarySecret) secrets.push(purgeSecret(S.inBinary, 'generic/test', ['assets/blob.bin']));
  return { root, origin, secrets, cleanPaths: ['README.md', 'dot_bashrc', 'assets/logo.png'] };
}

/** Every file under dir (the object store included, packs and loose objects decompressed by git below). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

/**
 * Independent of the library: every object's content (`cat-file --batch-all-objects`, reachable or
 * not), every ref name, and every plain file under .git, searched for each needle.
 */
export function whereFound(root: string, needles: string[]): string[] {
  const objects = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch'], { cwd: root, maxBuffer: 1 << 28 });
  const refs = sh(root, ['for-each-ref', '--format=%(refname)']);
  const hits: string[] = [];
  for (const n of needles) {
    if (objects.includes(Buffer.from(n))) hits.push(`object: ${n.slice(0, 8)}`);
    if (refs.includes(n)) hits.push(`ref: ${n.slice(0, 8)}`);
    for (const f of filesUnder(join(root, '.git'))) {
      if (f.includes(`${join(root, '.git', 'objects')}/`)) continue;
      if (statSync(f).size < 64 << 20 && readFileSync(f).includes(Buffer.from(n))) hits.push(`${f.slice(root.length + 1)}: ${n.slice(0, 8)}`);
    }
  }
  return hits;
}
