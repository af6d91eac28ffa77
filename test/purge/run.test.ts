import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { discardPlan, planPurge, runPurge, verifyPurged, PurgeError, type PurgePlan, type PurgeRunResult } from '../../src/purge/index.js';
import { buildRepo, cleanup, GIT_ENV, S, sh, write, type Fixture } from './fixture.js';
import { requireTool } from '../tools.js';

beforeAll(() => requireTool('git-filter-repo'));

/**
 * Independent of the library: list every object with --batch-check, read them all back with
 * `git cat-file --batch` and look for the raw bytes of each value.
 */
function objectsContaining(repo: string, values: string[]): string[] {
  const ids = sh(repo, ['cat-file', '--batch-all-objects', '--batch-check=%(objectname)']).trim().split('\n');
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: repo, input: ids.join('\n') + '\n', maxBuffer: 1 << 28 });
  const hits: string[] = [];
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    const [id, type, size] = out.subarray(at, nl).toString().split(' ');
    const data = out.subarray(nl + 1, nl + 1 + Number(size));
    for (const v of values) if (data.includes(Buffer.from(v))) hits.push(`${type} ${id}`);
    at = nl + 1 + Number(size) + 1;
  }
  expect(at).toBe(out.length);
  return hits;
}

/** Every ref, with what it points at, plus the whole stash list (the exact state a restore must bring back). */
function refState(repo: string): string {
  return sh(repo, ['for-each-ref', '--format=%(refname) %(objectname)']) + sh(repo, ['reflog', 'show', '--format=%H', 'refs/stash', '--']);
}

/** path -> blob id for the given paths in every commit of a ref, oldest first (independent of commit ids). */
function blobsAlongRef(repo: string, ref: string, paths: string[]): string[] {
  const commits = sh(repo, ['rev-list', '--topo-order', '--reverse', ref]).trim().split('\n');
  return commits.map((c) => paths.map((p) => sh(repo, ['ls-tree', c, '--', p]).trim()).join('|'));
}

