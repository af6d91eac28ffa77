// The acceptance walk: docs/migration-guide.md followed step by step on the demo repository
// (every `$ ` command, in order, exit codes and shown output checked), then the two promises of the
// guide checked independently of the tool: no planted secret in any object of the repository or any
// plain file of it, and every target renders (Go's template engine, gotmpl-oracle) to the same bytes
// as before, with the new data plus the secrets decrypted from the sops file the guide wrote.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractConfigData, mergeData, type DataFileResult } from '../../src/data/index.js';
import { entryForRepoPath } from '../../src/source/index.js';

const isDataFile = (rel: string) => entryForRepoPath(rel, '').entry.kind === 'data';
import { parseDataFile } from '../../src/data/index.js';
import { parseIdentities } from '../../src/migrate/sops/keys.js';
import { readSopsSecrets } from '../../src/migrate/sops/index.js';
import { findOracle, RenderSandbox } from '../migrate/oracle-render.js';
import { DocHome, readDoc, runSession, type SessionResult } from './doc-runner.js';
import { nixParse } from '../tools.js';

// The values fixtures/demo plants (source/ and make-repo.sh): the inputs of the walk, not its output.
const PLANTED: Record<string, string> = {
  acoustid_api: 'Xt8kPq2mZr',
  'github.token': 'ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi',
  weather_api_key: '8c1f2e9a7b3d4f6e0a5c9b2d7e1f4a3c',
  'aws access key id': 'AKIAZ3MEXQ7V4PLR2J6N',
  'aws secret access key': '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',
  'netrc password (deleted commit)': 'hunter2-Corr3ct-H0rse-Battery',
  'slack token (side branch)': 'xoxb-2048718293-5120384756-Qm3Rt8Vw2Yz5Bn7Kc4Xp1Lh9',
  'openai key (stash only)': 'sk-proj-Hf8Kq2Vx7Lm3Np9Rt4Wz6Yb1Cd5Ge0Jk',
};
// What the guide's `migrate --write` must put into the sops file (name -> value).
const MOVED: Record<string, string> = {
  acoustid_api: PLANTED.acoustid_api!,
  'github/token': PLANTED['github.token']!,
  weather_api_key: PLANTED.weather_api_key!,
  'aws/access_key_id': PLANTED['aws access key id']!,
  'aws/secret_access_key': PLANTED['aws secret access key']!,
};
// The user's own example (issue 5): this stanza must come out exactly.
const USER_STANZA = `    sops.secrets.acoustid_api = {
      sopsFile = lib.custom.relativeToRoot "secrets/dotfiles.yaml";
      path = "/run/secrets/acoustid_api";
      owner = config.users.users.rain.name;
      mode = "0400";
    };`;

const CHEZMOI = { os: 'linux', arch: 'amd64', hostname: 'tern', username: 'rain' };

let home: DocHome;
let oracle: string;
let sandbox: RenderSandbox;
let session: SessionResult;
let before: Map<string, string>;
let objectsBefore: string;

function git(args: string[], input?: string): string {
  return execFileSync('git', args, { cwd: home.repo, env: home.env, encoding: 'latin1', input, maxBuffer: 256 * 1024 * 1024 });
}

/** Every object of the repository, reachable or not, as one text. */
function allObjects(): string {
  return git(['cat-file', '--batch-all-objects', '--batch']);
}

function walkFiles(dir: string, skipGit: boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (!(skipGit && name === '.git')) walkFiles(p, skipGit, out);
    } else if (st.isFile()) out.push(p);
  }
  return out;
}

/** The template data as chezmoi builds it: data files in lexical order, then the config template's [data]. */
function templateData(dir: string): Record<string, unknown> {
  const results: DataFileResult[] = [];
  for (const p of walkFiles(dir, true)) {
    const rel = relative(dir, p);
    if (isDataFile(rel)) results.push(parseDataFile(rel, readFileSync(p, 'utf8')));
    else if (rel === '.chezmoi.toml.tmpl') results.push(extractConfigData(rel, readFileSync(p, 'utf8')));
  }
  return { ...mergeData(results).tree, chezmoi: CHEZMOI };
}

/** Target path -> rendered bytes for every target file of the source (templates rendered, other files as they are). */
function renderTargets(dir: string, secretsDir?: string): Map<string, string> {
  const data = templateData(dir);
  const out = new Map<string, string>();
  for (const p of walkFiles(dir, true)) {
    const rel = relative(dir, p);
    const top = rel.split('/')[0]!;
    // Special files: data, the config template, chezmoi-sops's own settings; not targets.
    if (top.startsWith('.') && top !== '.chezmoiignore') continue;
    const text = readFileSync(p, 'utf8');
    if (!rel.endsWith('.tmpl') && top !== '.chezmoiignore') {
      out.set(rel, text);
      continue;
    }
    const r = sandbox.render(text, data, secretsDir);
    const target = rel.replace(/\.tmpl$/, '');
    // A password-manager call (onepasswordRead) is a stub in the oracle: the render stops there, the
    // same way before and after; that outcome is compared too.
    if (r.status !== 0 && /is not implemented by gotmpl-oracle/.test(r.stderr)) out.set(target, `render stopped: ${r.stderr.trim()}`);
    else if (r.status !== 0) throw new Error(`${rel} does not render: ${r.stderr.trim()}`);
    else out.set(target, r.stdout);
  }
  return out;
}

