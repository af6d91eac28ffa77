// Carrying a plan out: refuse a dirty work tree, back the originals up under .git, write every
// file atomically, verify, and on any failure put every original back.
import { mkdtemp, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../fsutil/atomic.js';
import { Backup } from '../fsutil/backup.js';
import { dirtyPaths, gitDirOf, workTreeOf } from '../git/repo.js';
import { scrub } from '../report/redact.js';
import { writeSopsSecrets } from './sops/index.js';
import type { MigrateOptions, MigrationPlan, MigrationResult } from './types.js';
import { verifyMigration } from './verify.js';

/** An expected failure of `migrate --write` (exit code 2); the message names files, never values. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * The steps of a write, in order. For tests: CHEZMOI_SOPS_FAULT=<step> fails the run right after
 * that step; CHEZMOI_SOPS_FAULT=<step>:kill kills the process there (SIGKILL: no restore runs, as
 * in a power cut), leaving the backup under .git/chezmoi-sops.
 */
export const WRITE_STEPS = ['backup', 'sops', 'nix', 'templates', 'data', 'verify'] as const;
export type WriteStep = (typeof WRITE_STEPS)[number];

function checkpoint(step: WriteStep): void {
  const fault = process.env.CHEZMOI_SOPS_FAULT;
  if (fault === `${step}:kill`) process.kill(process.pid, 'SIGKILL');
  if (fault === step) throw new Error(`fault injected after step '${step}' (CHEZMOI_SOPS_FAULT)`);
}

export interface ApplyOptions extends MigrateOptions {
  /** The directory planMigration was given (the source dir; verification re-reads it). */
  sourceDir?: string;
}

export async function applyMigration(plan: MigrationPlan, opts: ApplyOptions): Promise<MigrationResult> {
  const changed = plan.changes.map((c) => c.file);
  if (plan.errors.length > 0) {
    throw new MigrationError(`cannot migrate: ${plan.errors.length} file(s) could not be analysed (${plan.errors.map((e) => e.file).join(', ')})`);
  }
  if (!opts.write || plan.changes.length === 0) return { plan, changed, written: false };

  const top = await workTreeOf(plan.root);
  if (!opts.force) {
    if (!top) throw new MigrationError(`${plan.root} is not in a git work tree, so there is no undo; use --force to write anyway`);
    const dirty = await dirtyPaths(plan.root);
    if (dirty.length > 0) {
      const shown = dirty.slice(0, 5).join(', ') + (dirty.length > 5 ? `, … (${dirty.length} in all)` : '');
      throw new MigrationError(`the git work tree has uncommitted changes (${shown}); commit or stash them first, or use --force`);
    }
  }
  const gitDir = await gitDirOf(plan.root);
  // Outside a repository the backup (plaintext originals) goes to a fresh private dir, never a
  // fixed name in the shared temp dir that another user could have made first.
  const backupRoot = gitDir ? join(gitDir, 'chezmoi-sops') : await mkdtemp(join(tmpdir(), 'chezmoi-sops-'));
  const guarded = plan.changes.flatMap((c) => (c.renamedFrom ? [c.path, c.renamedFrom.path] : [c.path]));
  const backup = await Backup.create(backupRoot, plan.root, guarded);
  const secrets = [...plan.moved.map((m) => m.value), ...plan.keptValues];
  let step: WriteStep = 'backup';
  try {
    checkpoint(step);
    step = 'sops';
    // The values go into the sops file first: until they are safely there, nothing is removed.
    const sops = plan.changes.find((c) => c.kind === 'sops');
    const plaintext = plan.changes.find((c) => c.kind === 'plaintext');
    if (sops) {
      await writeSopsSecrets({
        sopsFile: sops.path,
        values: plan.moved.map((m) => ({ key: m.sopsKey, value: m.value })),
        plaintextOut: plaintext?.path,
      });
    }
    checkpoint(step);
    for (const kind of ['nix', 'templates', 'data'] as const) {
      step = kind;
      const want = kind === 'templates' ? 'template' : kind;
      for (const change of plan.changes) {
        if (change.kind !== want || change.bytes === null) continue;
        if (change.renamedFrom) {
          // A plain file becomes a template: same bytes around the includes, same mode, old name gone.
          const { mode } = await stat(change.renamedFrom.path);
          await writeFileAtomic(change.path, change.bytes, { mode: mode & 0o7777 });
          await unlink(change.renamedFrom.path);
          continue;
        }
        await writeFileAtomic(change.path, change.bytes, { mkdirs: kind === 'nix', mode: change.before === null ? 0o644 : undefined });
      }
      checkpoint(step);
    }
    step = 'verify';
    await verifyMigration(plan, opts.sourceDir ?? plan.root);
    checkpoint(step);
  } catch (err) {
    const why = scrub((err as Error).message, secrets);
    try {
      await backup.restore();
    } catch (restoreErr) {
      throw new MigrationError(`migration failed during '${step}': ${why}\nrestoring failed too: ${scrub((restoreErr as Error).message, secrets)}\nthe originals are kept in ${backup.dir}`);
    }
    await backup.discard();
    throw new MigrationError(`migration failed during '${step}': ${why}\nevery file was restored to its original content`);
  }
  await backup.discard();
  return { plan, changed, written: true };
}
