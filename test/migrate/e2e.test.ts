// migrate on a real git repository built from the demo fixture, with a real age key, the built-in
// sops writer, Go's template engine (gotmpl-oracle) for render equivalence and nix-instantiate.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { identityToRecipient } from 'age-encryption';
import { applyMigration, MigrationError, planMigration, migrateText, secretsDirFor, sopsFileExprFor, toMigrateJson, WRITE_STEPS } from '../../src/migrate/index.js';
import type { MigrateOptions, MigrationPlan } from '../../src/migrate/types.js';
import { readSopsSecrets } from '../../src/migrate/sops/index.js';
import { extractConfigData, mergeData, parseDataFile, type DataFileResult } from '../../src/data/index.js';
import { entryForRepoPath } from '../../src/source/index.js';

const isDataFile = (rel: string) => entryForRepoPath(rel, '').entry.kind === 'data';
import { gitIn, withAgeKey } from './harness.js';
import { findOracle, RenderSandbox, withoutPaths } from './oracle-render.js';
import { nixParse } from '../tools.js';

const FIXTURE = join(process.cwd(), 'fixtures/demo/source');
const SECRETS = {
  acoustid_api: 'Xt8kPq2mZr',
  'github/token': 'ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi',
  weather_api_key: '8c1f2e9a7b3d4f6e0a5c9b2d7e1f4a3c',
  // Hard-coded in private_dot_aws/credentials, which becomes a template.
  'aws/credentials/aws_access_key_id': 'AKIAZ3MEXQ7V4PLR2J6N',
  'aws/credentials/aws_secret_access_key': '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',
};

let work: string;
let repo: string;
let nixos: string;
let identity: string;

const git = gitIn(() => repo);

/** Every file under `dir` (not .git) with its bytes and mode. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (name !== '.git') walk(p);
      } else out[relative(dir, p)] = `${(st.mode & 0o777).toString(8)}:${readFileSync(p).toString('base64')}`;
    }
  };
  walk(dir);
  return out;
}

function options(extra: Partial<MigrateOptions> = {}): MigrateOptions {
  return {
    sopsFile: join(nixos, 'secrets/dotfiles.yaml'),
    nixOut: join(nixos, 'modules/dotfiles-secrets.nix'),
    owner: 'config.users.users.rain.name',
    sopsFileExpr: 'lib.custom.relativeToRoot "secrets/dotfiles.yaml"',
    ...extra,
  };
}

/** The merged template data as chezmoi builds it (data files, then the config template's [data]). */
function templateData(dir: string): Record<string, unknown> {
  const results: DataFileResult[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const rel = relative(dir, p);
      if (statSync(p).isDirectory()) {
        if (name !== '.git') walk(p);
      } else if (isDataFile(rel)) results.push(parseDataFile(rel, readFileSync(p, 'utf8')));
      else if (rel === '.chezmoi.toml.tmpl') results.push(extractConfigData(rel, readFileSync(p, 'utf8')));
    }
  };
  walk(dir);
  return { ...mergeData(results).tree, chezmoi: { os: 'linux', hostname: 'tern' } };
}

withAgeKey((id) => { identity = id; });

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'cs-migrate-'));
  repo = join(work, 'chezmoi');
  nixos = join(work, 'nixos');
  cpSync(FIXTURE, repo, { recursive: true });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'dotfiles');
  mkdirSync(join(nixos, 'secrets'), { recursive: true });
  writeFileSync(join(nixos, '.sops.yaml'), `creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    age: ${await identityToRecipient(identity)}\n`);
  // As sops: the config is found from the working directory, or named by SOPS_CONFIG.
  process.env.SOPS_CONFIG = join(nixos, '.sops.yaml');
});
afterEach(() => {
  delete process.env.SOPS_CONFIG;
  delete process.env.CHEZMOI_SOPS_FAULT;
  rmSync(work, { recursive: true, force: true });
});

const EXPECTED_CHANGED = [
  '.chezmoi.toml.tmpl',
  '.chezmoidata.yaml',
  'dot_config/beets/acoustid.toml.tmpl',
  'dot_config/waybar/config.jsonc.tmpl',
  'dot_gitconfig.tmpl',
  'private_dot_aws/credentials.tmpl',
];

