import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from './atomic.js';

/** One file guarded by a backup: its original bytes (or its absence) and mode. */
export interface BackupEntry {
  /** Absolute path of the guarded file. */
  path: string;
  /** Where the original bytes are kept, relative to the backup dir; null when the file did not exist. */
  stored: string | null;
  mode: number | null;
  sha256: string | null;
  /** For a file that did not exist: the highest directory the run may create for it (removed again if empty). */
  createdDir: string | null;
}

export interface BackupManifest {
  tool: 'chezmoi-sops';
  createdAt: string;
  root: string;
  entries: BackupEntry[];
}

export const MANIFEST_NAME = 'manifest.json';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function statOrNull(path: string) {
  try {
    return await fs.stat(path);
  } catch (err) {
    // ENOTDIR: a parent is a file, so this path cannot exist either.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

async function highestMissingDir(path: string): Promise<string | null> {
  let missing: string | null = null;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (await statOrNull(dir)) return missing;
    missing = dir;
    if (dirname(dir) === dir) return missing;
  }
}

/**
 * A backup of the files a run is about to write, kept until the run has verified its result.
 * Files under `root` keep their relative paths inside the backup; files elsewhere (the sops file,
 * the Nix module of another repo) are kept under `external/N`. The manifest records everything
 * `restore()` needs, so a crashed run can also be restored by hand from the directory.
 */
export class Backup {
  private constructor(readonly dir: string, readonly manifest: BackupManifest) {}

  /** Copy the originals of `files` (absolute paths; missing files are recorded as absent). */
  static async create(backupRoot: string, root: string, files: string[], now = new Date()): Promise<Backup> {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    await fs.mkdir(backupRoot, { recursive: true, mode: 0o700 });
    let dir = join(backupRoot, `backup-${stamp}`);
    for (let n = 1; await statOrNull(dir); n++) dir = join(backupRoot, `backup-${stamp}-${n}`);
    await fs.mkdir(dir, { mode: 0o700 });
    const manifest: BackupManifest = { tool: 'chezmoi-sops', createdAt: now.toISOString(), root, entries: [] };
    const unique = [...new Set(files.map((f) => resolve(f)))];
    let external = 0;
    try {
      for (const path of unique) {
        const st = await statOrNull(path);
        if (!st) {
          manifest.entries.push({ path, stored: null, mode: null, sha256: null, createdDir: await highestMissingDir(path) });
          continue;
        }
        if (!st.isFile()) throw new Error(`${path}: not a regular file, cannot back it up`);
        const rel = relative(root, path);
        const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
        const stored = inside ? join('files', rel) : join('external', String(external++));
        const bytes = await fs.readFile(path);
        // Originals may hold plaintext secrets: the copies are 0600 in a 0700 directory.
        await writeFileAtomic(join(dir, stored), bytes, { mode: 0o600, mkdirs: true });
        manifest.entries.push({ path, stored: stored.split(sep).join('/'), mode: st.mode & 0o7777, sha256: sha256(bytes), createdDir: null });
      }
      await writeFileAtomic(join(dir, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    } catch (err) {
      await fs.rm(dir, { recursive: true, force: true });
      throw err;
    }
    return new Backup(dir, manifest);
  }

  /** Open a backup directory left by an earlier run (for a manual restore). */
  static async open(dir: string): Promise<Backup> {
    const manifest = JSON.parse(await fs.readFile(join(dir, MANIFEST_NAME), 'utf8')) as BackupManifest;
    return new Backup(dir, manifest);
  }

  /**
   * Put every guarded file back exactly as it was (bytes and mode); delete files that did not exist
   * and directories created for them. Tries every entry even if one fails, then reports failures.
   */
  async restore(): Promise<void> {
    const failures: string[] = [];
    for (const entry of this.manifest.entries) {
      try {
        if (entry.stored === null) {
          if (await statOrNull(entry.path)) await fs.rm(entry.path, { force: true });
          if (entry.createdDir) await removeEmptyDirs(dirname(entry.path), entry.createdDir);
          continue;
        }
        const bytes = await fs.readFile(join(this.dir, entry.stored));
        if (sha256(bytes) !== entry.sha256) throw new Error('backup copy is corrupt (checksum mismatch)');
        const current = await fs.readFile(entry.path).catch(() => null);
        if (current && sha256(current) === entry.sha256) {
          await fs.chmod(entry.path, entry.mode ?? 0o600);
          continue;
        }
        await writeFileAtomic(entry.path, bytes, { mode: entry.mode ?? 0o600, mkdirs: true });
      } catch (err) {
        failures.push(`${entry.path}: ${(err as Error).message}`);
      }
    }
    if (failures.length) {
      throw new Error(`restore from ${this.dir} incomplete; the backup is kept:\n  ${failures.join('\n  ')}`);
    }
  }

  /** Delete the backup (only once the run has verified its result). */
  async discard(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
    // Leave the parent only if other backups remain in it.
    await fs.rmdir(dirname(this.dir)).catch(() => undefined);
  }
}

/** Remove `from` and its parents up to and including `upTo`, as long as they are empty. */
async function removeEmptyDirs(from: string, upTo: string): Promise<void> {
  const stop = resolve(upTo);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (!(dir === stop || dir.startsWith(stop + sep))) return;
    try {
      await fs.rmdir(dir);
    } catch {
      return;
    }
    if (dir === stop) return;
  }
}
