// End to end through the real CLI (this checkout's bin/chezmoi-sops, dist/ built by global-setup),
// real git repositories and the real installed hook.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bin, checkout, fakeAwsKeyId, fakeAwsSecret, fakeGithubToken, gitEnv, TempRepo } from './helpers.js';
import { sarifSchemaErrors } from './sarif-schema.js';

function chezmoiRepo(): TempRepo {
  const repo = new TempRepo();
  repo.write('.chezmoidata.yaml', 'name: Rain\neditor: nvim\ngithub:\n  user: rain-dev\n');
  repo.write('dot_gitconfig.tmpl', '[user]\n  name = {{ .name }}\n[github]\n  user = {{ .github.user }}\n');
  repo.write('dot_bashrc', 'export EDITOR=nvim\nalias ll="ls -l"\n');
  repo.commitAll('init');
  return repo;
}

const awsCredentials = (seed: number) => `[default]\naws_access_key_id = ${fakeAwsKeyId(seed)}\naws_secret_access_key = ${fakeAwsSecret(seed)}\nregion = eu-central-1\n`;

describe('the installed pre-commit hook', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = chezmoiRepo();
    const r = repo.cli('install-hook', '.');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('git commit --no-verify');
  });
  afterAll(() => repo.cleanup());

  it('lets a commit without a secret through', () => {
    repo.write('dot_bashrc', 'export EDITOR=nvim\nalias ll="ls -la"\n');
    repo.git('add', 'dot_bashrc');
    const r = repo.tryGit('commit', '-q', '-m', 'clean change');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('refuses a commit that stages an AWS key in a file, and --no-verify bypasses it once', () => {
    repo.write('private_dot_aws/credentials', awsCredentials(11));
    repo.git('add', 'private_dot_aws/credentials');
    const r = repo.tryGit('commit', '-q', '-m', 'add aws');
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('private_dot_aws/credentials');
    expect(r.stdout + r.stderr).not.toContain(fakeAwsSecret(11));
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
    const bypass = repo.tryGit('commit', '-q', '--no-verify', '-m', 'add aws anyway');
    expect(bypass.status).toBe(0);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('3');
  });

  it('refuses a new secret key in .chezmoidata.yaml', () => {
    repo.write('.chezmoidata.yaml', `name: Rain\neditor: nvim\ngithub:\n  user: rain-dev\n  token: ${fakeGithubToken(12)}\n`);
    repo.git('add', '.chezmoidata.yaml');
    const r = repo.tryGit('commit', '-q', '-m', 'add token');
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('.chezmoidata.yaml');
    repo.git('checkout', 'HEAD', '--', '.chezmoidata.yaml');
  });

  it('judges the index, not the work tree: a staged secret cleaned on disk still fails', () => {
    repo.write('dot_netrc', `machine api.example.com\n  password ${fakeGithubToken(13)}\n`);
    repo.git('add', 'dot_netrc');
    repo.write('dot_netrc', 'machine api.example.com\n');
    const r = repo.tryGit('commit', '-q', '-m', 'netrc');
    expect(r.status).not.toBe(0);
    repo.git('rm', '-q', '-f', '--cached', 'dot_netrc');
  });

  it('sees what `git commit -a` stages (the temporary index git hands the hook)', () => {
    repo.write('dot_bashrc', `export EDITOR=nvim\nexport GITHUB_TOKEN=${fakeGithubToken(14)}\n`);
    const r = repo.tryGit('commit', '-q', '-a', '-m', 'commit -a');
    expect(r.status).not.toBe(0);
    repo.git('checkout', 'HEAD', '--', 'dot_bashrc');
  });
});

