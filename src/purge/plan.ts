import { chmod, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { gitDirOf, isBareRepository } from '../git/repo.js';
import { git } from '../git/run.js';
import { redact } from '../report/redact.js';
import { escapeForTerminal } from '../report/escape.js';
import { bfgExpressions, DEFAULT_REPLACEMENT, filterRepoExpressions, mailmapAddress, mailmapText } from './expressions.js';
import { InventoryView, takeInventory } from './inventory.js';
import { PurgeError, type PlannedSecret, type PurgePlan, type PurgeSecret } from './types.js';

export interface PlanOptions {
  replacement?: string;
  bfg?: boolean;
  /** Where the private temp dir for the expressions file is made (default os.tmpdir()). */
  tempRoot?: string;
}

export async function repoPaths(repoDir: string): Promise<{ top: string | null; gitDir: string }> {
  const gitDir = await gitDirOf(repoDir);
  if (!gitDir) throw new PurgeError(`${repoDir} is not a git repository`);
  const top = (await isBareRepository(repoDir)) ? null : (await git(repoDir, ['rev-parse', '--show-toplevel'])).trim();
  return { top: top ? await realpath(top) : null, gitDir: await realpath(gitDir) };
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A private (0700) directory outside the work tree and the git dir, for files that hold secrets. */
export async function privateTempDir(repoDir: string, tempRoot = tmpdir()): Promise<string> {
  const { top, gitDir } = await repoPaths(repoDir);
  const dir = await realpath(await mkdtemp(join(tempRoot, 'chezmoi-sops-')));
  await chmod(dir, 0o700);
  if ((top && inside(top, dir)) || inside(gitDir, dir)) {
    throw new PurgeError(`the temporary directory ${dir} is inside the repository; set TMPDIR to a directory outside it`);
  }
  return dir;
}

export async function writePrivate(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600, flag: 'wx' });
  await chmod(path, 0o600);
}

export async function planPurge(repoDir: string, secrets: PurgeSecret[], opts: PlanOptions = {}): Promise<PurgePlan> {
  const replacement = opts.replacement ?? DEFAULT_REPLACEMENT;
  if (secrets.some((s) => s.value.length === 0)) throw new PurgeError('a secret with an empty value cannot be purged');
  const values = [...new Set(secrets.map((s) => s.value))];
  // Build both files before writing anything: a refusal must leave no secret on disk.
  const expressions = filterRepoExpressions(values, replacement);
  const bfg = opts.bfg ? bfgExpressions(values, replacement) : undefined;

  const inv = await takeInventory(repoDir, values);
  const view = new InventoryView(inv);
  const found = view.pathsBySecret();
  const mailmap = mailmapText(inv.identityHits.keys(), replacement);

  const dir = await privateTempDir(repoDir, opts.tempRoot);
  const expressionsFile = join(dir, 'expressions.txt');
  await writePrivate(expressionsFile, expressions.text);
  let bfgFile: string | undefined;
  if (bfg) {
    bfgFile = join(dir, 'bfg-replacements.txt');
    await writePrivate(bfgFile, bfg.text);
  }
  let mailmapFile: string | undefined;
  if (mailmap.text) {
    mailmapFile = join(dir, 'mailmap.txt');
    await writePrivate(mailmapFile, mailmap.text);
  }

  const planned: PlannedSecret[] = [];
  const byValue = new Map<string, PlannedSecret>();
  for (const s of secrets) {
    const i = values.indexOf(s.value);
    const paths = new Set([...s.paths, ...(found.get(i) ?? [])]);
    const existing = byValue.get(s.value);
    if (existing && existing.fingerprint === s.fingerprint) {
      for (const p of paths) if (!existing.paths.includes(p)) existing.paths.push(p);
      continue;
    }
    const p: PlannedSecret = { fingerprint: s.fingerprint, rule: s.rule, redacted: redact(s.value), paths: [...paths].sort() };
    byValue.set(s.value, p);
    planned.push(p);
  }

  const notCleaned: string[] = [];
  for (const l of view.binaryLocations()) {
    notCleaned.push(`binary file ${escapeForTerminal(l.path)} (blob ${l.blob.slice(0, 12)}): git-filter-repo does not rewrite files with a NUL byte in their first 8 KiB`);
  }
  if (inv.nameHits.size) notCleaned.push(`${inv.nameHits.size} tree(s) have a file name containing a secret: --replace-text does not rename files`);
  for (const ref of inv.refNameHits.keys()) notCleaned.push(`a ref name contains a secret (${redact(ref)}): rename or delete it by hand`);
  for (const e of mailmap.unwritable) notCleaned.push(`an author/committer/tagger address (${redact(e)}) holds a secret but cannot be written in a mailmap: rewrite it by hand`);
  if (bfg) notCleaned.push(...bfg.notes.map((n) => `BFG file: ${n}`));

  const refs = view.changedRefs();
  const rewritten = view.rewrittenCommits();
  const atHead = view.atHead().map((h) => ({ path: h.path, secrets: [...new Set(h.secrets.map((i) => redact(values[i]!)))] }));
  const plan: PurgePlan = {
    expressionsFile, bfgFile, mailmapFile, identities: inv.identityHits.size - mailmap.unwritable.length,
    replacement, secrets: planned, refs, atHead,
    commitsAffected: rewritten.length, report: '', notCleaned,
  };
  plan.report = planReport(plan, {
    contentCommits: view.contentChangingCommits().length,
    totalCommits: inv.commits.size,
    messageCommits: [...inv.messageHits.keys()].filter((id) => inv.commits.has(id)).length,
    identityObjects: inv.identityObjects.size,
    stashEntries: inv.stash.length,
    expressionStyle: expressions.style,
  });
  return plan;
}

