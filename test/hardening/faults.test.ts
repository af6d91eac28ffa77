// Faults during writes. Already covered elsewhere (not repeated here):
// - test/migrate/e2e.test.ts: a failure injected after each write step (CHEZMOI_SOPS_FAULT=<step>)
//   restores the exact original bytes; a real write failure part way (Nix file cannot be created).
// - test/migrate/backup.test.ts: the backup restores bytes and modes, removes created files and dirs.
// - test/purge/run.test.ts: a purge that fails part way (git-filter-repo stops on a ref lock)
//   returns restore commands that bring back the exact refs and stash.
// Added here: the process KILLED after each migrate step (no restore code runs: the on-disk backup
// must be enough), and the purge failure through the CLI (the printed commands are what a user has).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { Backup } from '../../src/fsutil/backup.js';
import { WRITE_STEPS } from '../../src/migrate/index.js';
import { cli, committedRepo, scratch, STACK_FRAME } from './helpers.js';
import { buildRepo, cleanup as removeDirs, GIT_ENV, sh } from '../purge/fixture.js';

/** Every file under the dirs (not .git) with its mode and bytes. */
function snapshot(...dirs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (root: string, d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (name !== '.git') walk(root, p);
      } else out[`${root}:${relative(root, p)}`] = `${(st.mode & 0o777).toString(8)}:${readFileSync(p).toString('base64')}`;
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d, d);
  return out;
}

describe('migrate --write killed after each step', () => {
  let base: string;
  let done: () => void;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ({ dir: base, cleanup: done } = scratch('faults'));
    const identity = await generateIdentity();
    env = { SOPS_AGE_KEY: identity };
    mkdirSync(join(base, 'nixos'));
    writeFileSync(join(base, 'nixos', '.sops.yaml'), `creation_rules:\n  - age: ${await identityToRecipient(identity)}\n`);
  });
  afterAll(() => done());

  it.each(WRITE_STEPS.map((s) => [s]))('killed after %s: the backup left under .git restores the exact original state', (step) => {
    const src = join(base, `src-${step}`);
    const nixos = join(base, 'nixos', step);
    committedRepo(src, {
      '.chezmoidata.yaml': 'github:\n  token: ghp_K1lledQ9wXy7Lm2Nv8Rt4Bc6Df1Gh5Jk0Mn\nname: me\n',
      'dot_gitconfig.tmpl': '[github]\n  token = {{ .github.token }}\n  user = {{ .name }}\n',
      'private_dot_netrc.tmpl': 'machine github.com password {{ .github.token }}\n',
    });
    execFileSync('chmod', ['600', join(src, 'private_dot_netrc.tmpl')]);
    const before = snapshot(src, join(base, 'nixos'));

    const r = cli(['migrate', src, '--sops-file', join(nixos, 'secrets', 'x.yaml'), '--nix-out', join(nixos, 'secrets.nix'), '--write'], {
      env: { ...env, CHEZMOI_SOPS_FAULT: `${step}:kill` },
    });
    expect(r.status).toBeNull(); // killed: no exit code, no restore ran

    // What a user finds: one backup with a manifest, private to them.
    const root = join(src, '.git', 'chezmoi-sops');
    const [dir] = readdirSync(root);
    expect(readdirSync(root)).toHaveLength(1);
    expect(statSync(join(root, dir!)).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, dir!, 'manifest.json')).mode & 0o777).toBe(0o600);
    return Backup.open(join(root, dir!)).then(async (backup) => {
      await backup.restore();
      await backup.discard();
      expect(snapshot(src, join(base, 'nixos'))).toEqual(before);
      expect(existsSync(root)).toBe(false);
    });
  });
});

describe('purge run failing part way, through the CLI', () => {
  it('prints the bundle and the restore commands; running them brings back the exact refs and stash', () => {
    const f = buildRepo();
    try {
      const refState = () => sh(f.root, ['for-each-ref', '--format=%(refname) %(objectname)']) + sh(f.root, ['reflog', 'show', '--format=%H', 'refs/stash', '--']);
      const original = refState();
      // A stale ref lock: git-filter-repo rewrites and updates the other refs, then fails on this one.
      const lock = join(f.root, '.git', 'refs', 'heads', 'feature.lock');
      writeFileSync(lock, '');
      const r = cli(['purge', 'run', f.root, '--yes', '--backup-dir', join(dirname(f.root), 'backups')], { env: GIT_ENV, timeout: 60_000 });
      expect(r.status).toBe(1); // purge's contract: 1 = run not verified
      expect(r.stderr + r.stdout).not.toMatch(STACK_FRAME);
      expect(refState()).not.toBe(original); // really partly rewritten
      const out = r.stdout + r.stderr;
      expect(out).toMatch(/the purge stopped part way/);
      const start = out.indexOf('To restore the original history from the backup:');
      expect(start).toBeGreaterThan(-1);
      const block = out.slice(start).split('\n').slice(1);
      const commands = block.slice(0, block.indexOf('')).map((l) => l.trim()).filter((l) => !l.startsWith('#'));
      expect(commands.some((c) => /\.bundle/.test(c))).toBe(true);
      unlinkSync(lock);
      execFileSync('sh', ['-e', '-c', commands.join('\n')], { cwd: f.root, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' });
      expect(refState()).toBe(original);
    } finally {
      removeDirs(dirname(f.root));
    }
  });
});
