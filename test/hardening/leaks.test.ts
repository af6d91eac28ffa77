// Secrets never escape: no raw value in any output format, error message, report file, baseline,
// temp file or leftover backup. Each command runs with its own TMPDIR so that what it leaves
// behind can be listed.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { cli, committedRepo, git, scratch } from './helpers.js';

const SECRETS = {
  dataToken: 'ghp_L3akT3stQ9wXy7Lm2Nv8Rt4Bc6Df1Gh5Jk0',
  dataPassword: 'Wm8#dataPassw0rd-q7Zr',
  configPassword: 'Cf9!configTemplatePw-x2',
  templateLiteral: 'Tl4$templateLiteralPw-k8',
  plainFile: 'AKIAQ4XTMB7ZK2PLW9RV',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  historyOnly: 'glpat-Hx7q2LxT9bK4nWc8ZpYf',
  commitMessage: 'Cm7%commitMessagePw-r3',
  brokenYaml: 'By6&brokenYamlSecret-p1',
  brokenToml: 'Bt5*brokenTomlSecret-w9',
  brokenJson: 'Bj4^brokenJsonSecret-e2',
};
const RAW = Object.values(SECRETS);

/** Every file under `dir` whose bytes contain a raw secret, with its mode. */
function filesWithSecrets(dir: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (RAW.some((s) => readFileSync(p).includes(s))) hits.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return hits;
}

const noRawSecret = (text: string) => {
  for (const s of RAW) expect(text).not.toContain(s);
};