beforeAll(() => {
  oracle = findOracle();
  sandbox = new RenderSandbox(oracle);
  home = new DocHome();
  before = renderTargets(home.repo);
  objectsBefore = allObjects();
  session = runSession(readDoc('migration-guide.md'), home);
}, 180_000);

afterAll(() => {
  sandbox?.cleanup();
  home?.cleanup();
});

test('every planted secret is in the demo repository before the walk (so the checks below are not vacuous)', () => {
  for (const [what, value] of Object.entries(PLANTED)) expect([what, objectsBefore.includes(value)]).toEqual([what, true]);
  expect(before.size).toBeGreaterThanOrEqual(9);
});

test('every command of migration-guide.md exits as the guide says and prints what it shows', () => {
  expect(session.problems).toEqual([]);
  const run = session.ran.map((r) => r.command.script);
  // The walk the guide promises: audit, migrate --write, purge run, force-push.
  for (const step of ['chezmoi-sops scan', 'chezmoi-sops history', '--write', 'chezmoi-sops purge run --yes', 'git push -q --force --all origin']) {
    expect(run.some((s) => s.includes(step))).toBe(true);
  }
});

test('no planted secret is left in any object, reachable or not, nor in any plain file of the repository', () => {
  const objects = allObjects();
  const files = walkFiles(home.repo, false).filter((p) => !p.includes('/.git/objects/'));
  const left: string[] = [];
  for (const [what, value] of Object.entries(PLANTED)) {
    if (objects.includes(value)) left.push(`${what}: in a git object`);
    for (const f of files) if (readFileSync(f, 'latin1').includes(value)) left.push(`${what}: in ${relative(home.repo, f)}`);
  }
  expect(left).toEqual([]);
  // The rewrite kept the shape of the history: the side branch, the tag and the stash entry.
  expect(git(['for-each-ref', '--format=%(refname)']).split('\n').filter(Boolean).sort()).toEqual(
    ['refs/heads/experiment', 'refs/heads/main', 'refs/remotes/origin/experiment', 'refs/remotes/origin/main', 'refs/stash', 'refs/tags/v1.0'],
  );
  expect(git(['stash', 'list']).trim().split('\n')).toHaveLength(1);
});

test('after the purge, history finds nothing and every old version of every data file still parses', () => {
  const r = spawnSync('chezmoi-sops', ['history', '--format', 'json', '--show-secrets'], { cwd: home.repo, env: home.env, encoding: 'utf8' });
  const report = JSON.parse(r.stdout) as { findings: { secret: string; file: string | null }[]; errors: { file: string; message: string }[] };
  expect({ status: r.status, findings: report.findings, errors: report.errors }).toEqual({ status: 0, findings: [], errors: [] });
  // Independently of the tool: every version of every data file any ref reaches parses as chezmoi would read it.
  const broken: string[] = [];
  const revs = git(['rev-list', '--all']).split('\n').filter(Boolean);
  const seen = new Set<string>();
  for (const rev of revs) {
    for (const line of git(['ls-tree', '-r', rev]).split('\n').filter(Boolean)) {
      const [meta, path] = line.split('\t') as [string, string];
      const blob = meta.split(' ')[2]!;
      if (seen.has(blob) || !(isDataFile(path) || path === '.chezmoi.toml.tmpl')) continue;
      seen.add(blob);
      const text = Buffer.from(git(['cat-file', 'blob', blob]), 'latin1').toString('utf8');
      const parsed = path === '.chezmoi.toml.tmpl' ? extractConfigData(path, text) : parseDataFile(path, text);
      if (parsed.error) broken.push(`${rev.slice(0, 10)}:${path}: ${parsed.error.message}`);
    }
  }
  expect(broken).toEqual([]);
});

test('the sops file decrypts, with the age key the guide made, to exactly the moved values; the Nix module has the user\'s stanza', async () => {
  const identities = parseIdentities(readFileSync(join(home.home, '.config/sops/age/keys.txt'), 'utf8'));
  const values = await readSopsSecrets(join(home.home, 'nixos/secrets/dotfiles.yaml'), identities);
  expect(Object.fromEntries(values.map((v) => [v.key.join('/'), v.value]))).toEqual(MOVED);
  const nix = readFileSync(join(home.home, 'nixos/modules/dotfiles-secrets.nix'), 'utf8');
  expect(nix).toContain(USER_STANZA);
  expect(nixParse(join(home.home, 'nixos/modules/dotfiles-secrets.nix'))).toMatchObject({ ok: true });
});

test('every target renders to the same bytes as before, from the new data plus the decrypted secrets', async () => {
  const identities = parseIdentities(readFileSync(join(home.home, '.config/sops/age/keys.txt'), 'utf8'));
  const values = await readSopsSecrets(join(home.home, 'nixos/secrets/dotfiles.yaml'), identities);
  const secretsDir = sandbox.secretsDir(values.map((v) => ({ name: v.key.join('/'), value: v.value })));
  const after = renderTargets(home.repo, secretsDir);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [target, text] of before) expect([target, after.get(target)]).toEqual([target, text]);
  // The templates no longer hold the values: they read the files sops-nix decrypts.
  const gitconfig = readFileSync(join(home.repo, 'dot_gitconfig.tmpl'), 'utf8');
  expect(gitconfig).toContain('include "/run/secrets/github/token"');
});
