// Issue 16, "Done when": the one-shot migration leaves nothing. On the demo and on a realistic repo
// (hard-coded secrets of every kind, `with`/`range` data, a private address, a side branch, a tag,
// two stash entries, a deleted file, a token in a commit message), through the CLI only:
// `migrate --include-review --write`, a commit, `purge run --yes --include-review`; then `scan` and
// `history` exit 0, an independent search of every object, ref, reflog and file under .git and of
// the work tree finds none of the planted values, and a second migrate and purge plan change nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { cleanup, commitAll, GIT_ENV, sh, tempDir, whereFound, write } from './fixture.js';
import { LITERAL_FILES, SHAPES_DATA, SHAPES_TEMPLATES } from '../migrate/realistic-leaks.js';
import { requireTool } from '../tools.js';

const bin = join(process.cwd(), 'bin', 'chezmoi-sops');
const ADDRESS = 'rain.doe.private@gmail.com';
const SIDE_BRANCH = 'sk_live_51HxYzAbCdEfGhIjKlMnOpQrSt9';
const IN_STASH = ['glpat-Qm7vR2xK9pL4wT8nZc3B', 'xoxb-2234567890-abcdefghijklmnopqrstuv'];
const IN_MESSAGE = 'ghp_Mn3PZk3pQ9wXy7Lm2Nv8Rt4Bc6Df1Gh5Jk0A';
const DELETED = 'OldPassw0rd!Value9x';

/** Every value planted in the realistic repo, written out by hand (not taken from our own report). */
const PLANTED = [
  'gho_16C7e42F292c6912E7710c838347Ae178B4a', 'npm_Xb4kQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq0Ue5K',
  'cmFpbjpkY2tyX3BhdF9xOFZ0M0xyMFptNU54N0twMld5OUJjNEhk', 'K002xQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq',
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IkRmT3JMMnZ6In0.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoiYWRtaW4ifQ.q8Vt3Lr0Zm5Nx7Kp2Wy9Bc4Hd6Jf1Gs8Ta3Ue0RjXb4kQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq0',
  'Zq7!vR2#mK9pL4xW8nT', 'sk-proj-Xb4kQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq0Ue5KT3BlbkFJq8Vt3Lr0Zm5Nx7Kp2Wy9',
  'ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qj', 'ghp_Z9mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qk',
  'AKIAZ3MEXQ7V4PLR2J6N', 'q8Vt3Lr0Zm5Nx7Kp2Wy9Bc4Hd6Jf1Gs8Ta3Ue0Rj', 'Wc9eMb2rXa7gUz4kPq6L', 'Hf3uYq8cTj6wNp1sKd5V',
  'glpat-Xb4kQ9vTz2LmR7wPc8Nf', 'ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi',
  ADDRESS, SIDE_BRANCH, ...IN_STASH, IN_MESSAGE, DELETED,
];

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

/** The realistic repo, built commit by commit with the git CLI. */
function realisticRepo(root: string): void {
  sh(root, ['init', '-q', '-b', 'main']);
  write(root, '.chezmoidata.yaml', SHAPES_DATA);
  for (const [f, t] of Object.entries(SHAPES_TEMPLATES)) write(root, f, t);
  write(root, '.chezmoidata/identity.yaml', `name: Rain Doe\nemail_personal: ${ADDRESS}\n`);
  write(root, 'dot_gitconfig.tmpl', '[user]\n  name = {{ .name }}\n  email = {{ .email_personal }}\n');
  write(root, 'dot_old_secret', `password = "${DELETED}"\n`);
  commitAll(root, 'dotfiles');
  for (const [file, content] of LITERAL_FILES) write(root, file, content);
  sh(root, ['update-index', '--chmod=+x', '--add', 'executable_dot_local/bin/executable_deploy']);
  sh(root, ['rm', '-q', 'dot_old_secret']);
  commitAll(root, 'more dotfiles');
  sh(root, ['tag', '-a', 'v1.0', '-m', 'first release']);
  sh(root, ['checkout', '-q', '-b', 'experiment']);
  write(root, 'dot_config/side.env', `STRIPE_KEY=${SIDE_BRANCH}\n`);
  commitAll(root, 'try stripe');
  sh(root, ['checkout', '-q', 'main']);
  write(root, 'dot_bashrc', 'export EDITOR=vim\n');
  commitAll(root, `rotate the old key ${IN_MESSAGE}`);
  write(root, 'dot_bashrc', `export EDITOR=vim\nexport GITLAB_TOKEN=${IN_STASH[0]}\n`);
  sh(root, ['stash', 'push', '-q', '-m', 'wip: gitlab']);
  write(root, 'dot_bashrc', `export EDITOR=vim\nexport SLACK_BOT_TOKEN=${IN_STASH[1]}\n`);
  sh(root, ['stash', 'push', '-q', '-m', 'wip: slack']);
}

