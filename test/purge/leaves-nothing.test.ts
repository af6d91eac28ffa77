// Issue 16, "Purge says Verified when it is not": real repositories, the real history scan through
// the CLI, real git-filter-repo, and an independent search of everything under .git afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { planPurge, verifyPurged } from '../../src/purge/index.js';
import { cleanup, commitAll, GIT_ENV, purgeSecret, sh, tempDir, whereFound, write } from './fixture.js';
import { requireTool } from '../tools.js';

beforeAll(() => requireTool('git-filter-repo'));

const bin = join(process.cwd(), 'bin', 'chezmoi-sops');
const KEY_LINES = [
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACDxq3Jv8kLmNpRsTuVwXyZaBcDeFgHiJkLmNoPqRsTuVwAAAJgAAAAA',
  'AAAAC3NzaC1lZDI1NTE5AAAAIN8q3Jv8kLmNpRsTuVwXyZaBcDeFgHiJkLmNoPqR',
];
const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_LINES.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
const TOKEN = 'ghp_Zk3pQ9wXy7Lm2Nv8Rt4Bc6Df1Gh5Jk0Mn3P';
const ADDRESS = 'rain.doe.private@gmail.com';
const IDENTITY = { GIT_AUTHOR_NAME: 'Rain Doe', GIT_AUTHOR_EMAIL: ADDRESS, GIT_COMMITTER_NAME: 'Rain Doe', GIT_COMMITTER_EMAIL: ADDRESS };

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function git(root: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A repo whose secrets live in old commits only: an indented key block, the same key JSON-escaped, a token. */
function repoWithBlocks(env: NodeJS.ProcessEnv = {}): string {
  const root = join(tempDir('purge-blocks-'), 'src');
  mkdirSync(root);
  const run = (args: string[]) => git(root, args, env);
  run(['init', '-q', '-b', 'main']);
  write(root, '.chezmoidata.yaml', `ssh_key: |\n${KEY.trimEnd().split('\n').map((l) => `  ${l}`).join('\n')}\ngithub:\n  token: ${TOKEN}\n`);
  write(root, '.chezmoidata/deploy.json', JSON.stringify({ deploy: { private_key: KEY } }, null, 2) + '\n');
  write(root, 'private_dot_ssh/private_id_ed25519.tmpl', '{{ .ssh_key }}');
  write(root, 'dot_tokenrc.tmpl', 'token={{ .github.token }}\n');
  run(['add', '-A']);
  run(['commit', '-q', '-m', 'dotfiles']);
  // The secrets leave the tip (as after `migrate --write`), but stay in history.
  write(root, '.chezmoidata.yaml', 'editor: vim\n');
  write(root, '.chezmoidata/deploy.json', '{}\n');
  write(root, 'private_dot_ssh/private_id_ed25519.tmpl', 'moved\n');
  write(root, 'dot_tokenrc.tmpl', 'moved\n');
  run(['add', '-A']);
  run(['commit', '-q', '-m', 'move secrets out']);
  return root;
}

describe('a key stored as an indented YAML block and JSON-escaped', () => {
  let root: string;
  beforeAll(() => { root = repoWithBlocks(); });
  afterAll(() => cleanup(dirname(root)));

  it('verification sees the stored forms although the value is the decoded text (before any purge)', async () => {
    // The value as the scanner reports it is nowhere verbatim in the repository.
    expect(whereFound(root, [KEY])).toEqual([]);
    const remaining = await verifyPurged(root, [purgeSecret(KEY, 'variable/secret')]);
    expect(remaining.filter((r) => r.where === 'object').length).toBeGreaterThanOrEqual(2); // the YAML and the JSON blob
    expect(JSON.stringify(remaining)).not.toContain(KEY_LINES[0]);
  });

  it('purge run removes every line of it in every form, verified; history and a second plan find nothing', () => {
    const r = cli(['purge', 'run', root, '--yes', '--backup-dir', join(dirname(root), 'backups')]);
    expect(r.stderr).not.toMatch(/TypeError|at .*\.js/);
    expect(r.stdout).toMatch(/Verified/);
    expect(r.status).toBe(0);
    expect(whereFound(root, [...KEY_LINES, TOKEN])).toEqual([]);
    for (const l of KEY_LINES) expect(r.stdout + r.stderr).not.toContain(l);
    // What is left is the tool's own placeholder: never a finding.
    expect(git(root, ['show', 'HEAD~1:.chezmoidata.yaml'])).toContain('  ***REMOVED***\n');
    const h = cli(['history', root]);
    expect(h.stdout).toMatch(/0 secret findings/);
    expect(h.status).toBe(0);
    const again = cli(['purge', 'plan', root]);
    expect(again.stdout).toMatch(/Nothing to purge/);
    expect(again.status).toBe(0);
  });
});

describe('a placeholder the purge wrote is never a finding, even where an override says secret', () => {
  it('second purge plan and history: nothing', () => {
    const root = join(tempDir('purge-override-'), 'src');
    mkdirSync(root);
    try {
      sh(root, ['init', '-q', '-b', 'main']);
      // A value no rule would flag by itself, made a secret by the user's override.
      write(root, '.chezmoi-sops.yaml', 'overrides:\n  wifi.psk: secret\n');
      write(root, '.chezmoidata.yaml', 'wifi:\n  psk: correct-horse-battery\n');
      commitAll(root, 'wifi');
      write(root, '.chezmoidata.yaml', 'wifi: {}\n');
      commitAll(root, 'moved');
      expect(cli(['history', root]).status).toBe(1);
      const r = cli(['purge', 'run', root, '--yes', '--backup-dir', join(dirname(root), 'b')]);
      expect(r.stdout).toMatch(/Verified/);
      expect(r.status).toBe(0);
      expect(git(root, ['show', 'HEAD~1:.chezmoidata.yaml'])).toContain('psk: ***REMOVED***');
      const h = cli(['history', root]);
      expect(h.stdout).not.toMatch(/\*\*\*\*/);
      expect(h.status).toBe(0);
      const plan = cli(['purge', 'plan', root]);
      expect(plan.stdout).toMatch(/Nothing to purge/);
      expect(plan.status).toBe(0);
      expect(cli(['purge', 'run', root, '--yes', '--backup-dir', join(dirname(root), 'b')]).status).toBe(0);
    } finally {
      cleanup(dirname(root));
    }
  });
});

describe('values still in the checked-out files (HEAD)', () => {
  it('purge run refuses (exit 2), names the files and points at migrate; nothing changes; --include-head goes on', () => {
    const root = join(tempDir('purge-head-'), 'src');
    mkdirSync(root);
    try {
      sh(root, ['init', '-q', '-b', 'main']);
      write(root, 'dot_config/gh/private_hosts.yml', `github.com:\n    oauth_token: ${TOKEN}\n`);
      write(root, 'dot_bashrc', 'export EDITOR=vim\n');
      commitAll(root, 'gh hosts');
      const refs = sh(root, ['for-each-ref']);
      const plan = cli(['purge', 'plan', root]);
      expect(plan.stdout).toMatch(/STILL IN USE at HEAD[\s\S]*dot_config\/gh\/private_hosts\.yml/);
      const r = cli(['purge', 'run', root, '--yes', '--backup-dir', join(dirname(root), 'b')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/dot_config\/gh\/private_hosts\.yml/);
      expect(r.stderr).toMatch(/migrate --write/);
      expect(r.stderr).toMatch(/--include-head/);
      expect(r.stderr).not.toContain('Zk3pQ9wXy7');
      expect(sh(root, ['for-each-ref'])).toBe(refs);
      expect(readFileSync(join(root, 'dot_config/gh/private_hosts.yml'), 'utf8')).toContain(TOKEN);
      const forced = cli(['purge', 'run', root, '--yes', '--include-head', '--backup-dir', join(dirname(root), 'b')]);
      expect(forced.status).toBe(0);
      expect(readFileSync(join(root, 'dot_config/gh/private_hosts.yml'), 'utf8')).toContain('***REMOVED***');
    } finally {
      cleanup(dirname(root));
    }
  });
});

describe('a private address that is also the commit author (--include-review)', () => {
  let root: string;
  beforeAll(() => {
    root = join(tempDir('purge-author-'), 'src');
    mkdirSync(root);
    const run = (args: string[]) => git(root, args, IDENTITY);
    run(['init', '-q', '-b', 'main']);
    write(root, '.chezmoidata.yaml', `personal:\n  email: ${ADDRESS}\ngithub:\n  token: ${TOKEN}\n`);
    write(root, 'dot_gitconfig.tmpl', '[user]\n  email = {{ .personal.email }}\n');
    run(['add', '-A']);
    run(['commit', '-q', '-m', 'dotfiles']);
    run(['tag', '-a', 'v1', '-m', 'first']);
    write(root, '.chezmoidata.yaml', 'editor: vim\n');
    write(root, 'dot_gitconfig.tmpl', '[user]\n  email = {{ .email }}\n');
    run(['add', '-A']);
    run(['commit', '-q', '-m', 'move out']);
  });
  afterAll(() => cleanup(dirname(root)));

  it('history does not print the full address in its "introduced" lines', () => {
    const h = cli(['history', root]);
    expect(h.stdout).toMatch(/introduced \w+ [\d-]+ Rain Doe <rain\*\*\*\*>/);
    expect(h.stdout).not.toContain(ADDRESS);
    expect(cli(['history', root, '--format', 'json']).stdout).not.toContain(ADDRESS);
  });

  it('plan says the identities are rewritten through a mailmap (not "in the commit message")', () => {
    const p = cli(['purge', 'plan', root, '--include-review']);
    expect(p.stdout).toMatch(/0 in the commit message/);
    expect(p.stdout).toMatch(/author, committer or tagger address[\s\S]*mailmap/);
    expect(p.stdout).toMatch(/rain\*\*\*\* \(variable\/review/);
    expect(p.stdout + p.stderr).not.toContain(ADDRESS);
    const dir = /Expressions file[^:]*: (\S+)\/expressions\.txt/.exec(p.stdout)![1]!;
    cleanup(dir);
  });

  it('run rewrites the identities, verifies, and no address is left in any object, reflog or ref', () => {
    const r = cli(['purge', 'run', root, '--yes', '--include-review', '--backup-dir', join(dirname(root), 'b')], IDENTITY);
    expect(r.stdout).toMatch(/Verified/);
    expect(r.status).toBe(0);
    expect(git(root, ['log', '--all', '--format=%an <%ae> %cn <%ce>'])).toMatch(/^(Rain Doe <\*\*\*REMOVED\*\*\*> Rain Doe <\*\*\*REMOVED\*\*\*>\n)+$/);
    expect(git(root, ['cat-file', 'tag', 'v1'])).toContain('tagger Rain Doe <***REMOVED***>');
    expect(whereFound(root, [ADDRESS, TOKEN])).toEqual([]);
    expect(cli(['purge', 'plan', root, '--include-review']).status).toBe(0);
  });
});

describe('restore with two stash entries', () => {
  it('the text output prints the multi-stash commands, and they put back every ref and the stash list exactly', () => {
    const root = repoWithBlocks();
    try {
      write(root, 'dot_tokenrc.tmpl', `token=${TOKEN}\n`);
      sh(root, ['stash', 'push', '-q', '-m', 'token wip']);
      write(root, 'dot_tokenrc.tmpl', 'other\n');
      sh(root, ['stash', 'push', '-q', '-m', 'other wip']);
      const state = () => sh(root, ['for-each-ref', '--format=%(refname) %(objectname)']) + sh(root, ['stash', 'list', '--format=%H %gs']);
      const before = state();
      expect(before).toMatch(/On main: token wip[\s\S]*On main: other wip|On main: other wip[\s\S]*On main: token wip/);
      const r = cli(['purge', 'run', root, '--yes', '--backup-dir', join(dirname(root), 'backups')]);
      expect(r.status).toBe(0);
      expect(state()).not.toBe(before);
      const block = r.stdout.split('To undo the purge later')[1]!.split('\n\n')[0]!;
      const commands = block.split('\n').slice(1).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
      expect(commands.filter((c) => c.includes('update-ref --create-reflog'))).toHaveLength(2);
      execFileSync('sh', ['-e', '-c', commands.join('\n')], { cwd: root, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' });
      expect(state()).toBe(before);
    } finally {
      cleanup(dirname(root));
    }
  });
});

describe('planPurge on the library level', () => {
  it('counts identity commits apart from messages', async () => {
    const root = join(tempDir('purge-lib-'), 'src');
    mkdirSync(root);
    try {
      git(root, ['init', '-q', '-b', 'main'], IDENTITY);
      write(root, 'a', 'x\n');
      git(root, ['add', '-A'], IDENTITY);
      git(root, ['commit', '-q', '-m', 'one'], IDENTITY);
      const plan = await planPurge(root, [purgeSecret(ADDRESS, 'variable/review')]);
      expect(plan.identities).toBe(1);
      expect(plan.mailmapFile).toBeDefined();
      expect(statSync(plan.mailmapFile!).mode & 0o777).toBe(0o600);
      expect(readFileSync(plan.mailmapFile!, 'utf8')).toBe(`<***REMOVED***> <${ADDRESS}>\n`);
      expect(plan.atHead).toEqual([]);
      cleanup(dirname(plan.expressionsFile));
    } finally {
      cleanup(dirname(root));
    }
  });
});