describe('the pre-commit framework entry (.pre-commit-hooks.yaml)', () => {
  const hooks = parse(readFileSync(join(checkout, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  const hook = hooks.find((h) => h.id === 'chezmoi-sops')!;

  it('declares a node hook that runs on every commit without file names', () => {
    expect(hook).toMatchObject({ language: 'node', entry: 'chezmoi-sops scan --staged', args: ['.'], pass_filenames: false, always_run: true });
  });

  it('run as pre-commit runs it (entry on PATH, repository root as cwd): fails on a staged secret, passes without', () => {
    const repo = chezmoiRepo();
    const pathDir = mkdtempSync(join(tmpdir(), 'chezmoi-sops-path-'));
    try {
      symlinkSync(bin, join(pathDir, 'chezmoi-sops'));
      // pre-commit runs `entry` followed by `args` (no file names: pass_filenames is false).
      const [cmd, ...args] = [...String(hook.entry).split(' '), ...(hook.args as string[])];
      const run = () => spawnSync(cmd, args, { cwd: repo.dir, encoding: 'utf8', env: { ...gitEnv, PATH: `${pathDir}:${process.env.PATH}` } });
      repo.write('dot_bashrc', 'export EDITOR=vim\n');
      repo.git('add', 'dot_bashrc');
      const clean = run();
      expect(clean.stderr).toBe('');
      expect(clean.status).toBe(0);
      repo.write('private_dot_aws/credentials', awsCredentials(21));
      repo.git('add', 'private_dot_aws/credentials');
      expect(run().status).toBe(1);
    } finally {
      rmSync(pathDir, { recursive: true, force: true });
      repo.cleanup();
    }
  });
});

describe('baseline through the CLI', () => {
  let repo: TempRepo;
  const token = fakeGithubToken(31);
  beforeEach(() => {
    repo = chezmoiRepo();
    repo.write('.chezmoidata.yaml', `name: Rain\ngithub:\n  user: rain-dev\n  token: ${token}\n`);
    repo.write('private_dot_aws/credentials', awsCredentials(32));
    repo.commitAll('secrets');
  });
  afterEach(() => repo.cleanup());
  const baselineFile = () => join(repo.dir, '.chezmoi-sops-baseline.json');

  it('create writes a sorted, value-free baseline; scan --baseline then passes', () => {
    expect(repo.cli('scan', '.').status).toBe(1);
    const created = repo.cli('baseline', 'create', '.');
    expect(created.status).toBe(0);
    const text = readFileSync(baselineFile(), 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(fakeAwsSecret(32));
    expect(JSON.parse(text).entries.length).toBeGreaterThanOrEqual(2);
    const r = repo.cli('scan', '.', '--baseline', baselineFile());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('survives a line shift and reformatting, but a different secret on the same line is reported', () => {
    expect(repo.cli('baseline', 'create', '.').status).toBe(0);
    repo.write('.chezmoidata.yaml', `# moved down\n\nname: Rain\n\ngithub:\n    user: rain-dev\n    token: "${token}"\n`);
    repo.write('private_dot_aws/credentials', `# header\n\n${awsCredentials(32)}`);
    expect(repo.cli('scan', '.', '--baseline', baselineFile()).status).toBe(0);
    repo.write('.chezmoidata.yaml', `# moved down\n\nname: Rain\n\ngithub:\n    user: rain-dev\n    token: "${fakeGithubToken(33)}"\n`);
    const r = repo.cli('scan', '.', '--baseline', baselineFile(), '--format', 'json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { file: string }[] };
    expect(report.findings.map((f) => f.file)).toEqual(['.chezmoidata.yaml']);
  });

  it('history --baseline still passes after the commits are squashed', () => {
    repo.write('dot_vimrc', 'set number\n');
    repo.commitAll('more');
    expect(repo.cli('baseline', 'create', '.').status).toBe(0);
    expect(repo.cli('history', '.', '--baseline', baselineFile()).status).toBe(0);
    repo.git('reset', '--soft', repo.git('rev-list', '--max-parents=0', 'HEAD').trim());
    repo.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '--amend', '-m', 'squashed');
    repo.git('reflog', 'expire', '--expire=now', '--all');
    repo.git('gc', '-q', '--prune=now');
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
    const r = repo.cli('history', '.', '--baseline', baselineFile());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('audit refuses to run without a terminal, and works on one', () => {
    expect(repo.cli('baseline', 'create', '.').status).toBe(0);
    const before = JSON.parse(readFileSync(baselineFile(), 'utf8')).entries as unknown[];
    const noTty = repo.cli('baseline', 'audit', '.');
    expect(noTty.status).toBe(2);
    expect(noTty.stderr).toContain('needs an interactive terminal');
    // `script` gives the command a real pseudo-terminal; answers: drop the first, false positive for the rest.
    const answers = ['d', ...before.slice(1).map(() => 'f')].join('\n') + '\n';
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} baseline audit .`;
    const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: repo.dir, env: gitEnv, input: answers, encoding: 'utf8' });
    expect(tty.status).toBe(0);
    const after = JSON.parse(readFileSync(baselineFile(), 'utf8')).entries as { falsePositive?: boolean }[];
    expect(after).toHaveLength(before.length - 1);
    expect(after.every((e) => e.falsePositive === true)).toBe(true);
    expect(tty.stdout).not.toContain(token);
  });
});

describe('SARIF from real scans', () => {
  it('scan and history --format sarif validate against the official schema', () => {
    const repo = chezmoiRepo();
    try {
      repo.write('.chezmoidata.yaml', `name: Rain\ngithub:\n  token: ${fakeGithubToken(41)}\n`);
      repo.write('dir with space/private_dot_aws/credentials', awsCredentials(42));
      repo.commitAll('secrets');
      for (const command of ['scan', 'history']) {
        const r = repo.cli(command, '.', '--format', 'sarif');
        expect(r.status).toBe(1);
        const log = JSON.parse(r.stdout) as { runs: { results: unknown[] }[] };
        expect(sarifSchemaErrors(log)).toEqual([]);
        expect(log.runs[0].results.length).toBeGreaterThanOrEqual(2);
        expect(r.stdout).not.toContain(fakeGithubToken(41));
      }
    } finally {
      repo.cleanup();
    }
  });
});