function runShell(lines: string[], cwd: string): void {
  execFileSync('sh', ['-e', '-c', lines.filter((l) => !l.startsWith('#')).join('\n')], { cwd, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' });
}

describe('purge run on a repository with secrets everywhere history keeps them', () => {
  let f: Fixture;
  let backupDir: string;
  let result: PurgeRunResult;
  let expressionsFile: string;
  let refsBefore: string[];
  let pristine: string;
  let original: string;
  let plan: PurgePlan;

  beforeAll(async () => {
    f = buildRepo();
    original = refState(f.root);
    backupDir = join(dirname(f.root), 'backups');
    refsBefore = sh(f.root, ['for-each-ref', '--format=%(refname)']).trim().split('\n');
    // A pristine copy to compare the files that held no secret with.
    pristine = join(dirname(f.root), 'pristine.git');
    sh(dirname(f.root), ['clone', '-q', '--mirror', f.root, pristine]);
    plan = await planPurge(f.root, f.secrets);
    expressionsFile = plan.expressionsFile;
    result = await runPurge(f.root, plan, f.secrets, { yes: true, backupDir });
  });
  afterAll(() => cleanup(dirname(f.root)));

  it('verifies, and an independent read of every object agrees that no value is left', async () => {
    expect(result.problems).toEqual([]);
    expect(result.remaining).toEqual([]);
    expect(result.verified).toBe(true);
    expect(await verifyPurged(f.root, f.secrets)).toEqual([]);
    const values = f.secrets.map((s) => s.value);
    expect(objectsContaining(f.root, values)).toEqual([]);
    // The planted values were really there before (the pristine mirror still has them all).
    for (const v of values) expect(objectsContaining(pristine, [v]).length).toBeGreaterThan(0);
    const messages = sh(f.root, ['log', '--all', '--format=%B']) + sh(f.root, ['for-each-ref', '--format=%(contents)', 'refs/tags']);
    expect(messages).toContain('***REMOVED***');
    for (const v of values) expect(messages).not.toContain(v);
  });

  it('replaces the values in place and keeps every ref, the stash and the keep ref', () => {
    expect(sh(f.root, ['show', 'feature:.chezmoidata.yaml'])).toBe('stripe:\n  key: ***REMOVED***\n');
    expect(sh(f.root, ['show', 'feature:private_dot_ssh/private_id_ed25519'])).toBe('***REMOVED***');
    expect(sh(f.root, ['show', 'main~2:dot_config/app/private_config.toml'])).toContain('token = "***REMOVED***"');
    expect(sh(f.root, ['show', 'main~4:dot_config/app/config.toml'])).toContain('token = "***REMOVED***"');
    expect(sh(f.root, ['for-each-ref', '--format=%(refname)']).trim().split('\n')).toEqual(refsBefore);
    const stash = sh(f.root, ['stash', 'list']);
    expect(stash).toMatch(/stash@\{0\}: On main: readme wip\nstash@\{1\}: On main: slack token wip\n/);
    expect(sh(f.root, ['show', 'stash@{1}:dot_bashrc'])).toBe('export EDITOR=vim\nexport SLACK=***REMOVED***\n');
    const keep = sh(f.root, ['for-each-ref', '--format=%(refname)', 'refs/jj/keep/']).trim();
    expect(sh(f.root, ['show', `${keep}:dot_gitlab`])).toBe('token: ***REMOVED***\n');
    expect(result.log.join('\n')).toContain('jj git import');
  });

  it('leaves every file that held no secret byte-identical at every commit of every ref', () => {
    for (const ref of ['refs/heads/main', 'refs/heads/feature', 'refs/stash', 'refs/remotes/origin/old-feature']) {
      const before = blobsAlongRef(pristine, ref, f.cleanPaths);
      expect(before.length).toBeGreaterThan(1);
      expect(blobsAlongRef(f.root, ref, f.cleanPaths)).toEqual(before);
    }
  });

  it('the plan predicted exactly the commits and refs that changed (as git-filter-repo reports them)', () => {
    const map = readFileSync(join(f.root, '.git', 'filter-repo', 'commit-map'), 'utf8').trim().split('\n').slice(1)
      .map((l) => l.split(/\s+/)).filter(([a, b]) => a !== b);
    expect(plan.commitsAffected).toBe(map.length);
    const refMap = readFileSync(join(f.root, '.git', 'filter-repo', 'ref-map'), 'utf8').trim().split('\n').slice(1)
      .map((l) => l.split(/\s+/)).filter(([a, b, ref]) => a !== b && !ref!.startsWith('refs/chezmoi-sops/')).map(([, , ref]) => ref);
    expect([...plan.refs].sort()).toEqual(refMap.sort());
  });

  it('keeps the backup (0600) and deletes the expressions file; prints push commands, never pushes', () => {
    expect(existsSync(expressionsFile)).toBe(false);
    expect(existsSync(dirname(expressionsFile))).toBe(false);
    expect(statSync(result.backup).mode & 0o777).toBe(0o600);
    expect(sh(f.root, ['bundle', 'list-heads', result.backup])).toContain('refs/chezmoi-sops/stash/1');
    expect(result.commandsToPush).toEqual([
      'git push --force --all origin',
      'git push --force --tags origin',
      'git push --force origin refs/remotes/origin/old-feature:refs/heads/old-feature',
    ]);
    // The remote still has the old history: nothing was pushed.
    expect(objectsContaining(f.origin, [S.githubToken]).length).toBeGreaterThan(0);
    expect(sh(f.root, ['remote'])).toBe('origin\n');
  });

  it('the printed restore commands bring back the exact original refs and stash', () => {
    runShell(result.restoreCommands, f.root);
    expect(refState(f.root)).toBe(original);
    expect(sh(f.root, ['show', 'stash@{1}:dot_bashrc'])).toContain(S.stashOnly);
  });
});

describe('purge run that fails part way', () => {
  it('returns the backup and restore commands that bring back the exact original refs and stash', async () => {
    const f = buildRepo();
    try {
      const original = refState(f.root);
      const plan = await planPurge(f.root, f.secrets);
      // A stale lock: fast-import rewrites and updates the other refs, then fails on this one.
      const lock = join(f.root, '.git', 'refs', 'heads', 'feature.lock');
      writeFileSync(lock, '');
      const r = await runPurge(f.root, plan, f.secrets, { yes: true, backupDir: join(dirname(f.root), 'b') });
      expect(r.verified).toBe(false);
      expect(r.problems.join('\n')).toMatch(/git-filter-repo failed/);
      expect(refState(f.root)).not.toBe(original); // really partly rewritten
      expect(existsSync(plan.expressionsFile)).toBe(false);
      unlinkSync(lock);
      runShell(r.restoreCommands, f.root);
      expect(refState(f.root)).toBe(original);
      expect(sh(f.root, ['status', '--porcelain'])).toBe('');
    } finally {
      cleanup(dirname(f.root));
    }
  });
});

describe('purge run reports what git-filter-repo cannot clean', () => {
  it('a secret in a binary file remains, is named in the plan and fails the verification', async () => {
    const f = buildRepo({ binarySecret: true });
    try {
      const plan = await planPurge(f.root, f.secrets);
      expect(plan.notCleaned.join('\n')).toMatch(/binary file assets\/blob\.bin/);
      // The binary file is still at HEAD: purging there is asked for explicitly.
      const r = await runPurge(f.root, plan, f.secrets, { yes: true, includeHead: true, backupDir: join(dirname(f.root), 'b') });
      expect(r.verified).toBe(false);
      expect(r.commandsToPush).toEqual([]); // never a push command after a failed verification
      expect(r.restoreCommands.length).toBeGreaterThan(0);
      expect(r.problems).toEqual([]);
      expect(r.remaining).toHaveLength(1);
      expect(r.remaining[0]!.where).toBe('object');
      expect(r.remaining[0]!.detail).toMatch(/assets\/blob\.bin.*BINA\*\*\*\*.*NUL byte/);
      expect(r.remaining[0]!.detail).not.toContain(S.inBinary);
      expect(objectsContaining(f.root, [S.inBinary])).toHaveLength(1);
      expect(objectsContaining(f.root, f.secrets.map((s) => s.value).filter((v) => v !== S.inBinary))).toEqual([]);
    } finally {
      cleanup(dirname(f.root));
    }
  });
});

describe('purge run refuses to start', () => {
  let f: Fixture;
  const plans: PurgePlan[] = [];
  const planFor = async (secrets = f.secrets) => {
    const p = await planPurge(f.root, secrets);
    plans.push(p);
    return p;
  };
  beforeAll(() => { f = buildRepo(); });
  afterAll(async () => {
    for (const p of plans) await discardPlan(p);
    cleanup(dirname(f.root));
  });

  it('without confirmation, and leaves the repository and the expressions file as they were', async () => {
    const before = refState(f.root);
    const plan = await planFor();
    await expect(runPurge(f.root, plan, f.secrets, { yes: false })).rejects.toThrow(/confirmation/);
    expect(refState(f.root)).toBe(before);
    expect(readFileSync(plan.expressionsFile, 'utf8')).toContain('regex:');
  });

  it('with uncommitted changes (filter-repo ends with reset --hard), a backup dir inside the repo, or a stale expressions file', async () => {
    const plan = await planFor();
    write(f.root, 'README.md', 'changed\n');
    await expect(runPurge(f.root, plan, f.secrets, { yes: true, backupDir: join(dirname(f.root), 'b') })).rejects.toThrow(/uncommitted changes/);
    sh(f.root, ['checkout', '--', 'README.md']);
    await expect(runPurge(f.root, plan, f.secrets, { yes: true, backupDir: join(f.root, 'bk') })).rejects.toThrow(/inside the repository/);
    const fewer = f.secrets.slice(1);
    await expect(runPurge(f.root, plan, fewer, { yes: true, backupDir: join(dirname(f.root), 'b') })).rejects.toThrow(PurgeError);
  });

  it('with a clear message when git-filter-repo is not installed', async () => {
    const bin = join(dirname(f.root), 'bin');
    const savedPath = process.env.PATH;
    try {
      // Only git itself on PATH: `git filter-repo` is not found (it is not in git's exec-path).
      execFileSync('mkdir', [bin]);
      execFileSync('ln', ['-s', execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git')]);
      const plan = await planFor();
      process.env.PATH = bin;
      await expect(runPurge(f.root, plan, f.secrets, { yes: true, backupDir: join(dirname(f.root), 'b') })).rejects.toThrow(/git-filter-repo is not installed.*apt-get install git-filter-repo/);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('verifyPurged finds a value left in a commit message, a ref name and a .git file', async () => {
    const secrets = f.secrets;
    sh(f.root, ['update-ref', `refs/heads/leak-${S.githubToken}`, 'HEAD']);
    const found = await verifyPurged(f.root, secrets);
    const where = new Set(found.map((r) => r.where));
    expect(where).toEqual(new Set(['object', 'message', 'ref', 'file']));
    expect(found.find((r) => r.where === 'file')!.detail).toMatch(/\.git\/(logs|packed-refs|refs)/);
    for (const r of found) for (const s of secrets) expect(r.detail).not.toContain(s.value);
  });
});
