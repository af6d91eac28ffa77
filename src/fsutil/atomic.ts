import { promises as fs, constants as fsConstants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { nodeCrypto } from '../node-crypto.js';

export interface AtomicWriteOptions {
  /** Mode of the final file. Default: the mode of the file it replaces, else 0o600. */
  mode?: number;
  /** Create missing parent directories (mode 0o700). Default false. */
  mkdirs?: boolean;
}

/**
 * Write a file atomically: the bytes go to a temporary file (mode 0600, so a secret is never
 * readable by others even for a moment) in the same directory, are fsynced, then renamed over the
 * target, and the directory is fsynced. A reader sees the old file or the new one, never a mix.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const existing = await fs.stat(target).catch(() => undefined);
  // A device, FIFO or socket (`--output /dev/null`, `/dev/stdout`, a pipe) is written to, never
  // renamed over: a rename would replace the device node with a regular file.
  if (existing && !existing.isFile()) {
    await fs.writeFile(target, data).catch((err: unknown) => { throw writeError(err, target, target); });
    return;
  }
  // Through a symlink, the file it points to is replaced, and the link kept.
  const path = existing ? await fs.realpath(target) : target;
  const dir = dirname(path);
  if (options.mkdirs) await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const mode = options.mode ?? (existing ? existing.mode & 0o7777 : 0o600);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600).catch((err: unknown) => {
    throw writeError(err, path, tmp);
  });
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // chmod after the bytes are in: the umask must not widen or narrow the mode asked for.
    await fs.chmod(tmp, mode);
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw writeError(err, path, tmp);
  }
  await fsyncDir(dir);
}

/** The error as the user sees it: about the file they asked for, never our temporary name. */
function writeError(err: unknown, path: string, tmp: string): Error {
  const e = err as NodeJS.ErrnoException;
  const message =
    e?.code === 'ENOENT'
      ? `cannot write ${path}: the folder ${dirname(path)} does not exist`
      : `cannot write ${path}: ${String(e?.message ?? err).split(tmp).join(path)}`;
  return Object.assign(new Error(message), { code: e?.code });
}

/** fsync a directory so a rename in it survives a crash. Not every platform allows it: best effort. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EPERM on some platforms: the rename is still atomic, only durability is weaker.
  } finally {
    await handle?.close();
  }
}
