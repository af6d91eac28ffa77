import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, promises as fs, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/fsutil/atomic.js';
import { Backup } from '../../src/fsutil/backup.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-backup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('keeps the mode of the file it replaces and leaves no temp file behind', async () => {
    const target = join(dir, 'x.conf');
    await fs.writeFile(target, 'old');
    await fs.chmod(target, 0o640);
    await writeFileAtomic(target, 'new');
    expect(await fs.readFile(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(await fs.readdir(dir)).toEqual(['x.conf']);
  });

  it('writes to a device or FIFO in place: --output /dev/null stays a device', async () => {
    await writeFileAtomic('/dev/null', 'report');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = fs.readFile(fifo, 'utf8');
    await writeFileAtomic(fifo, 'through the pipe');
    expect(await reader).toBe('through the pipe');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('through a symlink, replaces the file it points to and keeps the link', async () => {
    const real = join(dir, 'real.conf');
    await fs.writeFile(real, 'old');
    await fs.chmod(real, 0o640);
    await fs.symlink(real, join(dir, 'link.conf'));
    await writeFileAtomic(join(dir, 'link.conf'), 'new');
    expect(lstatSync(join(dir, 'link.conf')).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(real, 'utf8')).toBe('new');
    expect(statSync(real).mode & 0o777).toBe(0o640);
  });

  it('creates new files 0600 unless a mode is given', async () => {
    await writeFileAtomic(join(dir, 'a'), 'a');
    await writeFileAtomic(join(dir, 'sub', 'b'), 'b', { mode: 0o644, mkdirs: true });
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sub', 'b')).mode & 0o777).toBe(0o644);
  });

  it('fails without touching the target when the directory is not writable', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere; the restore tests cover failures.
    const sub = join(dir, 'ro');
    await fs.mkdir(sub);
    await fs.writeFile(join(sub, 'f'), 'orig');
    await fs.chmod(sub, 0o500);
    await expect(writeFileAtomic(join(sub, 'f'), 'new')).rejects.toThrow();
    await fs.chmod(sub, 0o700);
    expect(await fs.readFile(join(sub, 'f'), 'utf8')).toBe('orig');
  });
});

describe('Backup', () => {
  it('restores bytes and modes, deletes created files and their new directories', async () => {
    const root = join(dir, 'repo');
    const outside = join(dir, 'nixos');
    await fs.mkdir(join(root, 'dot_config'), { recursive: true });
    await fs.mkdir(outside);
    const tmpl = join(root, 'dot_config', 'x.tmpl');
    const data = join(root, '.chezmoidata.yaml');
    const sops = join(outside, 'secrets.yaml');
    const nix = join(outside, 'modules', 'generated', 'secrets.nix');
    await fs.writeFile(tmpl, 'token = "{{ .t }}"\r\n');
    await fs.chmod(tmpl, 0o755);
    await fs.writeFile(data, Buffer.from([0xff, 0x00, 0x41]));
    await fs.writeFile(sops, 'sops: {}\n');

    const backup = await Backup.create(join(root, '.git', 'chezmoi-sops'), root, [tmpl, data, sops, nix, tmpl]);
    expect(statSync(backup.dir).mode & 0o777).toBe(0o700);
    expect(backup.manifest.entries.map((e) => e.stored)).toEqual(['files/dot_config/x.tmpl', 'files/.chezmoidata.yaml', 'external/0', null]);

    await writeFileAtomic(tmpl, 'changed', { mode: 0o600 });
    await fs.rm(data);
    await fs.writeFile(sops, 'ENC');
    await fs.mkdir(join(outside, 'modules', 'generated'), { recursive: true });
    await fs.writeFile(nix, '{ }');

    await backup.restore();
    expect(await fs.readFile(tmpl, 'utf8')).toBe('token = "{{ .t }}"\r\n');
    expect(statSync(tmpl).mode & 0o777).toBe(0o755);
    expect([...(await fs.readFile(data))]).toEqual([0xff, 0x00, 0x41]);
    expect(await fs.readFile(sops, 'utf8')).toBe('sops: {}\n');
    expect(await fs.readdir(outside)).toEqual(['secrets.yaml']);

    // A restored backup can be reopened from its manifest (manual recovery), then discarded.
    const reopened = await Backup.open(backup.dir);
    expect(reopened.manifest.entries).toHaveLength(4);
    await backup.discard();
    await expect(fs.stat(backup.dir)).rejects.toThrow();
  });

  it('refuses to back up a directory', async () => {
    await expect(Backup.create(join(dir, 'b'), dir, [dir])).rejects.toThrow(/not a regular file/);
    expect(await fs.readdir(join(dir, 'b'))).toEqual([]);
  });
});