describe('secrets never escape', () => {
  let base: string;
  let cleanup: () => void;
  let repo: string;
  let tmp: string;
  let n = 0;
  /** Run the CLI with a fresh TMPDIR; returns the run and that TMPDIR. */
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const dir = join(tmp, String(n++));
    mkdirSync(dir);
    return { ...cli(args, { env: { TMPDIR: dir, CHEZMOI_SOPS_CACHE_DIR: 'off', ...env } }), tmp: dir };
  };

  beforeAll(() => {
    ({ dir: base, cleanup } = scratch('leaks'));
    repo = join(base, 'repo');
    tmp = join(base, 'tmp');
    mkdirSync(repo);
    mkdirSync(tmp);
    committedRepo(repo, { 'dot_old': `token = ${SECRETS.historyOnly}\n` });
    git(repo, 'rm', '-q', 'dot_old');
    git(repo, 'commit', '-q', '-m', `rotate: the old one was ${SECRETS.commitMessage}`);
    const files: Record<string, string> = {
      '.chezmoidata.yaml': `github:\n  token: ${SECRETS.dataToken}\nmail:\n  password: "${SECRETS.dataPassword}"\n`,
      '.chezmoi.toml.tmpl': `[data]\n  vpn_password = "${SECRETS.configPassword}"\n`,
      'dot_gitconfig.tmpl': `[github]\n  token = {{ .github.token }}\n  pass = {{ .mail.password }}\n  vpn = {{ .vpn_password }}\npassword = "${SECRETS.templateLiteral}"\n`,
      'dot_aws/credentials': `[default]\naws_access_key_id = ${SECRETS.plainFile}\naws_secret_access_key = ${SECRETS.awsSecret}\n`,
      // Broken data files with a secret right at the syntax error: the message must not quote it.
      '.chezmoidata/broken.yaml': `db:\n  password: "${SECRETS.brokenYaml}\n  other: [\n`,
      '.chezmoidata/broken.toml': `password = "${SECRETS.brokenToml}\n`,
      '.chezmoidata/broken.json': `{"password": "${SECRETS.brokenJson}" "x": }\n`,
    };
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(join(repo, p, '..'), { recursive: true });
      writeFileSync(join(repo, p), text);
    }
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'dotfiles');
  });
  afterAll(() => cleanup());

  const reports: Array<[string, string[]]> = [];
  for (const cmd of [['scan'], ['history']]) for (const format of ['text', 'json', 'sarif']) reports.push([`${cmd.join(' ')} --format ${format}`, [...cmd, '--format', format]]);

  it.each(reports)('%s: no raw value on stdout/stderr, nothing left in TMPDIR', (_name, args) => {
    const r = run([args[0]!, repo, ...args.slice(1)]);
    expect([1, 2]).toContain(r.status);
    expect(r.stdout.length).toBeGreaterThan(100);
    noRawSecret(r.stdout + r.stderr);
    expect(readdirSync(r.tmp)).toEqual([]);
  });

  it('parse errors in data files name the file and line and quote no value', () => {
    const r = run(['scan', repo, '--format', 'json']);
    const errors = (JSON.parse(r.stdout) as { errors: Array<{ file: string; line: number; message: string }> }).errors;
    expect(errors.map((e) => e.file).sort()).toEqual(['.chezmoidata/broken.json', '.chezmoidata/broken.toml', '.chezmoidata/broken.yaml']);
    for (const e of errors) expect(e.line).toBeGreaterThanOrEqual(1);
    noRawSecret(JSON.stringify(errors));
  });

  it('scan --staged, --output FILE (0600), baseline, inspect: no raw value', () => {
    writeFileSync(join(repo, 'dot_aws/credentials'), readFileSync(join(repo, 'dot_aws/credentials'), 'utf8') + '# staged\n');
    git(repo, 'add', 'dot_aws/credentials');
    try {
      const staged = run(['scan', '--staged', repo, '--format', 'json']);
      expect(staged.status).toBe(1);
      noRawSecret(staged.stdout + staged.stderr);
    } finally {
      git(repo, 'reset', '-q', 'HEAD', 'dot_aws/credentials');
      git(repo, 'checkout', '-q', '--', 'dot_aws/credentials');
    }

    const out = join(base, 'report.sarif');
    const r = run(['scan', repo, '--format', 'sarif', '--output', out]);
    expect(r.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    noRawSecret(readFileSync(out, 'utf8'));

    const baseline = join(base, 'baseline.json');
    const b = run(['baseline', 'create', repo, '--output', baseline]);
    // Fail closed on the broken data files, naming them; the baseline of the rest is still written.
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/3 file\(s\) could not be analysed/);
    noRawSecret(readFileSync(baseline, 'utf8') + b.stdout + b.stderr);

    const i = run(['inspect', join(repo, 'dot_gitconfig.tmpl'), join(repo, '.chezmoi.toml.tmpl'), '--format', 'json']);
    noRawSecret(i.stdout + i.stderr);
  });

  it('purge plan: no raw value on the terminal; the expressions file it names is 0600 in a 0700 dir', () => {
    const r = run(['purge', 'plan', repo]);
    expect(r.status).toBe(2); // the broken data files: "a secret there would not be purged"
    expect(r.stderr).toMatch(/broken\.yaml:\d+: .*a secret there would not be purged/);
    noRawSecret(r.stdout + r.stderr);
    // By design the plan leaves the expressions file (the values filter-repo must replace) for the user.
    const left = filesWithSecrets(r.tmp);
    expect(left).toHaveLength(1);
    expect(r.stdout + r.stderr).toContain(left[0]);
    expect(statSync(left[0]!).mode & 0o777).toBe(0o600);
    expect(statSync(join(left[0]!, '..')).mode & 0o777).toBe(0o700);
  });

  describe('migrate', () => {
    let src: string;
    let nixos: string;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      const identity = await generateIdentity();
      env = { SOPS_AGE_KEY: identity };
      src = join(base, 'migrate-src');
      nixos = join(base, 'nixos');
      mkdirSync(nixos);
      writeFileSync(join(nixos, '.sops.yaml'), `creation_rules:\n  - age: ${await identityToRecipient(identity)}\n`);
      committedRepo(src, {
        '.chezmoidata.yaml': `github:\n  token: ${SECRETS.dataToken}\n`,
        'dot_gitconfig.tmpl': '[github]\n  token = {{ .github.token }}\n',
      });
    });
    const args = () => ['migrate', src, '--sops-file', join(nixos, 'secrets.yaml'), '--nix-out', join(nixos, 'secrets.nix')];

    it('dry run (text and JSON): no raw value, nothing in TMPDIR', () => {
      for (const format of ['text', 'json']) {
        const r = run([...args(), '--format', format], env);
        expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
        noRawSecret(r.stdout + r.stderr);
        expect(readdirSync(r.tmp)).toEqual([]);
      }
    });

    it('a failed --write (fault after the sops step): message without value, backup under .git removed, TMPDIR empty', () => {
      const r = run([...args(), '--write'], { ...env, CHEZMOI_SOPS_FAULT: 'templates' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/every file was restored/);
      noRawSecret(r.stdout + r.stderr);
      expect(existsSync(join(src, '.git', 'chezmoi-sops'))).toBe(false);
      expect(readdirSync(r.tmp)).toEqual([]);
      expect(filesWithSecrets(nixos)).toEqual([]);
    });

    it('--write outside git (--force): the backup lives in a private temp dir and is removed afterwards', () => {
      const plain = join(base, 'plain-src');
      mkdirSync(plain);
      writeFileSync(join(plain, '.chezmoidata.yaml'), `github:\n  token: ${SECRETS.dataToken}\n`);
      writeFileSync(join(plain, 'dot_gitconfig.tmpl'), '[github]\n  token = {{ .github.token }}\n');
      const r = run(['migrate', plain, '--sops-file', join(nixos, 'plain.yaml'), '--nix-out', join(nixos, 'plain.nix'), '--write', '--force'], env);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      noRawSecret(r.stdout);
      expect(readdirSync(r.tmp)).toEqual([]);
      expect(filesWithSecrets(plain)).toEqual([]);
    });

    it('a successful --write leaves no backup and no plaintext anywhere in the repository or TMPDIR', () => {
      const r = run([...args(), '--write'], env);
      expect(r.status).toBe(0);
      noRawSecret(r.stdout + r.stderr);
      expect(existsSync(join(src, '.git', 'chezmoi-sops'))).toBe(false);
      expect(readdirSync(r.tmp)).toEqual([]);
      // The work tree and .git minus the objects of the commit that held the value (purge's job).
      expect(filesWithSecrets(src).filter((p) => !p.includes(`${join('.git', 'objects')}`))).toEqual([]);
    });
  });
});