/** The demo, as the README's demo builds it; its values are what the first full history run reports. */
function demoRepo(root: string): void {
  execFileSync('bash', [join(process.cwd(), 'fixtures/demo/make-repo.sh'), root], { env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' });
}

/** Every line (of 16+ characters) of a multi-line value is searched on its own too, as in purge's own verification. */
const needlesOf = (values: string[]) => [...new Set(values.flatMap((v) => [v, ...v.split('\n').map((l) => l.trim()).filter((l) => l.length >= 16)]))];

/** Work-tree files (outside .git) holding a needle. */
function inWorkTree(root: string, needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== '.git') walk(p); continue; }
      const text = readFileSync(p);
      for (const n of needles) if (text.includes(Buffer.from(n))) hits.push(`${relative(root, p)}: ${n.slice(0, 8)}`);
    }
  };
  walk(root);
  return hits;
}

let identity: string;
beforeAll(async () => {
  requireTool('git-filter-repo');
  identity = await generateIdentity();
});

describe.each([
  { name: 'the demo', build: demoRepo, planted: null },
  { name: 'a realistic repo with every kind of leak', build: realisticRepo, planted: PLANTED },
])('one-shot migration of $name', ({ build, planted }) => {
  it('migrate --include-review --write, commit, purge run --yes --include-review: nothing is left anywhere; a second run changes nothing', async () => {
    const work = tempDir('cs-one-shot-');
    try {
      const root = join(work, 'chezmoi');
      mkdirSync(root);
      build(root);
      mkdirSync(join(work, 'nixos'));
      writeFileSync(join(work, 'nixos/.sops.yaml'), `creation_rules:\n  - path_regex: .*\\.yaml$\n    age: ${await identityToRecipient(identity)}\n`);
      const env = { SOPS_AGE_KEY: identity };
      const migrateArgs = ['migrate', root, '--sops-file', join(work, 'nixos/secrets.yaml'), '--include-review', '--format', 'json'];

      const before = JSON.parse(cli(['history', root, '--format', 'json', '--show-secrets']).stdout) as { findings: Array<{ secret: string }>; variables: Array<{ class: string; value: string }> };
      // What history reports: the findings, and the values to review (private addresses).
      const reportedValues = [...before.findings.map((f) => f.secret), ...before.variables.filter((v) => v.class === 'review' || v.class === 'secret').map((v) => v.value)];
      const values = planted ?? reportedValues;
      expect(values.length).toBeGreaterThan(5);
      if (planted) {
        // Every planted value is reported before the migration (recall on this repo).
        const reported = new Set(reportedValues);
        expect(planted.filter((v) => !reported.has(v))).toEqual([]);
      }

      const migrated = cli([...migrateArgs, '--write'], env);
      expect(migrated.stderr).toBe('');
      const m = JSON.parse(migrated.stdout) as { left: unknown[]; manual: unknown[]; written: boolean };
      expect({ left: m.left, manual: m.manual, written: m.written, status: migrated.status }).toEqual({ left: [], manual: [], written: true, status: 0 });
      sh(root, ['add', '-A']);
      sh(root, ['commit', '-q', '-m', 'Move secrets to sops']);

      const purged = cli(['purge', 'run', root, '--yes', '--include-review', '--backup-dir', join(work, 'backup')]);
      // The plan goes to stderr, redacted.
      expect(values.filter((v) => purged.stderr.includes(v) || purged.stdout.includes(v))).toEqual([]);
      expect(purged.stdout).toMatch(/^Verified: /m);
      expect(purged.status).toBe(0);

      expect(cli(['scan', root]).status).toBe(0);
      const history = cli(['history', root, '--format', 'json', '--show-secrets']);
      expect((JSON.parse(history.stdout) as { findings: unknown[] }).findings).toEqual([]);
      expect(history.status).toBe(0);

      const needles = needlesOf(values);
      expect(whereFound(root, needles)).toEqual([]);
      expect(inWorkTree(root, needles)).toEqual([]);
      // The stash list survived the rewrite, and the side branch and the tag are still there.
      if (planted) {
        expect(sh(root, ['stash', 'list']).trim().split('\n')).toHaveLength(2);
        expect(sh(root, ['for-each-ref', '--format=%(refname)']).split('\n')).toEqual(expect.arrayContaining(['refs/heads/experiment', 'refs/tags/v1.0']));
      }

      const again = cli(migrateArgs, env);
      expect(JSON.parse(again.stdout)).toMatchObject({ moved: [], manual: [], left: [], changed: [], written: false });
      expect(again.status).toBe(0);
      const plan = cli(['purge', 'plan', root, '--include-review', '--format', 'json']);
      expect((JSON.parse(plan.stdout) as { plan: unknown }).plan).toBeNull(); // nothing to purge
      expect(plan.status).toBe(0);
    } finally {
      cleanup(work);
    }
  }, 240_000);
});
