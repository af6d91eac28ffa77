import { chmod, mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { git, gitRaw, lines } from '../git/run.js';
import { escapeForTerminal } from '../report/escape.js';
import { expectedRewrite, filterRepoExpressions, mailmapAddress, mailmapText } from './expressions.js';
import { redact } from '../report/redact.js';
import { commitGraph, countCommitsPerRef, InventoryView, listRefs, listStash, takeInventory, type Inventory, type RefInfo } from './inventory.js';
import { repoPaths } from './plan.js';
import { checkRewrite, parseCommitMap, verifyPurged } from './verify.js';
import { PurgeError, type PurgePlan, type PurgeRunResult, type PurgeSecret } from './types.js';

/** Older stash entries live only in the refs/stash reflog: these refs carry them through the rewrite. */
export const STASH_REF_PREFIX = 'refs/chezmoi-sops/stash/';

export interface RunOptions {
  yes: boolean;
  /** Default: $XDG_STATE_HOME/chezmoi-sops/backups (~/.local/state/chezmoi-sops/backups). */
  backupDir?: string;
  /** Replace values also in the files of the checked-out commit (refused by default: that breaks the live configuration). */
  includeHead?: boolean;
  /** Called once the backup exists, before anything is rewritten (progress display). */
  onBackup?: (path: string) => void;
}

export function defaultBackupDir(): string {
  const state = process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(state, 'chezmoi-sops', 'backups');
}

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const FILTER_REPO_MISSING =
  'git-filter-repo is not installed. Install it (Debian/Ubuntu: apt-get install git-filter-repo; ' +
  'macOS: brew install git-filter-repo; elsewhere: pip install git-filter-repo) and run again.';

async function hasFilterRepo(repoDir: string): Promise<boolean> {
  try {
    await git(repoDir, ['filter-repo', '--version']);
    return true;
  } catch {
    return false;
  }
}

function timestamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function preflight(repoDir: string, plan: PurgePlan, secrets: PurgeSecret[]): Promise<{ top: string | null; gitDir: string; ordered: string[] }> {
  const { top, gitDir } = await repoPaths(repoDir);
  if (!(await hasFilterRepo(repoDir))) throw new PurgeError(FILTER_REPO_MISSING);
  if ((await git(repoDir, ['rev-parse', '--is-shallow-repository'])).trim() === 'true') {
    throw new PurgeError('this is a shallow clone: older commits are missing, so their secrets cannot be removed here; purge a full clone');
  }
  const worktrees = lines(await git(repoDir, ['worktree', 'list', '--porcelain'])).filter((l) => l.startsWith('worktree '));
  if (worktrees.length > 1) throw new PurgeError('the repository has more than one worktree; remove the others (git worktree remove) first');
  if (top && (await git(repoDir, ['status', '--porcelain', '--untracked-files=no'])).trim()) {
    throw new PurgeError('the work tree has uncommitted changes to tracked files; git-filter-repo ends with `git reset --hard`, which would discard them. Commit them first');
  }
  // The plan's file must be exactly what these secrets produce: a stale or edited file could rewrite the wrong text.
  const expected = filterRepoExpressions(secrets.map((s) => s.value), plan.replacement);
  let actual: string;
  try {
    actual = await readFile(plan.expressionsFile, 'utf8');
  } catch {
    throw new PurgeError(`the expressions file ${plan.expressionsFile} is missing; run 'purge plan' again`);
  }
  if (actual !== expected.text) throw new PurgeError(`the expressions file ${plan.expressionsFile} does not match the secrets of this run; run 'purge plan' again`);
  return { top, gitDir, ordered: expected.values };
}

async function remotes(repoDir: string): Promise<string[]> {
  return lines(await git(repoDir, ['remote']));
}

function pushCommands(remoteNames: string[], refs: RefInfo[]): string[] {
  if (remoteNames.length === 0) {
    return ['# no remote is configured; after `git remote add NAME URL`:', 'git push --force --all NAME', 'git push --force --tags NAME'];
  }
  const out: string[] = [];
  const local = new Set(refs.filter((r) => r.name.startsWith('refs/heads/')).map((r) => r.name.slice('refs/heads/'.length)));
  const hasNotes = refs.some((r) => r.name.startsWith('refs/notes/'));
  for (const remote of remoteNames) {
    const q = shellQuote(remote);
    out.push(`git push --force --all ${q}`, `git push --force --tags ${q}`);
    // A branch only known as refs/remotes/R/B is not pushed by --all, yet still holds the old history there.
    const prefix = `refs/remotes/${remote}/`;
    for (const r of refs) {
      if (!r.name.startsWith(prefix) || r.name === `${prefix}HEAD`) continue;
      const branch = r.name.slice(prefix.length);
      if (!local.has(branch)) out.push(`git push --force ${q} ${shellQuote(`${r.name}:refs/heads/${branch}`)}`);
    }
    if (hasNotes) out.push(`git push --force ${q} 'refs/notes/*:refs/notes/*'`);
  }
  return out;
}

function restoreCommands(repoDir: string, bundle: string, top: string | null, stash: string[], detachedHead: string | null): string[] {
  const out = [
    `cd ${shellQuote(resolve(repoDir))}`,
    `git fetch --force --update-head-ok ${shellQuote(bundle)} 'refs/*:refs/*'`,
  ];
  if (detachedHead) out.push(`git update-ref --no-deref HEAD ${detachedHead}`);
  // The fetch restores refs/stash itself, but not its reflog (what `git stash list` reads): rebuild it,
  // oldest entry first, each with its own message (a stash commit's subject is its reflog message;
  // read from the commit so that no message, which may hold a secret, is printed here).
  if (stash.length > 0) {
    out.push('git update-ref -d refs/stash');
    for (let i = stash.length - 1; i >= 0; i--) out.push(`git update-ref --create-reflog -m "$(git log -1 --format=%s ${stash[i]})" refs/stash ${stash[i]}`);
    for (let i = 1; i < stash.length; i++) out.push(`git update-ref -d ${STASH_REF_PREFIX}${i}`);
  }
  if (top) out.push('git reset --hard');
  out.push(`# or, as a separate full copy: git clone --mirror ${shellQuote(bundle)} restored.git`);
  return out;
}

/** Why `run` refuses while values are still in the checked-out files (as BFG protects HEAD). */
export function headRefusal(atHead: PurgePlan['atHead']): string {
  return ['values to purge are still in the files of the checked-out commit (HEAD): replacing them would break the live configuration.',
    ...atHead.map((h) => `  ${escapeForTerminal(h.path)}: ${h.secrets.join(', ')}`),
    "Move them out first ('chezmoi-sops migrate --write', then commit), or pass --include-head to replace them there too. Nothing was changed."].join('\n');
}

/** Delete the expressions file(s) and their private directory: the only place the secret values were written. */
export async function discardPlan(plan: PurgePlan): Promise<void> {
  for (const f of [plan.expressionsFile, plan.bfgFile, plan.mailmapFile]) if (f) await rm(f, { force: true });
  const dir = dirname(plan.expressionsFile);
  if (basename(dir).startsWith('chezmoi-sops-')) await rmdir(dir).catch(() => undefined);
}

interface Context {
  repoDir: string;
  top: string | null;
  gitDir: string;
  plan: PurgePlan;
  secrets: PurgeSecret[];
  ordered: string[];
  before: Inventory;
  stashMessages: string[];
  log: string[];
}

/**
 * Rewrite the whole history with git-filter-repo: backup bundle, rewrite of blobs and messages,
 * reflog expiry and gc, then verification. Never pushes. Refuses without `yes`. Once the backup
 * exists, a failure is returned (verified: false, with the restore commands), not thrown.
 */
export async function runPurge(repoDir: string, plan: PurgePlan, secrets: PurgeSecret[], opts: RunOptions): Promise<PurgeRunResult> {
  if (!opts.yes) throw new PurgeError('rewriting history needs explicit confirmation (yes)');
  const { top, gitDir, ordered } = await preflight(repoDir, plan, secrets);
  const backupDir = resolve(opts.backupDir ?? defaultBackupDir());
  if ((top && inside(top, backupDir)) || inside(gitDir, backupDir)) throw new PurgeError(`the backup directory ${backupDir} is inside the repository; choose one outside it`);
  try {
    const before = await takeInventory(repoDir, ordered);
    if (before.refs.length === 0) throw new PurgeError('the repository has no refs: nothing to purge');
    await checkMailmap(plan, before);
    const atHead = new InventoryView(before).atHead();
    if (atHead.length && !opts.includeHead) {
      throw new PurgeError(headRefusal(atHead.map((h) => ({ path: h.path, secrets: [...new Set(h.secrets.map((i) => redact(ordered[i]!)))] }))));
    }
    const stashMessages = lines(before.stash.length ? await git(repoDir, ['reflog', 'show', '--format=%gs', 'refs/stash', '--']) : '');
    const headRef = await gitRaw(repoDir, ['symbolic-ref', '-q', 'HEAD'], { okCodes: [1] });
    const detachedHead = headRef.code === 1 ? (await git(repoDir, ['rev-parse', 'HEAD'])).trim() : null;
    const ctx: Context = { repoDir, top, gitDir, plan, secrets, ordered, before, stashMessages, log: [] };

    const backup = await createBackup(ctx, backupDir);
    opts.onBackup?.(backup);
    const restore = restoreCommands(repoDir, backup, top, before.stash, detachedHead);
    try {
      return { backup, restoreCommands: restore, ...(await rewriteAndVerify(ctx)) };
    } catch (err) {
      // Whatever broke after the backup, the user needs the way back more than a stack trace.
      return {
        backup, verified: false, remaining: [], commandsToPush: [], restoreCommands: restore, log: ctx.log,
        problems: [`the purge stopped part way: ${(err as Error).message}`, 'The repository may be partly rewritten: restore it from the backup with the commands below.'],
      };
    }
  } finally {
    await discardPlan(plan);
    for (const r of lines(await git(repoDir, ['for-each-ref', '--format=%(refname)', STASH_REF_PREFIX]).catch(() => ''))) {
      await git(repoDir, ['update-ref', '-d', r]).catch(() => undefined);
    }
  }
}

/** A bundle of every ref. Older stash entries live only in the reflog, so they get refs first. */
async function createBackup(ctx: Context, backupDir: string): Promise<string> {
  const { repoDir, before } = ctx;
  for (let i = 1; i < before.stash.length; i++) await git(repoDir, ['update-ref', `${STASH_REF_PREFIX}${i}`, before.stash[i]!]);
  await mkdir(backupDir, { recursive: true, mode: 0o700 });
  const backup = join(backupDir, `chezmoi-sops-backup-${timestamp()}.bundle`);
  await git(repoDir, ['bundle', 'create', '--quiet', backup, '--all'], { privateFiles: true });
  await chmod(backup, 0o600);
  await git(repoDir, ['bundle', 'verify', '--quiet', backup]);
  ctx.log.push(`Backup of every ref (${before.refs.length}) and stash entry (${before.stash.length}): ${backup}`,
    '  (a bundle holds refs and their objects; other reflogs, hooks, config and untracked files are not in it, and are not touched)');
  return backup;
}

async function rewriteAndVerify(ctx: Context): Promise<Omit<PurgeRunResult, 'backup' | 'restoreCommands'>> {
  const { repoDir, gitDir, plan, before, ordered, log } = ctx;
  const problems: string[] = [];
  const countsBefore = new InventoryView(before).commitCounts();
  const remoteNames = await remotes(repoDir);

  // --partial keeps the origin remote and its refs in place (they are rewritten like the rest), skips
  // filter-repo's own gc so the old objects stay for the comparison below, and adds no refs/replace/*.
  // Pruning off keeps the number of commits on every ref (a commit may hold nothing but a secret).
  // Newer filter-repo versions ask on stdin before running again in a repository it already rewrote.
  await rm(join(gitDir, 'filter-repo', 'already_ran'), { force: true });
  const fr = await gitRaw(repoDir, [
    'filter-repo', '--force', '--partial', '--quiet',
    '--replace-refs', 'update-no-add', '--prune-empty', 'never', '--prune-degenerate', 'never',
    '--replace-text', plan.expressionsFile, '--replace-message', plan.expressionsFile,
    ...(plan.mailmapFile ? ['--mailmap', plan.mailmapFile] : []),
  ], { okCodes: [...Array(256).keys()].slice(1) });
  if (fr.code !== 0) throw new PurgeError(`git-filter-repo failed (exit ${fr.code}): ${fr.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  const commitMap = parseCommitMap(await readFile(join(gitDir, 'filter-repo', 'commit-map'), 'utf8'));

  // Every file that held no secret is the same blob at every commit; the others changed exactly as planned.
  const check = await checkRewrite(repoDir, before, commitMap, ordered, plan.replacement);
  problems.push(...check.problems);
  log.push(`Rewrote ${commitMap.size} commit(s); ${check.blobsRewritten} file version(s) had secrets replaced; ${check.treesCompared} changed tree(s) compared with the original.`);

  // Drop the old objects: reflogs first (they keep old commits alive), then prune.
  await git(repoDir, ['reflog', 'expire', '--expire=now', '--expire-unreachable=now', '--all']);
  await git(repoDir, ['gc', '--prune=now', '--quiet']);
  await rebuildStash(repoDir, before.stash.length, ctx.stashMessages, ordered, plan.replacement, await reflogIdentity(repoDir, before, plan.replacement));
  await cleanMessageFiles(gitDir, ordered, plan.replacement);

  // The same refs, the same number of commits on each, and no value left anywhere.
  const refsAfter = await listRefs(repoDir);
  const stashAfter = await listStash(repoDir, refsAfter);
  const graph = await commitGraph(repoDir, stashAfter);
  const countsAfter = countCommitsPerRef(refsAfter, (c) => graph.get(c) ?? []);
  for (const [ref, n] of countsBefore) {
    if (countsAfter.get(ref) !== n) problems.push(`${escapeForTerminal(ref)}: ${n} commit(s) before, ${countsAfter.get(ref) ?? 'none'} after`);
  }
  const namesBefore = new Set(before.refs.map((r) => r.name));
  const namesAfter = new Set(refsAfter.map((r) => r.name));
  for (const n of namesBefore) if (!namesAfter.has(n)) problems.push(`ref ${escapeForTerminal(n)} disappeared`);
  for (const n of namesAfter) if (!namesBefore.has(n)) problems.push(`ref ${escapeForTerminal(n)} appeared`);
  if (stashAfter.length !== before.stash.length) problems.push(`stash: ${before.stash.length} entr(y/ies) before, ${stashAfter.length} after`);
  const remaining = await verifyPurged(repoDir, ctx.secrets);

  log.push(...jjAdvice(ctx.top, refsAfter));
  if (refsAfter.some((r) => r.name.startsWith('refs/notes/'))) {
    log.push('refs/notes/*: the notes were cleaned but still annotate the old commit ids; re-attach one with',
      `  \`git notes copy OLD NEW\` (old -> new ids: ${join(gitDir, 'filter-repo', 'commit-map')}).`);
  }
  const verified = problems.length === 0 && remaining.length === 0;
  if (!verified) log.push('Verification FAILED: see what remains below; the backup restores the original.');
  // Never a push command after a failed verification: pushing would spread what is left.
  return { verified, remaining, problems, commandsToPush: verified ? pushCommands(remoteNames, refsAfter) : [], log };
}

