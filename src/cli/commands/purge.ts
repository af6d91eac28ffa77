import { createInterface } from 'node:readline/promises';
import { defineCommand } from '../command.js';
import { UsageError, type CommandForm, type CommonOptions } from '../options.js';
import { resolveSourceDir } from '../../source/locate.js';
import { escapeForTerminal } from '../../report/escape.js';
import type { AnalysisError, Finding, ScanResult } from '../../model.js';
import type { PurgePlan, PurgeRunResult, PurgeSecret } from '../../purge/index.js';
import { writeOutput } from '../emit.js';
import { chooseReviewItems } from '../ask.js';
import { scanWholeHistory } from '../history-scan.js';

const replacement = { type: 'string', arg: 'TEXT', help: "what the values are replaced by (default ***REMOVED***)" } as const;
const shared = ['format', 'output', 'config', 'baseline', 'no-color', 'quiet'] as const;
const commonHelp = { baseline: 'findings accepted in FILE are not purged', quiet: 'print nothing when there is nothing to purge' };
const includeReview = { type: 'boolean', help: 'purge the values to review (personal e-mail addresses) too; an author, committer or tagger address among them is rewritten through a mailmap' } as const;
const forms: CommandForm[] = [
  { sub: 'plan', args: '[DIR]', options: { 'include-review': includeReview, replacement, bfg: { type: 'boolean', help: "also write a BFG --replace-text file" } }, common: shared, commonHelp, formats: ['text', 'json'] },
  {
    sub: 'run',
    args: '[DIR]',
    options: {
      'include-review': includeReview,
      'include-head': { type: 'boolean', help: "also replace values still in the files of the checked-out commit (by default 'run' refuses: run 'migrate --write' and commit first, or the live configuration breaks)" },
      replacement,
      yes: { type: 'boolean', short: 'y', help: 'do not ask (needed without a terminal)' },
      'backup-dir': { type: 'string', arg: 'DIR', help: 'where the backup bundle goes (default ~/.local/state/chezmoi-sops/backups)' },
    },
    common: shared,
    commonHelp,
    formats: ['text', 'json'],
  },
];

const description = `Remove every secret the history scan finds from the whole git history of DIR.
  plan  write the git-filter-repo expressions file (mode 0600, outside the repository; with
        --bfg also a BFG file) and report the commits and refs that change and the secrets to rotate.
  run   plan, then (after confirmation on a terminal, or with --yes) back up every ref to a git
        bundle (--backup-dir, default ~/.local/state/chezmoi-sops/backups), rewrite with
        git-filter-repo, expire reflogs, gc, and verify that no value is left anywhere. Never pushes:
        prints the force-push commands (only after a successful verification) and the restore commands.
Exit codes: plan 0 nothing to purge, 1 secrets to purge; run 0 purged and verified, 1 verification
failed; 2 usage error, refusal, or a file the history scan could not analyse.`;

interface Collected {
  secrets: PurgeSecret[];
  errors: AnalysisError[];
  incompleteHistory: boolean;
}

/** The secrets to purge: the `history` findings of severity error, minus those in the baseline. */
async function collectSecrets(dir: string, common: CommonOptions, review: 'all' | 'ask' | 'none'): Promise<Collected> {
  const { secretsFromFindings } = await import('../../purge/from-findings.js');
  let result: ScanResult = await scanWholeHistory(dir, { configPath: common.config, reviewFindings: review !== 'none' });
  if (common.baseline) {
    const { loadBaseline, applyBaseline } = await import('../../gates/baseline.js');
    ({ result } = applyBaseline(result, await loadBaseline(common.baseline)));
  }
  return {
    secrets: secretsFromFindings([
      ...result.findings.filter((f) => f.severity === 'error' || (review === 'all' && f.rule === 'variable/review')),
      ...(review === 'ask' ? await chooseReviewFindings(result.findings.filter((f) => f.rule === 'variable/review')) : []),
    ]),
    errors: result.errors,
    incompleteHistory: Boolean(result.incompleteHistory),
  };
}

/** On a terminal without --include-review: each value to review (one question per value, not per place). */
async function chooseReviewFindings(findings: readonly Finding[]): Promise<Finding[]> {
  const byValue = new Map<string, Finding[]>();
  for (const f of findings) byValue.set(f.value, [...(byValue.get(f.value) ?? []), f]);
  const chosen = await chooseReviewItems([...byValue.values()], (fs) => ({ label: fs[0]!.variable?.join('.') ?? fs[0]!.file ?? 'value', value: fs[0]!.value, why: fs[0]!.message ?? 'to review' }), 'Purge');
  return chosen.flat();
}

