// Hard-coded secrets (issue 16 A): every literal finding moves to sops under a derived name, its
// file becomes a template (attributes kept), and Go renders it byte-identical with the decrypted
// values in the secrets dir. A real git repo, a real age key, the built-in sops writer, the oracle.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { identityToRecipient } from 'age-encryption';
import { applyMigration, exitCodeForMigration, planMigration, migrateText, toMigrateJson } from '../../src/migrate/index.js';
import type { MigrateOptions } from '../../src/migrate/types.js';
import { readSopsSecrets } from '../../src/migrate/sops/index.js';
import { scanSource } from '../../src/scan/index.js';
import { gitIn, withAgeKey } from './harness.js';
import { findOracle, RenderSandbox } from './oracle-render.js';
import { LITERAL_FILES, SSH_KEY } from './realistic-leaks.js';

const FIXTURE = join(process.cwd(), 'fixtures/demo/source');
let work: string;
let repo: string;
let secretsDir: string;
let identity: string;

const git = gitIn(() => repo);

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== '.git') walk(p);
      } else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

function options(extra: Partial<MigrateOptions> = {}): MigrateOptions {
  return { sopsFile: join(work, 'nixos/secrets.yaml'), secretsDir, ...extra };
}

withAgeKey((id) => { identity = id; });
beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'cs-literal-'));
  repo = join(work, 'chezmoi');
  secretsDir = join(work, 'run-secrets');
  cpSync(FIXTURE, repo, { recursive: true });
  for (const [file, content] of LITERAL_FILES) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), content);
  }
  chmodSync(join(repo, 'executable_dot_local/bin/executable_deploy'), 0o755);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'dotfiles');
  mkdirSync(join(work, 'nixos'), { recursive: true });
  writeFileSync(join(work, 'nixos/.sops.yaml'), `creation_rules:\n  - path_regex: .*\\.yaml$\n    age: ${await identityToRecipient(identity)}\n`);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('migrate moves hard-coded secrets', () => {
  it('plans every literal finding: a derived name, the file as template, nothing left', async () => {
    const plan = await planMigration(repo, options());
    const result = await applyMigration(plan, options());
    const json = toMigrateJson(result);
    expect(plan.errors).toEqual([]);
    expect(json.manual).toEqual([]);
    expect(json.left).toEqual([]);
    expect(exitCodeForMigration(result)).toBe(0);
    const literal = json.moved.filter((m) => m.path === null);
    expect(literal.find((m) => m.file === 'dot_config/gh/hosts.yml')).toEqual({
      path: null, file: 'dot_config/gh/hosts.yml', line: 3, secretName: 'config/gh/hosts_yml/oauth_token', sopsKey: ['config', 'gh', 'hosts_yml', 'oauth_token'], templates: ['dot_config/gh/hosts.yml.tmpl'], dataFiles: [],
    });
    const names = Object.fromEntries(literal.map((m) => [m.secretName, m.templates]));
    expect(names).toMatchObject({
      'npmrc/_authToken': ['private_dot_npmrc.tmpl'],
      'ssh/id_ed25519': ['private_dot_ssh/private_id_ed25519.tmpl'],
      'docker/config_json/auth': ['private_dot_docker/config.json.tmpl'],
      'kube/config/token': ['private_dot_kube/config.tmpl'],
      'config/rclone/rclone_conf/key': ['dot_config/rclone/rclone.conf.tmpl'],
      'netrc/password': ['private_dot_netrc.tmpl'],
      'pypirc/password': ['dot_pypirc.tmpl'],
      'zshrc/OPENAI_API_KEY': ['dot_zshrc.tmpl'],
      'aws/credentials/aws_access_key_id': ['private_dot_aws/credentials.tmpl'],
      'aws/credentials/aws_secret_access_key': ['private_dot_aws/credentials.tmpl'],
    });
    // The variables move as before.
    expect(json.moved.filter((m) => m.path !== null).map((m) => m.secretName).sort()).toEqual(['acoustid_api', 'github/token', 'weather_api_key']);
    const text = migrateText(result, { showSecrets: false, diff: true });
    expect(text).toContain('rename from private_dot_npmrc');
    expect(text).not.toContain('npm_Xb4kQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq0Ue5K');
    expect(text).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW');
  });

  it('--write: renders byte-identical through Go, keeps attributes and modes, scan is clean, a second run does nothing', async () => {
    const before = Object.fromEntries(files(repo).map((f) => [f, readFileSync(join(repo, f), 'utf8')]));
    const plan = await planMigration(repo, options({ write: true }));
    const result = await applyMigration(plan, options({ write: true }));
    expect(result.written).toBe(true);

    // The secrets dir as sops-nix would fill it, from the sops file decrypted with the age key.
    const values = await readSopsSecrets(options().sopsFile, [identity]);
    for (const v of values) {
      mkdirSync(dirname(join(secretsDir, ...v.key)), { recursive: true });
      writeFileSync(join(secretsDir, ...v.key), v.value);
    }
    expect(values.find((v) => v.key.join('/') === 'ssh/id_ed25519')?.value).toBe(SSH_KEY);

    const after = files(repo);
    expect(after).not.toContain('private_dot_npmrc');
    expect(after).toContain('private_dot_npmrc.tmpl');
    expect(statSync(join(repo, 'executable_dot_local/bin/executable_deploy.tmpl')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(repo, 'private_dot_ssh/private_id_ed25519.tmpl'), 'utf8')).toBe(`{{ include "${secretsDir}/ssh/id_ed25519" | trim }}\n`);

    const sandbox = new RenderSandbox(findOracle());
    const data = { chezmoi: { os: 'linux', hostname: 'tern' }, github: { user: 'rain-dev' } };
    try {
      for (const [file] of LITERAL_FILES) {
        const isTemplate = file.endsWith('.tmpl');
        const now = isTemplate ? file : `${file}.tmpl`;
        expect(after).toContain(now);
        const old = isTemplate ? sandbox.render(before[file]!, data) : { status: 0, stdout: before[file]!, stderr: '' };
        const rendered = sandbox.render(readFileSync(join(repo, now), 'utf8'), data);
        expect({ file, ...rendered }).toEqual({ file, ...old });
      }
    } finally {
      sandbox.cleanup();
    }

    const scan = await scanSource(repo, {});
    expect(scan.findings.filter((f) => f.severity === 'error')).toEqual([]);
    git('add', '-A');
    git('commit', '-q', '-m', 'migrated');
    const again = await applyMigration(await planMigration(repo, options()), options());
    expect(toMigrateJson(again)).toEqual({ moved: [], manual: [], left: [], changed: [], written: false });
  });

  it('a name an earlier run stored is not taken over: the next value of that key gets its own', async () => {
    await applyMigration(await planMigration(repo, options({ write: true })), options({ write: true }));
    git('add', '-A');
    git('commit', '-q', '-m', 'migrated');
    writeFileSync(join(repo, 'private_dot_npmrc.tmpl'), `${readFileSync(join(repo, 'private_dot_npmrc.tmpl'), 'utf8')}//npm.example.com/:_authToken=npm_Qw8eRt5yUi2oPa7sDf4gHj1kLz9xCv3bNm6M\n`);
    git('commit', '-q', '-am', 'a second registry');
    const json = toMigrateJson(await applyMigration(await planMigration(repo, options()), options()));
    expect(json.moved.map((m) => m.secretName)).toEqual(['npmrc/_authToken_2']);
  });

  it('what cannot move is listed in left, with exit 1 (CLI, JSON and text)', async () => {
    // Below external_, names are taken verbatim: the file cannot become a template.
    mkdirSync(join(repo, 'external_dot_keys'));
    writeFileSync(join(repo, 'external_dot_keys', 'token.txt'), 'note\nGITHUB_TOKEN=ghp_Q9mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qx\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'more');
    const bin = join(process.cwd(), 'bin', 'chezmoi-sops');
    const r = spawnSync(bin, ['migrate', repo, '--sops-file', options().sopsFile, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, SOPS_AGE_KEY: identity } });
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.left).toEqual([expect.objectContaining({ file: 'external_dot_keys/token.txt', line: 2, secret: expect.stringMatching(/^ghp_\*+$/) })]);
    expect(r.status).toBe(1);
    const text = spawnSync(bin, ['migrate', repo, '--sops-file', options().sopsFile], { encoding: 'utf8', env: { ...process.env, SOPS_AGE_KEY: identity } });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/Left in the repository \(1\)[^\n]*\n  external_dot_keys\/token\.txt:2:/);
    expect(text.stdout).not.toContain('ghp_Q9mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qx');
    expect(existsSync(join(repo, 'private_dot_npmrc'))).toBe(true);
  });
});
