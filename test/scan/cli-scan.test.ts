// scan through the real CLI: the JSON contract of INTERFACE.md, exit codes, fail-closed errors,
// redaction, and scan --staged on a real git repository.
import { join } from 'node:path';
import { copyDemo, git, runCli, scratch, writeFiles } from './helpers.js';

describe('chezmoi-sops scan (CLI)', () => {
  let s: ReturnType<typeof scratch>;
  beforeEach(() => { s = scratch(); });
  afterEach(() => s.cleanup());

  it('prints the JSON report of the contract, redacted, with exit code 1 when secrets are found', () => {
    const dir = copyDemo(join(s.dir, 'src'));
    const r = runCli(['scan', dir, '--format', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['tool', 'version', 'schemaVersion', 'command', 'root', 'variables', 'findings', 'errors']));
    expect(report).toMatchObject({ tool: 'chezmoi-sops', schemaVersion: 1, command: 'scan', root: dir });
    const acoustid = report.findings.find((f: { variable: string[] | null }) => f.variable?.[0] === 'acoustid_api');
    expect(acoustid.secret).toBe('Xt****');
    expect(acoustid.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stdout).not.toContain('Xt8kPq2mZr');
    expect(r.stdout).not.toContain('ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi');
  });

  it('shows values in full only with --show-secrets', () => {
    const dir = copyDemo(join(s.dir, 'src'));
    const r = runCli(['scan', dir, '--format', 'json', '--show-secrets']);
    expect(r.stdout).toContain('Xt8kPq2mZr');
  });

  it('exits 0 on a clean tree', () => {
    writeFiles(s.dir, { '.chezmoidata.yaml': 'name: Rain\n', 'dot_bashrc.tmpl': 'export NAME={{ .name }}\n' });
    const r = runCli(['scan', s.dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails closed with exit code 2 on broken YAML, naming file and line, after scanning the rest', () => {
    writeFiles(s.dir, {
      '.chezmoidata.yaml': 'name: Rain\ntoken: "ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi\n  - [\n',
      'dot_config/app.tmpl': '{{ if .x }}unclosed\n',
      'private_dot_aws/credentials': '[default]\naws_access_key_id = AKIAZ3MEXQ7V4PLR2J6N\n',
    });
    const r = runCli(['scan', s.dir, '--format', 'json']);
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout);
    const files = report.errors.map((e: { file: string }) => e.file).sort();
    expect(files).toEqual(['.chezmoidata.yaml', 'dot_config/app.tmpl']);
    for (const e of report.errors) expect(e.line).toBeGreaterThan(0);
    expect(JSON.stringify(report.errors)).not.toContain('ghp_R7mV');
    expect(report.findings.some((f: { file: string }) => f.file === 'private_dot_aws/credentials')).toBe(true);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('is a usage error (2) for a directory that does not exist', () => {
    const r = runCli(['scan', join(s.dir, 'nope')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope');
  });

  it('scan --staged reads the index, not the work tree', () => {
    writeFiles(s.dir, { '.chezmoidata.yaml': 'name: Rain\n', 'dot_gitconfig.tmpl': '[user]\n  name = {{ .name }}\n' });
    git(s.dir, 'init', '-q');
    git(s.dir, 'add', '-A');
    git(s.dir, 'commit', '-q', '-m', 'init');
    expect(runCli(['scan', '--staged', s.dir]).status).toBe(0);

    // A new secret data key staged, then removed from the work tree: the commit would still carry it.
    writeFiles(s.dir, { '.chezmoidata.yaml': 'name: Rain\nacoustid_api: Xt8kPq2mZr\n', 'dot_config/beets/acoustid.toml.tmpl': 'api_key = "{{ .acoustid_api }}"\n' });
    git(s.dir, 'add', '-A');
    writeFiles(s.dir, { '.chezmoidata.yaml': 'name: Rain\n' });
    const staged = runCli(['scan', '--staged', s.dir, '--format', 'json']);
    expect(staged.status).toBe(1);
    const report = JSON.parse(staged.stdout);
    expect(report.findings.map((f: { variable: string[] | null }) => f.variable?.join('.'))).toContain('acoustid_api');
    // The work tree itself is clean of it now.
    const tree = JSON.parse(runCli(['scan', s.dir, '--format', 'json']).stdout);
    expect(tree.findings.some((f: { variable: string[] | null }) => f.variable?.[0] === 'acoustid_api')).toBe(false);
  });
});

describe('the repository baseline', () => {
  it('is honoured without --baseline, and accepted variables are listed apart in the text report', () => {
    const s = scratch();
    try {
      const dir = copyDemo(join(s.dir, 'src'));
      expect(runCli(['baseline', 'create', dir]).status).toBe(0);
      const r = runCli(['scan', dir]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Secret, but accepted (baseline, inline allow) or not in this scan (3)');
      expect(r.stdout).not.toContain('Secrets stored in template data');
      // A new secret is still reported.
      writeFiles(dir, { 'dot_netrc': 'machine x login rain password Zk29fQ7vLm3pW8\n' });
      expect(runCli(['scan', dir]).status).toBe(1);
    } finally {
      s.cleanup();
    }
  });
});