interface ReportFacts {
  contentCommits: number;
  totalCommits: number;
  messageCommits: number;
  stashEntries: number;
  identityObjects: number;
  expressionStyle: 'literal' | 'regex';
}

function planReport(plan: PurgePlan, f: ReportFacts): string {
  const out: string[] = [];
  out.push(`Purge plan: ${plan.secrets.length} secret value(s), replaced by '${plan.replacement}'.`);
  out.push(`  ${f.contentCommits} of ${f.totalCommits} commit(s) hold a secret (${f.messageCommits} in the commit message);`);
  if (plan.identities > 0) {
    out.push(`  ${f.identityObjects} commit(s)/tag(s) have a secret as the author, committer or tagger address: ${plan.identities}`,
      `    address(es) rewritten to '<${mailmapAddress(plan.replacement)}>' through a mailmap (names are kept).`);
  }
  out.push(`  ${plan.commitsAffected} commit(s) get a new id (those and every descendant).`);
  if (plan.refs.length) {
    out.push(`  ${plan.refs.length} ref(s) change:`);
    for (const r of plan.refs) out.push(`    ${escapeForTerminal(r)}`);
  } else out.push('  No ref changes: no reachable commit holds these values.');
  if (f.stashEntries > 0) out.push(`  ${f.stashEntries} stash entr(y/ies) are rewritten too and kept in the same order.`);
  out.push(`  Expressions file (mode 0600, deleted after 'run'): ${plan.expressionsFile}${f.expressionStyle === 'regex' ? ' (regex lines: a multi-line secret is present)' : ''}`);
  if (plan.bfgFile) out.push(`  BFG file (first '==>' splits; not used by 'run'): ${plan.bfgFile}`);
  if (plan.atHead.length) {
    out.push('', "STILL IN USE at HEAD (the checked-out files): 'purge run' refuses, since replacing them would break",
      "your live configuration. Move them out first with 'chezmoi-sops migrate --write' and commit, or pass",
      '--include-head to replace them there too:');
    for (const h of plan.atHead) out.push(`  - ${escapeForTerminal(h.path)}: ${h.secrets.join(', ')}`);
  }
  if (plan.notCleaned.length) {
    out.push('', 'NOT cleaned by the rewrite (handle by hand, and rotate these secrets):');
    for (const n of plan.notCleaned) out.push(`  - ${n}`);
  }
  out.push('', 'Secrets to rotate (the rewrite does not make a leaked secret safe again):');
  for (const s of plan.secrets) {
    const where = s.paths.length ? ` in ${s.paths.map(escapeForTerminal).join(', ')}` : '';
    out.push(`  - ${s.redacted} (${s.rule}, ${s.fingerprint.slice(0, 12)})${where}`);
  }
  out.push('', 'The rewrite changes only this repository. Every clone, fork, CI cache, backup and any',
    'hosting-side copy (pull-request refs, cached views) still holds the old history: rotate the',
    "secrets, force-push, and ask every holder of a clone to re-clone. 'purge run' makes a git",
    'bundle backup first, rewrites with git-filter-repo, expires reflogs, runs gc and verifies.');
  return out.join('\n') + '\n';
}
