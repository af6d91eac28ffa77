// Git layouts a scanner meets in the wild: each gets the right behaviour or a clear error (exit 2,
// one line, no stack trace).
import { chmodSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, committedRepo, git, scratch, STACK_FRAME } from './helpers.js';

const TOKEN = 'ghp_G1tR3posQ9wXy7Lm2Nv8Rt4Bc6Df1Gh5Jk0';
const PASSWORD = 'Rp7!gitReposPassw0rd';
const OLD_TOKEN = 'glpat-Ol9dT0kenXq2LxT9bK4n';

interface JsonReport {
  findings: Array<{ file: string | null; secret: string; history: { refs: string[]; atHead: boolean } | null }>;
  errors: Array<{ file: string; message: string }>;
  notes: Array<{ file: string; message: string }>;
  incompleteHistory?: boolean;
}

const json = (r: { stdout: string }) => JSON.parse(r.stdout) as JsonReport;
const clearError = (r: { status: number | null; stdout: string; stderr: string }, pattern: RegExp) => {
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(STACK_FRAME);
};

describe('git layouts', () => {
  let base: string;
  let cleanup: () => void;
  let repo: string;
  beforeAll(() => {
    ({ dir: base, cleanup } = scratch('git'));
    repo = join(base, 'repo');
    // Default branch 'trunk'; a secret that was removed (history only) and one still at HEAD.
    committedRepo(repo, { 'dot_old': `token = ${OLD_TOKEN}\n` }, 'trunk');
    git(repo, 'rm', '-q', 'dot_old');
    git(repo, 'commit', '-q', '-m', 'remove old');
    writeFileSync(join(repo, '.chezmoidata.yaml'), `github:\n  token: ${TOKEN}\n`);
    writeFileSync(join(repo, 'dot_netrc'), `machine h login u password ${PASSWORD}\n`);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'current');
  });
  afterAll(() => cleanup());

  it('a directory that is not a repository: scan works; staged, history, purge and migrate --write say so', () => {
    const dir = join(base, 'plain');
    mkdirSync(dir);
    writeFileSync(join(dir, 'dot_netrc'), `machine h login u password ${PASSWORD}\n`);
    expect(cli(['scan', dir]).status).toBe(1);
    clearError(cli(['scan', '--staged', dir]), /not inside a git work tree/);
    clearError(cli(['history', dir]), /not a git repository/);
    clearError(cli(['purge', 'plan', dir]), /not a git repository/);
    writeFileSync(join(dir, '.chezmoidata.yaml'), `github:\n  token: ${TOKEN}\n`);
    writeFileSync(join(dir, 'dot_x.tmpl'), '{{ .github.token }}\n');
    const m = cli(['migrate', dir, '--sops-file', join(base, 'never.yaml'), '--write']);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/not in a git work tree, so there is no undo; use --force/);
    expect(m.stderr).not.toMatch(STACK_FRAME);
  });

  it('an empty repository (no commit): scan, scan --staged and history report nothing, exit 0', () => {
    const dir = join(base, 'empty');
    mkdirSync(dir);
    git(dir, 'init', '-q');
    for (const args of [['scan', dir], ['scan', '--staged', dir], ['history', dir]]) {
      const r = cli([...args, '--format', 'json']);
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: '' });
      expect(json(r).findings).toEqual([]);
    }
  });

  it("default branch 'trunk': history finds both secrets, the removed one not at HEAD", () => {
    const r = cli(['history', repo, '--format', 'json', '--show-secrets']);
    expect(r.status).toBe(1);
    const found = json(r).findings;
    expect(found.find((f) => f.secret === OLD_TOKEN)?.history).toMatchObject({ atHead: false, refs: ['refs/heads/trunk'] });
    expect(found.find((f) => f.secret === TOKEN)?.history).toMatchObject({ atHead: true });
  });

  it('a bare repository: history scans its commits; scan and scan --staged refuse clearly', () => {
    const bare = join(base, 'bare.git');
    git(base, 'clone', '-q', '--bare', repo, bare);
    const h = cli(['history', bare, '--format', 'json', '--show-secrets']);
    expect(h.status).toBe(1);
    expect(json(h).findings.map((f) => f.secret)).toEqual(expect.arrayContaining([TOKEN, OLD_TOKEN, PASSWORD]));
    clearError(cli(['scan', bare]), /bare git repository: it has no work tree to scan/);
    clearError(cli(['scan', '--staged', bare]), /not inside a git work tree/);
  });

  it('a shallow clone: history says it is incomplete (JSON flag and a text warning)', () => {
    const shallow = join(base, 'shallow');
    git(base, 'clone', '-q', '--depth', '1', `file://${repo}`, shallow);
    const r = cli(['history', shallow, '--format', 'json', '--show-secrets']);
    expect(r.status).toBe(1);
    expect(json(r).incompleteHistory).toBe(true);
    expect(json(r).findings.map((f) => f.secret)).not.toContain(OLD_TOKEN);
    expect(cli(['history', shallow]).stdout).toMatch(/history is incomplete \(a shallow clone/);
  });

  it('a detached HEAD: history still walks every branch; scan --staged works', () => {
    const d = join(base, 'detached');
    git(base, 'clone', '-q', repo, d);
    git(d, 'checkout', '-q', '--detach', 'HEAD~1');
    const r = cli(['history', d, '--format', 'json', '--show-secrets']);
    expect(r.status).toBe(1);
    expect(json(r).findings.map((f) => f.secret)).toEqual(expect.arrayContaining([TOKEN, OLD_TOKEN]));
    expect(cli(['scan', '--staged', d]).status).toBe(0);
  });

  it('a linked worktree (.git is a file): scan, scan --staged and history work from it', () => {
    const wt = join(base, 'wt');
    git(repo, 'worktree', 'add', '-q', wt, 'HEAD');
    try {
      const s = cli(['scan', wt, '--format', 'json', '--show-secrets']);
      expect(s.status).toBe(1);
      expect(json(s).findings.map((f) => f.file).sort()).toEqual(['.chezmoidata.yaml', 'dot_netrc']);
      writeFileSync(join(wt, 'dot_staged'), `password = "${PASSWORD}x"\n`);
      git(wt, 'add', 'dot_staged');
      const st = cli(['scan', '--staged', wt, '--format', 'json']);
      expect(json(st).findings.map((f) => f.file)).toEqual(['dot_staged']);
      expect(cli(['history', wt]).status).toBe(1);
    } finally {
      git(repo, 'worktree', 'remove', '--force', wt);
    }
  });

  it("a submodule: its work-tree files are scanned (chezmoi applies them); history skips the gitlink", () => {
    const sup = join(base, 'super');
    committedRepo(sup, { 'dot_a': 'x\n' });
    git(sup, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', repo, 'sub');
    // Staged, the submodule is a commit id of another repository: not read, but said in a note.
    const staged = cli(['scan', '--staged', sup, '--format', 'json']);
    expect(staged.status).toBe(0);
    expect((JSON.parse(staged.stdout) as { notes: unknown[] }).notes).toEqual([{ file: 'sub', message: expect.stringMatching(/^git submodule \(another repository\): its files are not scanned/) }]);
    git(sup, 'commit', '-q', '-m', 'add submodule');
    const s = cli(['scan', sup, '--format', 'json']);
    expect(s.status).toBe(1);
    expect(json(s).findings.map((f) => f.file).sort()).toEqual(['sub/.chezmoidata.yaml', 'sub/dot_netrc']);
    // Its files are scanned, and the note says its history is not covered here.
    expect((JSON.parse(s.stdout) as { notes: unknown[] }).notes).toEqual([{ file: 'sub', message: expect.stringMatching(/^git submodule \(another repository\): its files are scanned as checked out, but 'history' here/) }]);
    const h = cli(['history', sup, '--format', 'json']);
    expect({ status: h.status, stderr: h.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('odd ref names (unicode, leading dashes, shell characters) are listed as they are and run nothing', () => {
    const odd = join(base, 'odd');
    git(base, 'clone', '-q', repo, odd);
    const names = ['refs/heads/ünï/cødé', 'refs/heads/-dash', 'refs/tags/--help', 'refs/heads/a;b`touch${IFS}pwned`$(touch${IFS}pwned2)'];
    for (const ref of names) git(odd, 'update-ref', ref, 'HEAD~1');
    const r = cli(['history', odd, '--format', 'json', '--show-secrets']);
    expect(r.status).toBe(1);
    const refs = json(r).findings.find((f) => f.secret === OLD_TOKEN)!.history!.refs;
    expect(refs).toEqual(expect.arrayContaining(names));
    const tmp = join(base, 'tmp-odd');
    mkdirSync(tmp);
    const p = cli(['purge', 'plan', odd], { env: { TMPDIR: tmp } }); // its expressions file stays in our scratch dir
    expect(p.status).toBe(1);
    expect(p.stderr).not.toMatch(STACK_FRAME);
    for (const dir of [odd, base, process.cwd()]) expect(readdirSync(dir).filter((n) => n.startsWith('pwned'))).toEqual([]);
  });

  /** A copy of the repo (no hard links: objects are changed in place) and the loose file of `rev`. */
  const copyWithObject = (name: string, rev: string): { dir: string; object: string } => {
    const dir = join(base, name);
    cpSync(repo, dir, { recursive: true });
    const sha = git(dir, 'rev-parse', rev).trim();
    const object = join(dir, '.git', 'objects', sha.slice(0, 2), sha.slice(2));
    chmodSync(object, 0o644);
    return { dir, object };
  };

  it('a corrupt commit object: history fails with a clear error (exit 2)', () => {
    const { dir, object } = copyWithObject('corrupt-commit', 'HEAD');
    writeFileSync(object, 'not a zlib stream');
    clearError(cli(['history', dir]), /git cat-file failed|corrupt|inflate/);
  });

  it('a missing blob in a full (not partial) clone fails closed: exit 2, the path named', () => {
    // The only secret of this repo lives in the lost blob: a note alone would let the run pass as clean.
    const dir = join(base, 'missing-blob');
    committedRepo(dir, { 'dot_old': `token = ${OLD_TOKEN}\n` });
    git(dir, 'rm', '-q', 'dot_old');
    git(dir, 'commit', '-q', '-m', 'remove');
    const sha = git(dir, 'rev-parse', 'HEAD~1:dot_old').trim();
    rmSync(join(dir, '.git', 'objects', sha.slice(0, 2), sha.slice(2)));
    const r = cli(['history', dir, '--format', 'json']);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.status).toBe(2);
    expect(json(r).errors).toEqual([expect.objectContaining({ file: 'dot_old' })]);
  });
});