/** The warnings for files history could not read. Messages can quote names from the repository: escaped too. */
export function errorLines(c: Pick<Collected, 'errors' | 'incompleteHistory'>): string[] {
  const out = c.errors.map((e) => `warning: ${escapeForTerminal(e.file)}${e.line ? `:${e.line}` : ''}: ${escapeForTerminal(e.message)} (a secret there would not be purged)`);
  if (c.incompleteHistory) out.push('warning: shallow clone: older commits are missing; purge a full clone');
  return out;
}

function runText(r: PurgeRunResult, plan: PurgePlan): string {
  const out = [`Backup: ${r.backup}`, ...r.log];
  if (r.verified) {
    out.push('Verified: no secret value is left in any object, commit message, ref or .git file; every ref keeps',
      'its commits; every file that held no secret is byte-identical at every commit.');
  } else {
    out.push('', 'Verification FAILED.');
    for (const p of r.problems) out.push(`  problem: ${p}`);
    for (const x of r.remaining) out.push(`  still present (${x.where}): ${x.detail}`);
    out.push('', `To restore the original history from the backup:`, ...r.restoreCommands.map((c) => `  ${c}`));
  }
  if (r.verified && r.restoreCommands.length) {
    // Every ref and the whole stash list: the bundle alone brings back only the newest stash entry.
    out.push('', 'To undo the purge later (every ref and the stash list as they were), from the backup:', ...r.restoreCommands.map((c) => `  ${c}`));
  }
  if (r.commandsToPush.length) {
    out.push('', 'Nothing was pushed. Force-pushing replaces the history on the remote for everyone; when ready:',
      ...r.commandsToPush.map((c) => `  ${c}`));
  }
  out.push('', 'Rotate every purged secret: clones, forks and CI caches still hold the old history.',
    ...plan.secrets.map((s) => `  - ${s.redacted} (${s.rule})`));
  return out.join('\n') + '\n';
}

async function confirm(dir: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`Rewrite the whole history of ${escapeForTerminal(dir)}? A backup bundle is made first. Type 'yes' to go on: `);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

export default defineCommand({
  name: 'purge',
  summary: 'plan or run the history clean-up, with a backup and verification',
  description,
  forms,
  async run({ form, values, positionals, common }) {
    const action = form.sub as 'plan' | 'run';
    const [dirArg, ...extra] = positionals;
    if (extra.length) throw new UsageError('purge takes at most one directory');
    const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
    if (action === 'run' && !values.yes && !interactive) throw new UsageError('purge run rewrites history: pass --yes (there is no terminal to ask on)');
    const dir = resolveSourceDir(dirArg);
    const lib = await import('../../purge/index.js');
    const { discardPlan, headRefusal } = await import('../../purge/run.js');

    const collected = await collectSecrets(dir, common, values['include-review'] ? 'all' : interactive ? 'ask' : 'none');
    for (const l of errorLines(collected)) process.stderr.write(`${l}\n`);
    const failClosed = collected.errors.length > 0 ? 2 : 0;
    if (collected.secrets.length === 0) {
      if (!common.quiet) await writeOutput(common.format === 'json' ? JSON.stringify({ command: `purge ${action}`, root: dir, plan: null, result: null }, null, 2) + '\n' : 'Nothing to purge: the history scan found no secret.\n', common);
      return failClosed;
    }
    const plan = await lib.planPurge(dir, collected.secrets, {
      replacement: values.replacement as string | undefined,
      bfg: Boolean(values.bfg),
    });
    if (action === 'plan') {
      await writeOutput(common.format === 'json' ? JSON.stringify({ command: 'purge plan', root: dir, plan }, null, 2) + '\n' : plan.report, common);
      process.stderr.write(`note: ${plan.expressionsFile} holds the raw secret values; delete it when done ('purge run' makes and deletes its own).\n`);
      if (plan.mailmapFile) process.stderr.write(`note: ${plan.mailmapFile} holds the identity addresses it replaces; delete it too.\n`);
      return failClosed || 1;
    }

    try {
      if (plan.atHead.length && !values['include-head']) throw new UsageError(headRefusal(plan.atHead));
      if (common.format === 'text') process.stderr.write(plan.report + '\n');
      if (!values.yes && !(await confirm(dir))) {
        process.stderr.write('Not confirmed: nothing was changed.\n');
        return 2;
      }
      const result = await lib.runPurge(dir, plan, collected.secrets, {
        yes: true,
        includeHead: Boolean(values['include-head']),
        backupDir: values['backup-dir'] as string | undefined,
        onBackup: (p) => process.stderr.write(`Backup written: ${p}\n`),
      });
      await writeOutput(common.format === 'json' ? JSON.stringify({ command: 'purge run', root: dir, plan, result }, null, 2) + '\n' : runText(result, plan), common);
      return result.verified ? failClosed : 1;
    } finally {
      await discardPlan(plan);
    }
  },
});