function jjAdvice(top: string | null, refs: RefInfo[]): string[] {
  const keep = refs.filter((r) => r.name.startsWith('refs/jj/keep/')).length;
  if (top && existsSync(join(top, '.jj'))) {
    return [`jj colocated repository: ${keep} refs/jj/keep/* ref(s) were rewritten. Run \`jj git import\` now.`,
      "  jj's operation log still names the old commit ids: if jj reports a missing object, drop the old",
      '  operations (`jj op abandon ..@-`) or re-create the jj state (`mv .jj .jj.old && jj git init --colocate`).'];
  }
  return keep ? [`${keep} refs/jj/keep/* ref(s) were rewritten (jj keeps them for its commits): in a jj checkout run \`jj git import\`.`] : [];
}

/**
 * git leaves the last commit and tag message in .git/COMMIT_EDITMSG and TAG_EDITMSG (also after
 * `commit -m`). They are only templates for the next message: clean them like the messages.
 */
async function cleanMessageFiles(gitDir: string, ordered: string[], replacement: string): Promise<void> {
  for (const name of ['COMMIT_EDITMSG', 'TAG_EDITMSG']) {
    const file = join(gitDir, name);
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      continue;
    }
    const cleaned = expectedRewrite(data, ordered, replacement);
    if (cleaned.equals(data)) continue;
    const tmp = `${file}.chezmoi-sops.tmp`;
    await writeFile(tmp, cleaned, { mode: 0o600 });
    await rename(tmp, file);
  }
}

