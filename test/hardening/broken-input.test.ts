// Broken YAML, TOML, JSON, config and templates: everything else is still scanned, the run exits 2,
// each broken file is named with its line in one sentence, and no JavaScript stack trace is shown.
import { cli, committedRepo, scratch, STACK_FRAME } from './helpers.js';

const GH_TOKEN = 'ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi';
const PASSWORD = 'Tr0ub4dor&3-horse-battery';

const BROKEN = {
  // A syntax error after a provider token: the data cannot be merged, the token is still found.
  '.chezmoidata.yaml': `github:\n  token: ${GH_TOKEN}\nlist: [1, 2\nafter: x\n`,
  '.chezmoidata/broken.toml': 'name = "unterminated\n',
  '.chezmoidata/broken.json': '{"a": 1,,}\n',
  '.chezmoi.toml.tmpl': '{{ $email := "a@b.c" }}\n[data]\n  email = "unterminated\n',
  'dot_bad.tmpl': 'hello {{ .name \n',
  'dot_bad2.tmpl': '{{ end }}\n',
  // Analysed normally: must be in the report although other files are broken.
  'dot_netrc': `machine example.com login me password ${PASSWORD}\n`,
};

interface JsonReport {
  findings: Array<{ file: string; rule: string; secret: string }>;
  errors: Array<{ file: string; line: number | null; column: number | null; message: string }>;
}

describe('broken input', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = scratch('broken'));
    committedRepo(dir, BROKEN);
  });
  afterAll(() => cleanup());

  it('exits 2 after scanning everything else; every broken file has a line and a one-line message', () => {
    const r = cli(['scan', dir, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    const report = JSON.parse(r.stdout) as JsonReport;
    const broken = ['.chezmoidata.yaml', '.chezmoidata/broken.toml', '.chezmoidata/broken.json', '.chezmoi.toml.tmpl', 'dot_bad.tmpl', 'dot_bad2.tmpl'];
    expect(report.errors.map((e) => e.file).sort()).toEqual([...broken].sort());
    for (const e of report.errors) {
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.message).not.toContain('\n');
      expect(e.message).not.toMatch(STACK_FRAME);
    }
    // The file that parses is still analysed, and the token in the broken YAML is still reported.
    expect(report.findings.some((f) => f.file === 'dot_netrc')).toBe(true);
    expect(report.findings.some((f) => f.file === '.chezmoidata.yaml' && f.secret.startsWith('ghp_'))).toBe(true);
  });

  it('text output: one "file:line:column: message" line per broken file, no stack trace, no value', () => {
    const r = cli(['scan', dir]);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stdout).toMatch(/^ {2}! \.chezmoidata\.yaml:[34]:\d+: could not parse YAML: .+$/m);
    expect(r.stdout).toMatch(/^ {2}! \.chezmoidata\/broken\.toml:1:\d+: could not parse TOML: .+$/m);
    expect(r.stdout).toMatch(/^ {2}! \.chezmoidata\/broken\.json:1:\d+: could not parse JSON: .+$/m);
    expect(r.stdout).toMatch(/^ {2}! dot_bad\.tmpl:\d+:\d+: template does not parse: .+$/m);
    expect(r.stdout).not.toContain(GH_TOKEN);
    expect(r.stdout).not.toContain(PASSWORD);
  });

  it('a broken .chezmoi-sops.yaml is named with its line; the scan still runs with the defaults', () => {
    const { dir: d, cleanup: done } = scratch('broken-config');
    try {
      committedRepo(d, { '.chezmoi-sops.yaml': 'maxFileSize: [\n', 'dot_netrc': BROKEN.dot_netrc });
      const r = cli(['scan', d, '--format', 'json']);
      expect(r.status).toBe(2);
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(report.errors).toEqual([expect.objectContaining({ file: '.chezmoi-sops.yaml', line: expect.any(Number) })]);
      expect(report.findings.map((f) => f.file)).toEqual(['dot_netrc']);
    } finally {
      done();
    }
  });

  it('inspect of a broken template: exit 2 with the line, no stack trace', () => {
    const r = cli(['inspect', 'dot_bad.tmpl'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/line 2, column 1: unclosed action/);
    expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
  });

  it('migrate names each broken file once, with the file (not "template") in the message', () => {
    const r = cli(['migrate', dir, '--sops-file', 'secrets.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('dot_bad.tmpl'))).toEqual(['chezmoi-sops migrate: dot_bad.tmpl:2: template does not parse: unclosed action started at dot_bad.tmpl:1']);
    expect(r.stderr).not.toContain('template:');
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('--output into a missing folder names the file asked for, not a temporary file; nothing is written', () => {
    const target = `${dir}/no-such-folder/report.json`;
    for (const args of [['scan', dir], ['inspect', `${dir}/dot_netrc`], ['history', dir], ['purge', 'plan', dir]]) {
      const r = cli([...args, '--format', 'json', '--output', target]);
      expect(r.status).toBe(2);
      // (purge also warns about the broken files first)
      expect(r.stderr.trim().split('\n').at(-1)).toBe(`chezmoi-sops ${args[0]}: cannot write ${target}: the folder ${dir}/no-such-folder does not exist`);
      expect(r.stderr).not.toContain('.tmp');
    }
  });

  it('a relative --output is named as typed (scan, baseline create), not made absolute', () => {
    for (const args of [['scan', '.', '--format', 'json'], ['baseline', 'create', '.']]) {
      const r = cli([...args, '--output', 'no-such-folder/out.json'], { cwd: dir });
      expect({ status: r.status, last: r.stderr.trim().split('\n').at(-1) }).toEqual({ status: 2, last: `chezmoi-sops ${args[0]}: cannot write no-such-folder/out.json: the folder no-such-folder does not exist` });
    }
  });

  it('an expected failure (missing directory) is one line on stderr; --debug adds the stack', () => {
    const plain = cli(['scan', `${dir}/does-not-exist`]);
    expect(plain.status).toBe(2);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toMatch(/cannot be read: ENOENT/);
    const debug = cli(['scan', `${dir}/does-not-exist`, '--debug']);
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(STACK_FRAME);
  });
});
