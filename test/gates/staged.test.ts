import { execFileSync } from 'node:child_process';
import { realpathSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listIndexPaths, readIndexFiles, readStagedFiles } from '../../src/gates/staged.js';
import { scanStaged } from '../../src/scan/index.js';
import { checkout, fakeGithubToken, TempRepo } from './helpers.js';

describe('readStagedFiles', () => {
  let repo: TempRepo;
  beforeEach(() => { repo = new TempRepo(); });
  afterEach(() => repo.cleanup());

  it('reads the first commit of an unborn branch', async () => {
    repo.write('dot_bashrc', 'export A=1\n');
    repo.git('add', 'dot_bashrc');
    const { files, repoRoot } = await readStagedFiles(repo.dir);
    expect(repoRoot).toBe(realpathSync(repo.dir));
    expect(files.map((f) => [f.path, f.mode, f.content.toString()])).toEqual([['dot_bashrc', '100644', 'export A=1\n']]);
  });

  it('returns the blob in the index, not the file in the work tree', async () => {
    repo.write('dot_env', 'TOKEN=old\n');
    repo.commitAll('init');
    repo.write('dot_env', 'TOKEN=staged\n');
    repo.git('add', 'dot_env');
    repo.write('dot_env', 'TOKEN=edited-after-staging\n'); // what the commit will NOT contain
    const { files } = await readStagedFiles(repo.dir);
    expect(files).toHaveLength(1);
    expect(files[0].content.toString()).toBe('TOKEN=staged\n');
  });

  it('lists added, modified and renamed files but not deleted, unstaged or untouched ones', async () => {
    repo.write('keep', 'k\n');
    repo.write('modify_me', 'a\n');
    repo.write('delete_me', 'd\n');
    repo.write('rename_me', 'r\n');
    repo.commitAll('init');
    repo.write('modify_me', 'b\n');
    repo.write('added', 'new\n');
    repo.write('not_staged', 'x\n');
    repo.git('add', 'modify_me', 'added');
    repo.git('rm', '-q', 'delete_me');
    repo.git('mv', 'rename_me', 'renamed');
    const { files } = await readStagedFiles(repo.dir);
    expect(files.map((f) => f.path).sort()).toEqual(['added', 'modify_me', 'renamed']);
    expect(files.find((f) => f.path === 'renamed')!.content.toString()).toBe('r\n');
  });

  it('keeps odd file names, binary bytes, executable and symlink modes', async () => {
    const odd = 'dir with space/new\nline\u00e9.tmpl';
    const bytes = Buffer.from([0, 1, 2, 255, 10, 10, 0]);
    repo.write(odd, 'odd\n');
    repo.write('executable_dot_script', '#!/bin/sh\n');
    repo.write('blob.bin', bytes);
    symlinkSync('target/file', join(repo.dir, 'symlink_dot_link'));
    repo.git('add', '-A');
    repo.git('update-index', '--chmod=+x', 'executable_dot_script');
    const { files } = await readStagedFiles(repo.dir);
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.get(odd)!.content.toString()).toBe('odd\n');
    expect(byPath.get('blob.bin')!.content.equals(bytes)).toBe(true);
    expect(byPath.get('executable_dot_script')!.mode).toBe('100755');
    expect(byPath.get('symlink_dot_link')!.mode).toBe('120000');
    expect(byPath.get('symlink_dot_link')!.content.toString()).toBe('target/file');
  });

  it('gives paths relative to the repository root when started in a subdirectory', async () => {
    repo.write('home/dot_zshrc', 'z\n');
    repo.git('add', '-A');
    const { files, repoRoot } = await readStagedFiles(join(repo.dir, 'home'));
    expect(repoRoot).toBe(realpathSync(repo.dir));
    expect(files.map((f) => f.path)).toEqual(['home/dot_zshrc']);
  });

  it('gives root-relative paths from a subdirectory even when the user sets diff.relative', async () => {
    repo.write('home/dot_zshrc', 'z\n');
    repo.write('outside', 'o\n');
    repo.git('add', '-A');
    repo.git('config', 'diff.relative', 'true');
    const { files } = await readStagedFiles(join(repo.dir, 'home'));
    expect(files.map((f) => [f.path, f.content.toString()]).sort()).toEqual([['home/dot_zshrc', 'z\n'], ['outside', 'o\n']]);
  });

  it('skips an intent-to-add entry (nothing staged yet) and a deleted-in-work-tree file keeps its index blob', async () => {
    repo.write('later', 'not yet\n');
    repo.write('staged_then_removed_on_disk', 'in index\n');
    repo.git('add', '-N', 'later');
    repo.git('add', 'staged_then_removed_on_disk');
    unlinkSync(join(repo.dir, 'staged_then_removed_on_disk'));
    const { files } = await readStagedFiles(repo.dir);
    expect(files.map((f) => [f.path, f.content.toString()])).toEqual([['staged_then_removed_on_disk', 'in index\n']]);
  });

  it('reads the index named by GIT_INDEX_FILE, as git sets it for a hook during `git commit -a`', async () => {
    repo.write('a', '1\n');
    repo.commitAll('init');
    repo.write('a', '2\n'); // not staged in the main index
    const env = { ...process.env, GIT_INDEX_FILE: join(repo.dir, '.git', 'alt-index') };
    execFileSync('git', ['read-tree', 'HEAD'], { cwd: repo.dir, env });
    execFileSync('git', ['add', 'a'], { cwd: repo.dir, env });
    // A child process, as in a hook: jest gives the test its own copy of process.env.
    const module = pathToFileURL(join(checkout, 'dist', 'src', 'gates', 'staged.js')).href;
    const script = `import(${JSON.stringify(module)}).then(async (m) => { const r = await m.readStagedFiles('.'); process.stdout.write(JSON.stringify(r.files.map((f) => [f.path, f.content.toString()]))); })`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([['a', '2\n']]);
    expect((await readStagedFiles(repo.dir)).files).toEqual([]);
  });

  it('fails clearly outside a git repository', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const plain = mkdtempSync(join(tmpdir(), 'not-a-repo-'));
    try {
      await expect(readStagedFiles(plain)).rejects.toThrow(/not inside a git work tree/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('index listing', () => {
  let repo: TempRepo;
  beforeEach(() => { repo = new TempRepo(); });
  afterEach(() => repo.cleanup());

  it('lists every path in the index, staged or not, and reads their index blobs', async () => {
    repo.write('.chezmoidata.yaml', 'github:\n  user: me\n');
    repo.write('dot_gitconfig.tmpl', '[user]\n  name = {{ .github.user }}\n');
    repo.commitAll('init');
    repo.write('dot_gitconfig.tmpl', '[user]\n  name = {{ .github.user }}\n  email = x\n');
    repo.git('add', 'dot_gitconfig.tmpl');
    repo.write('.chezmoidata.yaml', 'github:\n  user: edited-not-staged\n');
    repo.write('untracked', 'u\n');
    expect((await listIndexPaths(repo.dir)).sort()).toEqual(['.chezmoidata.yaml', 'dot_gitconfig.tmpl']);
    const data = await readIndexFiles(repo.dir, ['.chezmoidata.yaml', 'untracked']);
    expect(data.map((f) => [f.path, f.content.toString()])).toEqual([['.chezmoidata.yaml', 'github:\n  user: me\n']]);
  });
});

describe('staged blobs over maxFileSize', () => {
  let repo: TempRepo;
  beforeEach(() => { repo = new TempRepo(); });
  afterEach(() => repo.cleanup());

  it('are skipped with a note, by the size in git\'s answer, without reading their content', async () => {
    const token = fakeGithubToken(7);
    repo.write('.chezmoi-sops.yaml', 'maxFileSize: 1000\n');
    repo.write('dot_small', 'colour = blue\n');
    // A real secret inside: it must not be found, since the file is never read.
    repo.write('dot_big', `TOKEN=${token}\n${'padding line\n'.repeat(200)}`);
    repo.git('add', '-A');

    const read = await readStagedFiles(repo.dir, { maxFileSize: 1000 });
    expect(read.files.map((f) => f.path).sort()).toEqual(['.chezmoi-sops.yaml', 'dot_small']);
    expect(read.tooLarge).toEqual([{ path: 'dot_big', size: Buffer.byteLength(`TOKEN=${token}\n`) + 13 * 200 }]);

    const result = await scanStaged(repo.dir);
    expect(result.notes).toContainEqual({ file: 'dot_big', message: 'larger than maxFileSize (1000 bytes): skipped' });
    expect(result.findings.filter((f) => f.file === 'dot_big')).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(token);

    // The same blob under a larger limit is read, and its token found: the note above is the size check's doing.
    repo.write('.chezmoi-sops.yaml', 'maxFileSize: 100000\n');
    const unlimited = await scanStaged(repo.dir);
    expect(unlimited.findings.filter((f) => f.file === 'dot_big').length).toBeGreaterThan(0);
  });
});