/** The mailmap must be exactly what this repository's identities produce (a stale file could rewrite the wrong ones). */
async function checkMailmap(plan: PurgePlan, before: Inventory): Promise<void> {
  const expected = mailmapText(before.identityHits.keys(), plan.replacement).text;
  let actual = '';
  if (plan.mailmapFile) {
    try {
      actual = await readFile(plan.mailmapFile, 'utf8');
    } catch {
      throw new PurgeError(`the mailmap file ${plan.mailmapFile} is missing; run 'purge plan' again`);
    }
  }
  if (actual !== expected) throw new PurgeError("the plan's identity rewrite does not match this repository; run 'purge plan' again");
}

/**
 * The identity git writes into the rebuilt stash reflog: the user's own, unless its address is one
 * the mailmap replaces (then the replacement, as in the rewritten commits).
 */
async function reflogIdentity(repoDir: string, before: Inventory, replacement: string): Promise<NodeJS.ProcessEnv> {
  if (before.identityHits.size === 0) return {};
  const ident = (await gitRaw(repoDir, ['var', 'GIT_COMMITTER_IDENT'], { okCodes: [128] })).stdout.toString('utf8');
  const m = /^(.*?) ?<([^>]*)>/.exec(ident);
  if (!m) return { GIT_COMMITTER_NAME: 'chezmoi-sops', GIT_COMMITTER_EMAIL: mailmapAddress(replacement) };
  const lower = m[2]!.toLowerCase();
  const hidden = [...before.identityHits.keys()].some((e) => e.toLowerCase() === lower);
  return hidden ? { GIT_COMMITTER_NAME: m[1]!, GIT_COMMITTER_EMAIL: mailmapAddress(replacement) } : {};
}

