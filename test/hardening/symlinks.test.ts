// Symlinks in a (possibly hostile) source tree are never followed: nothing outside it is read, and
// no code outside it is run. A secret planted outside the tree must appear in no output.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, git, scratch, STACK_FRAME } from './helpers.js';

const OUTSIDE_SECRET = 'ghp_0utsideTheTreeXq2LxT9bK4nWc8ZpYf3Hs6J';

interface JsonReport {
  findings: Array<{ file: string; secret: string }>;
  variables: Array<{ path: string[]; value: string }>;
  errors: Array<{ file: string; message: string }>;
  notes: Array<{ file: string; message: string }>;
}

describe('symlinks', () => {
  let base: string;
  let cleanup: () => void;
  let src: string;
  let outside: string;
  const marker = () => join(base, 'rule-ran');
  beforeAll(() => {
    ({ dir: base, cleanup } = scratch('symlinks'));
    outside = join(base, 'outside');
    src = join(base, 'src');
    mkdirSync(join(outside, 'rules'), { recursive: true });
    mkdirSync(src);
    writeFileSync(join(outside, 'secret.txt'), `password = "${OUTSIDE_SECRET}"\n`);
    writeFileSync(join(outside, 'data.yaml'), `github:\n  token: ${OUTSIDE_SECRET}\n`);
    writeFileSync(join(outside, 'config.yaml'), 'ignore: ["*"]\n');
    // A rule outside the tree that would prove it ran by leaving a file behind.
    writeFileSync(join(outside, 'rules', 'outside.js'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker())}, 'ran');\nexport default { id: 'outside', description: 'x', evaluate: () => null };\n`);

    git(src, 'init', '-q', '-b', 'main');
    symlinkSync('/etc/passwd', join(src, 'dot_passwd'));
    symlinkSync('..', join(src, 'dot_up'));
    symlinkSync('../outside', join(src, 'dot_config'));
    symlinkSync('../outside/secret.txt', join(src, 'dot_secret.tmpl'));
    symlinkSync('../outside/data.yaml', join(src, '.chezmoidata.yaml'));
    symlinkSync('../outside/config.yaml', join(src, '.chezmoi-sops.yaml'));
    symlinkSync('loopB', join(src, 'loopA'));
    symlinkSync('loopA', join(src, 'loopB'));
    mkdirSync(join(src, '.chezmoi-sops'));
    symlinkSync('../../outside/rules', join(src, '.chezmoi-sops', 'rules'));
    // A chezmoi symlink_ entry is a regular file whose text is the link target: read as text, never followed.
    writeFileSync(join(src, 'symlink_dot_bashrc'), '../outside/secret.txt\n');
    git(src, 'add', '-A');
    git(src, 'commit', '-q', '-m', 'links');
  });
  afterAll(() => cleanup());

  const assertNothingFromOutside = (r: { stdout: string; stderr: string }) => {
    expect(r.stdout + r.stderr).not.toContain(OUTSIDE_SECRET);
    expect(r.stdout + r.stderr).not.toContain('root:x:0:0');
    expect(existsSync(marker())).toBe(false);
  };

  it('scan: every symlink is noted as not followed; nothing outside is read; no outside rule runs', () => {
    const r = cli(['scan', src, '--format', 'json', '--show-secrets'], { env: { CHEZMOI_SOPS_CACHE_DIR: 'off' } });
    assertNothingFromOutside(r);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    const report = JSON.parse(r.stdout) as JsonReport;
    const noted = Object.fromEntries(report.notes.map((n) => [n.file, n.message]));
    for (const link of ['dot_passwd', 'dot_up', 'dot_config', 'dot_secret.tmpl', '.chezmoidata.yaml']) {
      expect(noted[link]).toMatch(/points outside the source directory and is not followed/);
    }
    expect(noted.loopA).toMatch(/not followed/);
    expect(noted.loopB).toMatch(/not followed/);
    expect(report.variables).toEqual([]);
    // The symlinked config (which would ignore everything) and rules are refused, loudly: exit 2.
    expect(r.status).toBe(2);
    expect(report.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: '.chezmoi-sops.yaml', message: expect.stringMatching(/symbolic link/) }),
      expect.objectContaining({ file: '.chezmoi-sops/rules', message: expect.stringMatching(/symbolic link/) }),
    ]));
  });

  it('scan --staged and history read the link blob (its target text), never the target', () => {
    for (const args of [['scan', '--staged', src], ['history', src]]) {
      const r = cli([...args, '--format', 'json', '--show-secrets'], { env: { CHEZMOI_SOPS_CACHE_DIR: 'off' } });
      assertNothingFromOutside(r);
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect([0, 1, 2]).toContain(r.status);
    }
  });

  it('.chezmoiroot naming a symlinked folder, or outside the tree, is not followed', () => {
    const { dir, cleanup: done } = scratch('symlink-root');
    try {
      git(dir, 'init', '-q');
      symlinkSync(outside, join(dir, 'home'));
      writeFileSync(join(dir, '.chezmoiroot'), 'home\n');
      let r = cli(['scan', dir, '--format', 'json', '--show-secrets']);
      assertNothingFromOutside(r);
      expect((JSON.parse(r.stdout) as JsonReport).notes.map((n) => n.file)).toEqual(expect.arrayContaining(['.chezmoiroot', 'home']));
      writeFileSync(join(dir, '.chezmoiroot'), '../outside\n');
      r = cli(['scan', dir, '--format', 'json', '--show-secrets']);
      assertNothingFromOutside(r);
      expect(r.status).toBe(2);
      expect((JSON.parse(r.stdout) as JsonReport).errors).toEqual([expect.objectContaining({ file: '.chezmoiroot', message: expect.stringMatching(/inside the source directory/) })]);
    } finally {
      done();
    }
  });

  it('a source directory that is itself a symlink is scanned (as chezmoi allows)', () => {
    const { dir, cleanup: done } = scratch('symlink-source');
    try {
      mkdirSync(join(dir, 'real'));
      writeFileSync(join(dir, 'real', 'dot_netrc'), 'machine h login u password linkedSecr3tValue!9\n');
      symlinkSync(join(dir, 'real'), join(dir, 'link'));
      const r = cli(['scan', join(dir, 'link'), '--format', 'json']);
      expect(r.status).toBe(1);
      expect((JSON.parse(r.stdout) as JsonReport).findings.map((f) => f.file)).toEqual(['dot_netrc']);
    } finally {
      done();
    }
  });
});
