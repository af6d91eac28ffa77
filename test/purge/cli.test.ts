import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildRepo, cleanup, GIT_ENV, S, sh, type Fixture } from './fixture.js';

const bin = join(process.cwd(), 'bin', 'chezmoi-sops');

function cli(args: string[]) {
  return spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('chezmoi-sops purge (CLI, with the real history scan)', () => {
  let f: Fixture;
  beforeAll(() => { f = buildRepo(); });
  afterAll(() => cleanup(dirname(f.root)));

  it('plan: exit 1, a JSON plan with the expressions file, no raw value on stdout or stderr', () => {
    const r = cli(['purge', 'plan', f.root, '--format', 'json']);
    expect(r.stderr).not.toMatch(/Error|TypeError/);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { plan: { expressionsFile: string; secrets: { redacted: string }[]; refs: string[] } };
    expect(existsSync(out.plan.expressionsFile)).toBe(true);
    expect(out.plan.secrets.map((s) => s.redacted)).toEqual(expect.arrayContaining(['ghp_****', 'wJal****']));
    expect(out.plan.refs).toContain('refs/heads/feature');
    for (const s of f.secrets) expect(r.stdout + r.stderr).not.toContain(s.value);
    // Found by the real scanner: in an old file, a renamed file, a side branch, an older stash entry, a keep ref.
    expect(out.plan.secrets.map((s) => s.redacted)).toEqual(expect.arrayContaining(['sk_l****', '----****', 'xoxb****', 'glpa****']));
    cleanup(dirname(out.plan.expressionsFile));
  });

  it('run without --yes and without a terminal: exit 2, nothing changed', () => {
    const before = sh(f.root, ['for-each-ref']);
    const r = cli(['purge', 'run', f.root]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
    expect(sh(f.root, ['for-each-ref'])).toBe(before);
  });

  it('run --yes: backup, rewrite, verified (exit 0), push commands printed, the found secrets gone', () => {
    const backups = join(dirname(f.root), 'backups');
    const r = cli(['purge', 'run', f.root, '--yes', '--backup-dir', backups]);
    expect(r.stderr).toMatch(/Backup written: .*\.bundle/);
    expect(r.stdout).toMatch(/Verified/);
    expect(r.stdout).toContain('git push --force --all origin');
    expect(r.status).toBe(0);
    for (const s of f.secrets) expect(r.stdout + r.stderr).not.toContain(s.value);
    expect(sh(f.root, ['show', 'main~4:dot_config/app/config.toml'])).not.toContain(S.githubToken);
    const grep = spawnSync('git', ['grep', '-F', S.githubToken, ...sh(f.root, ['rev-list', '--all']).trim().split('\n')], { cwd: f.root });
    expect(grep.status).toBe(1); // found nowhere
  });

  it('usage errors exit 2', () => {
    expect(cli(['purge']).status).toBe(2);
    expect(cli(['purge', 'frob', f.root]).status).toBe(2);
  });
});
