import { mkdtemp, mkdir, writeFile, symlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { readSourceTree, isBinary, decodeText, type SourceTree } from '../../src/source/index.js';

let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cs-source-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function makeTree(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(base, name);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), content);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

function byPath(tree: SourceTree, repoPath: string) {
  const f = tree.files.find((x) => x.repoPath === repoPath);
  if (!f) throw new Error(`missing ${repoPath}`);
  return f;
}

describe('readSourceTree', () => {
  test('reads every file with its entry, skips .git, keeps dot-files as ignored repo files', async () => {
    const dir = await makeTree('plain', {
      'dot_gitconfig.tmpl': '[user]\n  email = {{ .email }}\n',
      '.chezmoidata.yaml': 'email: a@b.c\n',
      '.chezmoiignore': 'README.md\n',
      '.git/config': '[core]\n',
      '.git/objects/ab/cdef': 'x',
      'sub/.git/HEAD': 'ref: x',
      '.github/workflows/ci.yml': 'on: push\n',
      'README.md': '# dotfiles\n',
    });
    const tree = await readSourceTree(dir);
    expect(tree.errors).toEqual([]);
    expect(tree.rootPrefix).toBe('');
    expect(tree.root).toBe(dir);
    expect(tree.files.map((f) => f.repoPath)).toEqual([
      '.chezmoidata.yaml', '.chezmoiignore', '.github/workflows/ci.yml', 'README.md', 'dot_gitconfig.tmpl',
    ]);
    const cfg = byPath(tree, 'dot_gitconfig.tmpl');
    expect(cfg.entry).toMatchObject({ kind: 'file', targetPath: '.gitconfig', isTemplate: true });
    expect(cfg.text).toBe('[user]\n  email = {{ .email }}\n');
    expect(cfg.inRoot).toBe(true);
    expect(byPath(tree, '.github/workflows/ci.yml').entry.kind).toBe('ignored');
    expect(byPath(tree, '.github/workflows/ci.yml').text).toBe('on: push\n');
  });

  test('.chezmoiroot moves the root; a config template outside it is ignored', async () => {
    const dir = await makeTree('rooted', {
      '.chezmoiroot': 'home\n',
      '.chezmoi.toml.tmpl': '[data]\nx = 1\n',
      'install.sh': 'echo hi\n',
      'home/.chezmoi.toml.tmpl': '[data]\nname = "Rain"\n',
      'home/dot_zshrc': 'export X=1\n',
    });
    const tree = await readSourceTree(dir);
    expect(tree.errors).toEqual([]);
    expect(tree.rootPrefix).toBe('home/');
    expect(tree.root).toBe(join(dir, 'home'));
    expect(byPath(tree, '.chezmoi.toml.tmpl')).toMatchObject({ inRoot: false, entry: { kind: 'ignored' } });
    expect(byPath(tree, '.chezmoiroot').entry.kind).toBe('special');
    expect(byPath(tree, 'install.sh')).toMatchObject({ inRoot: false, entry: { kind: 'ignored', targetPath: null } });
    expect(byPath(tree, 'home/.chezmoi.toml.tmpl').entry).toMatchObject({ kind: 'config-template', sourcePath: '.chezmoi.toml.tmpl' });
    expect(byPath(tree, 'home/dot_zshrc').entry).toMatchObject({ kind: 'file', targetPath: '.zshrc', sourcePath: 'dot_zshrc' });
  });

  test('.chezmoiroot naming a missing folder leaves no source (as in chezmoi); escaping the tree is an error', async () => {
    const missing = await makeTree('root-missing', { '.chezmoiroot': 'nope\n', 'dot_x': 'x' });
    const t1 = await readSourceTree(missing);
    expect(t1.errors).toEqual([]);
    expect(t1.notes).toEqual([expect.objectContaining({ file: '.chezmoiroot', message: expect.stringContaining('does not exist') })]);
    expect(t1.files.find((f) => f.repoPath === 'dot_x')).toMatchObject({ inRoot: false, entry: { kind: 'ignored' } });
    const escaping = await makeTree('root-escape', { '.chezmoiroot': '../..\n', 'dot_x': 'x' });
    const t2 = await readSourceTree(escaping);
    expect(t2.errors[0]).toMatchObject({ file: '.chezmoiroot', message: expect.stringContaining('inside the source directory') });
  });

  test('symlinks are noted, never followed; a loop is harmless', async () => {
    const outside = await makeTree('outside', { 'secret.txt': 'password=hunter2-outside\n' });
    const dir = await makeTree('links', { 'dot_x': 'x\n', 'sub/dot_y': 'y\n' });
    await symlink(join(outside, 'secret.txt'), join(dir, 'dot_leak'));
    await symlink(outside, join(dir, 'dot_outside_dir'));
    await symlink('..', join(dir, 'sub', 'loop'));
    await symlink('dot_x', join(dir, 'dot_inside'));
    const tree = await readSourceTree(dir);
    expect(tree.files.map((f) => f.repoPath)).toEqual(['dot_x', 'sub/dot_y']);
    expect(tree.files.some((f) => (f.text ?? '').includes('hunter2'))).toBe(false);
    const notes = Object.fromEntries(tree.notes.map((n) => [n.file, n.message]));
    expect(notes['dot_leak']).toContain('outside the source directory');
    expect(notes['dot_outside_dir']).toContain('outside the source directory');
    expect(notes['sub/loop']).toBe('symbolic link in the source directory: it is not followed');
    expect(notes['dot_inside']).toBe('symbolic link in the source directory: it is not followed');
  });

  test('a source dir that is itself a symlink is walked', async () => {
    const real = await makeTree('real-src', { 'dot_a': 'a\n' });
    const link = join(base, 'link-src');
    await symlink(real, link);
    const tree = await readSourceTree(link);
    expect(tree.files.map((f) => f.repoPath)).toEqual(['dot_a']);
  });

  test('binary, encrypted and oversized files are noted and not decoded', async () => {
    const dir = await makeTree('skips', {
      'dot_image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      'encrypted_private_dot_netrc.age': 'age-encryption.org/v1\n-> X25519 abc\n',
      'dot_armored': '-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n',
      'dot_big': 'x'.repeat(2000),
      'dot_small': 'ok\n',
    });
    const tree = await readSourceTree(dir, { maxFileSize: 1000 });
    expect(byPath(tree, 'dot_image.png')).toMatchObject({ binary: true, text: null });
    expect(byPath(tree, 'encrypted_private_dot_netrc.age')).toMatchObject({ encrypted: true, text: null, entry: { targetPath: '.netrc' } });
    expect(byPath(tree, 'dot_armored')).toMatchObject({ encrypted: true, text: null });
    expect(byPath(tree, 'dot_big')).toMatchObject({ text: null, size: 2000 });
    expect(byPath(tree, 'dot_small').text).toBe('ok\n');
    const noted = tree.notes.map((n) => n.file).sort();
    expect(noted).toEqual(['dot_armored', 'dot_big', 'dot_image.png', 'encrypted_private_dot_netrc.age']);
  });

  test('modify_ files holding chezmoi:modify-template become templates', async () => {
    const dir = await makeTree('modify', {
      'modify_dot_settings.json': '{{- /* chezmoi:modify-template */ -}}\n{{ .chezmoi.stdin }}\n',
      'modify_dot_plain': '#!/bin/sh\ncat\n',
    });
    const tree = await readSourceTree(dir);
    expect(byPath(tree, 'modify_dot_settings.json').entry).toMatchObject({ kind: 'modify', isTemplate: true, attributes: { modifyTemplate: true } });
    expect(byPath(tree, 'modify_dot_plain').entry).toMatchObject({ kind: 'modify', isTemplate: false });
  });

  test('isIgnored sees repo paths, directories with a trailing slash', async () => {
    const dir = await makeTree('ignored', { 'vendor/a': 'a', 'dot_b': 'b', 'dot_c': 'c' });
    const seen: string[] = [];
    const tree = await readSourceTree(dir, { isIgnored: (p) => (seen.push(p), p === 'vendor/' || p === 'dot_c') });
    expect(tree.files.map((f) => f.repoPath)).toEqual(['dot_b']);
    expect(seen.sort()).toEqual(['dot_b', 'dot_c', 'vendor/']);
  });

  test('a missing source dir is an error, not a crash', async () => {
    const tree = await readSourceTree(join(base, 'does-not-exist'));
    expect(tree.files).toEqual([]);
    expect(tree.errors[0]?.message).toContain('ENOENT');
  });
});

describe('isBinary / decodeText', () => {
  test('NUL in the first 8000 bytes only', () => {
    expect(isBinary(new Uint8Array([65, 0, 66]))).toBe(true);
    const late = new Uint8Array(9000).fill(65);
    late[8500] = 0;
    expect(isBinary(late)).toBe(false);
    expect(isBinary(new TextEncoder().encode('héllo'))).toBe(false);
  });
  test('BOM stripped, invalid UTF-8 decoded as latin-1', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
    expect(decodeText(new TextEncoder().encode('日本'))).toBe('日本');
  });
});