/**
 * Put the stash back in order: the rewritten entries (refs/stash and the helper refs) pushed oldest
 * first, with their messages cleaned the same way as the commit messages.
 */
async function rebuildStash(repoDir: string, count: number, messages: string[], ordered: string[], replacement: string, env: NodeJS.ProcessEnv): Promise<void> {
  // Even a single entry: the reflog expiry emptied refs/stash's reflog, and `git stash list` reads the reflog.
  if (count === 0) return;
  const ids: string[] = [(await git(repoDir, ['rev-parse', 'refs/stash'])).trim()];
  for (let i = 1; i < count; i++) ids.push((await git(repoDir, ['rev-parse', `${STASH_REF_PREFIX}${i}`])).trim());
  await git(repoDir, ['update-ref', '-d', 'refs/stash']);
  for (let i = count - 1; i >= 0; i--) {
    const msg = expectedRewrite(Buffer.from(messages[i] ?? `stash@{${i}}`, 'utf8'), ordered, replacement).toString('utf8');
    await git(repoDir, ['update-ref', '--create-reflog', '-m', msg, 'refs/stash', ids[i]!], { env });
  }
  for (let i = 1; i < count; i++) await git(repoDir, ['update-ref', '-d', `${STASH_REF_PREFIX}${i}`]);
}