describe('migrate on the demo repository', () => {
  it('dry run: plans the move, prints a redacted diff, changes nothing', async () => {
    const before = { repo: snapshot(repo), nixos: snapshot(nixos) };
    const plan = await planMigration(repo, options());
    const result = await applyMigration(plan, options());
    expect(plan.errors).toEqual([]);
    const json = toMigrateJson(result);
    expect(json.written).toBe(false);
    expect(json.manual).toEqual([]);
    expect(json.moved.map((m) => m.secretName).sort()).toEqual(Object.keys(SECRETS).sort());
    expect(json.moved.find((m) => m.secretName === 'github/token')).toEqual({
      path: ['github', 'token'], secretName: 'github/token', sopsKey: ['github', 'token'], templates: ['dot_gitconfig.tmpl'], dataFiles: ['.chezmoidata.yaml'],
    });
    expect(json.changed).toEqual([...EXPECTED_CHANGED, options().sopsFile, options().nixOut]);
    const text = migrateText(result, { showSecrets: false, diff: true });
    expect(text).toContain('+api_key = "{{ include "/run/secrets/acoustid_api" | trim }}"');
    expect(text).toContain('-  token: ghp_****  # personal access token');
    for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
    expect({ repo: snapshot(repo), nixos: snapshot(nixos) }).toEqual(before);
  });

  it('--write: applies, verifies, renders the same text, and a second run has nothing to do', async () => {
    const oldData = templateData(repo);
    const oldTemplates = Object.fromEntries(EXPECTED_CHANGED.filter((f) => f.startsWith('dot_')).map((f) => [f, readFileSync(join(repo, f), 'utf8')]));
    const plan = await planMigration(repo, options({ write: true }));
    const result = await applyMigration(plan, options({ write: true }));
    expect(result.written).toBe(true);
    expect(result.changed).toHaveLength(8);

    expect(readFileSync(join(repo, 'dot_config/beets/acoustid.toml.tmpl'), 'utf8')).toBe(
      '# AcoustID key for fingerprint lookups\napi_key = "{{ include "/run/secrets/acoustid_api" | trim }}"\n',
    );
    const nix = readFileSync(options().nixOut!, 'utf8');
    expect(nix).toContain(
      [
        '    sops.secrets.acoustid_api = {',
        '      sopsFile = lib.custom.relativeToRoot "secrets/dotfiles.yaml";',
        '      path = "/run/secrets/acoustid_api";',
        '      owner = config.users.users.rain.name;',
        '      mode = "0400";',
        '    };',
      ].join('\n'),
    );
    expect(nixParse(options().nixOut!)).toMatchObject({ ok: true });

    // The sops file opens with the age key and holds every value, as strings under nested keys.
    const values = await readSopsSecrets(options().sopsFile, [identity]);
    expect(Object.fromEntries(values.map((v) => [v.key.join('/'), v.value]))).toEqual(SECRETS);

    // No secret value is left in any file of the work tree; the backup is gone.
    const all = Object.values(snapshot(repo)).map((v) => Buffer.from(v.split(':')[1]!, 'base64').toString('utf8')).join('\n');
    for (const value of Object.values(SECRETS)) expect(all).not.toContain(value);
    expect(existsSync(join(repo, '.git/chezmoi-sops'))).toBe(false);

    // Go renders every rewritten template to the same bytes: old data versus new data + secret files.
    const sandbox = new RenderSandbox(findOracle());
    try {
      const newData = templateData(repo);
      expect(newData).not.toHaveProperty('acoustid_api');
      expect(newData.github).toEqual({ user: 'rain-dev' });
      const secretsDir = sandbox.secretsDir(Object.entries(SECRETS).map(([name, value]) => ({ name, value })));
      for (const [file, oldText] of Object.entries(oldTemplates)) {
        const before = sandbox.render(oldText, oldData);
        const after = sandbox.render(readFileSync(join(repo, file), 'utf8'), newData, secretsDir);
        expect(before.status).toBe(0);
        expect({ file, ...after }).toEqual({ file, ...before });
      }
    } finally {
      sandbox.cleanup();
    }

    const again = await planMigration(repo, options());
    expect(toMigrateJson(await applyMigration(again, options()))).toEqual({ moved: [], manual: [], left: [], changed: [], written: false });
  });

  it('--write refuses a dirty work tree unless --force', async () => {
    writeFileSync(join(repo, 'dot_new'), 'x');
    const before = snapshot(repo);
    const plan = await planMigration(repo, options({ write: true }));
    await expect(applyMigration(plan, options({ write: true }))).rejects.toThrow(/uncommitted changes \(dot_new\)/);
    expect(snapshot(repo)).toEqual(before);
    const forced = await applyMigration(plan, options({ write: true, force: true }));
    expect(forced.written).toBe(true);
  });

  it.each(WRITE_STEPS.map((s) => [s]))('a failure after step %s restores the exact original bytes', async (step) => {
    const before = { repo: snapshot(repo), nixos: snapshot(nixos) };
    const plan: MigrationPlan = await planMigration(repo, options({ write: true }));
    process.env.CHEZMOI_SOPS_FAULT = step;
    const failure = applyMigration(plan, options({ write: true }));
    await expect(failure).rejects.toThrow(MigrationError);
    await expect(failure).rejects.toThrow(new RegExp(`during '${step}'[\\s\\S]*restored`));
    expect({ repo: snapshot(repo), nixos: snapshot(nixos) }).toEqual(before);
    expect(existsSync(join(repo, '.git/chezmoi-sops'))).toBe(false);
  });

  it('a real write failure part way (the Nix file cannot be created) restores everything', async () => {
    writeFileSync(join(nixos, 'modules'), 'a file where a directory should be');
    const before = { repo: snapshot(repo), nixos: snapshot(nixos) };
    const plan = await planMigration(repo, options({ write: true }));
    await expect(applyMigration(plan, options({ write: true }))).rejects.toThrow(/during 'nix'[\s\S]*restored/);
    expect({ repo: snapshot(repo), nixos: snapshot(nixos) }).toEqual(before);
  });

  it('a template with an unsafe use is left alone, its secrets stay, the rest moves (incomplete)', async () => {
    writeFileSync(join(repo, 'dot_github.yaml.tmpl'), '# all of it\n{{ toYaml .github }}\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'github dump');
    const plan = await planMigration(repo, options({ write: true }));
    expect(plan.manual).toEqual([{ file: 'dot_github.yaml.tmpl', line: 2, reason: expect.stringMatching(/toYaml/) }]);
    expect(plan.moved.map((m) => m.secretName).sort()).toEqual(['acoustid_api', 'aws/credentials/aws_access_key_id', 'aws/credentials/aws_secret_access_key', 'weather_api_key']);
    expect(plan.kept).toEqual([['github', 'token']]);
    const result = await applyMigration(plan, options({ write: true }));
    expect(result.changed).not.toContain('dot_gitconfig.tmpl');
    expect(readFileSync(join(repo, 'dot_github.yaml.tmpl'), 'utf8')).toBe('# all of it\n{{ toYaml .github }}\n');
    expect(readFileSync(join(repo, '.chezmoidata.yaml'), 'utf8')).toContain(SECRETS['github/token']);

    // Once the unsafe use is gone, a second migration moves the rest and adds to the outputs.
    rmSync(join(repo, 'dot_github.yaml.tmpl'));
    git('add', '-A');
    git('commit', '-q', '-m', 'migrated, minus the dump');
    const second = await planMigration(repo, options({ write: true, plaintextOut: join(work, 'plain.yaml') }));
    expect(second.moved.map((m) => m.secretName)).toEqual(['github/token']);
    await applyMigration(second, options({ write: true, plaintextOut: join(work, 'plain.yaml') }));
    const values = await readSopsSecrets(options().sopsFile, [identity]);
    expect(Object.fromEntries(values.map((v) => [v.key.join('/'), v.value]))).toEqual(SECRETS);
    const nix = readFileSync(options().nixOut!, 'utf8');
    expect(nix.match(/sops\.secrets\.\S+ = \{/g)).toEqual(['sops.secrets.acoustid_api = {', 'sops.secrets.weather_api_key = {', 'sops.secrets."aws/credentials/aws_access_key_id" = {', 'sops.secrets."aws/credentials/aws_secret_access_key" = {', 'sops.secrets."github/token" = {']);
    expect(nixParse(options().nixOut!)).toMatchObject({ ok: true });
    expect(statSync(join(work, 'plain.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(work, 'plain.yaml'), 'utf8')).toContain(SECRETS['github/token']);
  });

  it('a value also written out in a plain file moves with its variable: the file reads the same secret', async () => {
    writeFileSync(join(repo, 'dot_notes'), `old key: ${SECRETS.acoustid_api}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'notes');
    const plan = await planMigration(repo, options());
    expect(plan.manual).toEqual([]);
    const acoustid = plan.moved.filter((m) => m.secretName === 'acoustid_api');
    expect(acoustid).toHaveLength(1); // stored once, under the variable's name
    expect(acoustid[0]!.templates).toContain('dot_notes.tmpl');
    const notes = plan.changes.find((c) => c.file === 'dot_notes.tmpl');
    expect(notes?.after).toBe('old key: {{ include "/run/secrets/acoustid_api" | trim }}\n');
  });

  it('a copy in a file that cannot read a secret file (a data file) blocks its secret with the place named', async () => {
    writeFileSync(join(repo, '.chezmoidata', 'notes.yaml'), `note: "old key ${SECRETS.acoustid_api}"\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'notes');
    const plan = await planMigration(repo, options());
    expect(plan.manual).toEqual([{ file: '.chezmoidata/notes.yaml', line: 1, reason: expect.stringMatching(/value of acoustid_api also appears here/) }]);
    expect(plan.moved.map((m) => m.secretName)).not.toContain('acoustid_api');
  });
});

describe('migrate options', () => {
  it('--home-manager: templates read the home-manager secret files, the Nix has no owner', async () => {
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = '/home/rain/.config';
    try {
      const plan = await planMigration(repo, { sopsFile: join(nixos, 'secrets/dotfiles.yaml'), nixOut: join(nixos, 'home/secrets.nix'), homeManager: true });
      const acoustid = plan.changes.find((c) => c.file === 'dot_config/beets/acoustid.toml.tmpl')!;
      // Built where chezmoi applies, from its own data: never this machine's (or this user's) home.
      expect(acoustid.after).toContain('{{ include (joinPath (env "XDG_CONFIG_HOME" | default (joinPath $.chezmoi.homeDir ".config")) "sops-nix/secrets/acoustid_api") | trim }}');
      expect(plan.changes.map((c) => c.after ?? '').join('\n')).not.toContain('/home/rain');
      // Go renders it to the same bytes on any machine: the file under $XDG_CONFIG_HOME, else ~/.config.
      const sandbox = new RenderSandbox(findOracle());
      try {
        const oldData = templateData(repo);
        const oldText = readFileSync(join(repo, 'dot_config/beets/acoustid.toml.tmpl'), 'utf8');
        const newData = { ...withoutPaths(oldData, [['acoustid_api']]) as Record<string, unknown>, chezmoi: { homeDir: join(sandbox.dir, 'home') } };
        for (const configDir of [join(sandbox.dir, 'home', '.config'), join(sandbox.dir, 'xdg')]) {
          mkdirSync(join(configDir, 'sops-nix', 'secrets'), { recursive: true });
          writeFileSync(join(configDir, 'sops-nix', 'secrets', 'acoustid_api'), `${SECRETS.acoustid_api}\n`);
        }
        const before = sandbox.render(oldText, oldData);
        expect(before.status).toBe(0);
        delete process.env.XDG_CONFIG_HOME;
        expect(sandbox.render(acoustid.after!, newData)).toEqual(before);
        process.env.XDG_CONFIG_HOME = join(sandbox.dir, 'xdg');
        expect(sandbox.render(acoustid.after!, newData)).toEqual(before);
      } finally {
        sandbox.cleanup();
      }
      const nix = plan.changes.find((c) => c.kind === 'nix')!.after!;
      expect(nix).toContain('sopsFile = ../secrets/dotfiles.yaml;');
      expect(nix).toContain('path = "${config.xdg.configHome}/sops-nix/secrets/acoustid_api";');
      expect(nix).not.toContain('owner');
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });

  it('--include-review: the review items (personal addresses) are moved too, the rest as without it', async () => {
    const src = join(work, 'review-src');
    mkdirSync(src);
    writeFileSync(join(src, '.chezmoidata.yaml'), 'personal:\n  email: rain.doe.private@gmail.com\ngithub:\n  token: ghp_Zk3pQ9wXy7Lm2Nv8Rt4Bc6Df1Gh5Jk0Mn3P\n');
    writeFileSync(join(src, 'dot_gitconfig.tmpl'), '[user]\n  email = {{ .personal.email }}\n[github]\n  token = {{ .github.token }}\n');
    const opts = { sopsFile: join(nixos, 'secrets/dotfiles.yaml') };
    const names = (p: MigrationPlan) => p.moved.map((m) => m.secretName).sort();
    expect(names(await planMigration(src, opts))).toEqual(['github/token']);
    const withReview = await planMigration(src, { ...opts, includeReview: true });
    expect(names(withReview)).toEqual(['github/token', 'personal/email']);
    expect(withReview.changes.find((c) => c.file === 'dot_gitconfig.tmpl')!.after).toContain('{{ include "/run/secrets/personal/email" | trim }}');
  });

  it('through a symlinked source directory: the same plan as from the real one, nothing left as manual work', async () => {
    const link = join(work, 'link-to-chezmoi');
    symlinkSync(repo, link);
    const opts = { sopsFile: join(nixos, 'secrets/dotfiles.yaml') };
    const direct = await planMigration(repo, opts);
    const viaLink = await planMigration(link, opts);
    expect(viaLink.manual).toEqual(direct.manual);
    expect(viaLink.moved.map((m) => [m.secretName, m.templates])).toEqual(direct.moved.map((m) => [m.secretName, m.templates]));
    expect(viaLink.moved.length).toBeGreaterThan(0);
    expect(viaLink.changes.map((c) => [c.file, c.after])).toEqual(direct.changes.map((c) => [c.file, c.after]));
    const r = spawnSync(join(process.cwd(), 'bin', 'chezmoi-sops'), ['migrate', link, '--sops-file', opts.sopsFile, '--format', 'json'], { encoding: 'utf8', cwd: tmpdir(), env: { ...process.env, SOPS_AGE_KEY: identity } });
    expect(JSON.parse(r.stdout).manual).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('sopsFileExprFor: a path literal relative to the module, a string where Nix paths cannot go', () => {
    expect(sopsFileExprFor({ sopsFile: '/etc/nixos/secrets/a.yaml' }, '/etc/nixos/modules/s.nix')).toBe('../secrets/a.yaml');
    expect(sopsFileExprFor({ sopsFile: '/etc/nixos/a.yaml' }, '/etc/nixos/s.nix')).toBe('./a.yaml');
    expect(sopsFileExprFor({ sopsFile: '/etc/nixos/my secrets.yaml' }, '/etc/nixos/s.nix')).toBe('(./. + "/my secrets.yaml")');
    expect(sopsFileExprFor({ sopsFile: '/x.yaml', sopsFileExpr: 'lib.custom.relativeToRoot "x.yaml"' }, undefined)).toBe('lib.custom.relativeToRoot "x.yaml"');
    expect(secretsDirFor({ sopsFile: 'x', secretsDir: '/run/user-secrets' })).toBe('/run/user-secrets');
    expect(secretsDirFor({ sopsFile: 'x' })).toBe('/run/secrets');
  });
});

describe('migrate CLI', () => {
  const bin = join(process.cwd(), 'bin', 'chezmoi-sops');
  it('exit 0 with the JSON summary, 1 when manual work remains, 2 without --sops-file', () => {
    const env = { ...process.env, SOPS_AGE_KEY: identity };
    const args = ['migrate', repo, '--sops-file', options().sopsFile, '--format', 'json'];
    const dry = spawnSync(bin, args, { encoding: 'utf8', env });
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout).written).toBe(false);
    writeFileSync(join(repo, 'dot_dump.tmpl'), '{{ .github }}');
    const manual = spawnSync(bin, args, { encoding: 'utf8', env });
    expect(manual.status).toBe(1);
    expect(JSON.parse(manual.stdout).manual).toEqual([{ file: 'dot_dump.tmpl', line: 1, reason: expect.stringMatching(/prints \.github/) }]);
    const usage = spawnSync(bin, ['migrate', repo], { encoding: 'utf8', env });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--sops-file');
  });
});
