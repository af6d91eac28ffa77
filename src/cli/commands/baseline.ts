import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { UsageError, type CommandForm } from '../options.js';
import { resolveSourceDir } from '../../source/locate.js';
import { escapeForTerminal } from '../../report/escape.js';
import { redact } from '../../report/redact.js';
import type { Finding } from '../../model.js';
import { scanWholeHistory } from '../history-scan.js';

const forms: CommandForm[] = [
  {
    sub: 'create',
    args: '[DIR]',
    options: { history: { type: 'boolean', help: 'accept the findings of `history` instead of those of the work tree' } },
    common: ['output', 'config', 'no-color', 'quiet'],
    commonHelp: { output: 'the baseline file to write (default .chezmoi-sops-baseline.json in DIR)', quiet: 'do not say what was written' },
  },
  {
    sub: 'audit',
    args: '[DIR]',
    common: ['baseline', 'config', 'no-color'],
    commonHelp: { baseline: 'the baseline to audit (default .chezmoi-sops-baseline.json in DIR)' },
  },
];

const description = `create  scan DIR and write every finding as accepted to the baseline
        (default: .chezmoi-sops-baseline.json in DIR, or --output FILE). Entries are keyed by a
        content fingerprint (sha256 of rule and secret, never the secret), sorted, without
        line numbers: the file does not churn and merges cleanly. Marks made by \`audit\`
        (false positive) are kept for findings that are still there. With --history, the
        findings of \`chezmoi-sops history\` (every object any ref reaches) are accepted
        instead of those of the work tree: for a CI gate that scans the whole history.
audit   walk the entries (of --baseline FILE, default the one in DIR) on a terminal: keep,
        drop (report it again), or mark a false positive. The file is rewritten atomically.

Use the baseline with \`chezmoi-sops scan --baseline FILE\` (or history).`;

export default defineCommand({
  name: 'baseline',
  summary: 'create or audit the baseline of accepted findings',
  description,
  forms,
  async run({ form, values, positionals, common }) {
    if (positionals.length > 1) throw new UsageError(`baseline ${form.sub} takes at most one directory`);
    const dir = resolveSourceDir(positionals[0]);
    return form.sub === 'create' ? create(dir, common.output, common.config, common.quiet, Boolean(values.history)) : audit(dir, common.baseline, common.config);
  },
});

async function scan(dir: string, configPath: string | undefined) {
  const { scanSource } = await import('../../scan/index.js');
  return scanSource(dir, { configPath });
}

async function create(dir: string, output: string | undefined, configPath: string | undefined, quiet: boolean, history: boolean): Promise<number> {
  const { createBaseline, loadBaseline, serializeBaseline, DEFAULT_BASELINE_FILE } = await import('../../gates/baseline.js');
  const { writeFileAtomic } = await import('../../fsutil/atomic.js');
  const result = history ? await scanWholeHistory(dir, { configPath }) : await scan(dir, configPath);
  // As typed (relative to the working directory): messages name the file the user asked for.
  const file = output ?? join(dir, DEFAULT_BASELINE_FILE);
  const next = createBaseline(result, result.configuration);
  // Keep the audit's false-positive marks for findings that are still there.
  if (existsSync(file)) {
    const marked = new Set((await loadBaseline(file)).entries.filter((e) => e.falsePositive).map((e) => e.fingerprint));
    for (const e of next.entries) if (marked.has(e.fingerprint)) e.falsePositive = true;
  }
  await writeFileAtomic(file, serializeBaseline(next), { mode: 0o644 });
  if (!quiet) process.stdout.write(`wrote ${next.entries.length} ${next.entries.length === 1 ? 'entry' : 'entries'} to ${escapeForTerminal(file)}\n`);
  if (result.errors.length) {
    // Fail closed: a file that could not be analysed may hold a secret the baseline does not know.
    process.stderr.write(`chezmoi-sops baseline: ${result.errors.length} file(s) could not be analysed; the baseline may be incomplete:\n`);
    for (const e of result.errors) process.stderr.write(`  ${escapeForTerminal(e.file)}${e.line ? `:${e.line}` : ''}: ${escapeForTerminal(e.message)}\n`);
    return 2;
  }
  return 0;
}

async function audit(dir: string, baselineOpt: string | undefined, configPath: string | undefined): Promise<number> {
  const { loadBaseline, serializeBaseline, DEFAULT_BASELINE_FILE } = await import('../../gates/baseline.js');
  const file = baselineOpt ? resolve(baselineOpt) : join(dir, DEFAULT_BASELINE_FILE);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(`chezmoi-sops baseline audit: needs an interactive terminal (stdin and stdout); ` +
      `edit ${escapeForTerminal(file)} by hand or recreate it with \`chezmoi-sops baseline create\`\n`);
    return 2;
  }
  const current = await loadBaseline(file);
  if (current.entries.length === 0) {
    process.stdout.write(`${escapeForTerminal(file)} has no entries.\n`);
    return 0;
  }

  // Where each accepted secret is now (best effort: the audit still works when the scan fails).
  const now = new Map<string, Finding[]>();
  let scanned = false;
  try {
    for (const f of (await scan(dir, configPath)).findings) now.set(f.fingerprint, [...(now.get(f.fingerprint) ?? []), f]);
    scanned = true;
  } catch (err) {
    process.stdout.write(`(could not scan ${escapeForTerminal(dir)} to show current locations: ${escapeForTerminal((err as Error).message)})\n`);
  }

  const { auditBaseline, parseDecision } = await import('../../gates/audit.js');
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // Answers typed ahead (or pasted) arrive before the next prompt: queue them, never drop them.
  const pending: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => (waiting.length ? waiting.shift()!(line) : pending.push(line)));
  rl.on('close', () => {
    closed = true;
    for (const w of waiting.splice(0)) w(null);
  });
  const ask = (prompt: string): Promise<string | null> => {
    rl.setPrompt(prompt);
    rl.prompt();
    if (pending.length) return Promise.resolve(pending.shift()!);
    if (closed) return Promise.resolve(null);
    return new Promise((res) => waiting.push(res));
  };

  const outcome = await auditBaseline(current, async (entry, i, total) => {
    const lines = [`\n[${i + 1}/${total}] ${escapeForTerminal(entry.rule)}${entry.falsePositive ? '  (marked false positive)' : ''}`];
    lines.push(`  file:        ${entry.file === null ? '(commit message)' : escapeForTerminal(entry.file)}`);
    if (entry.variable) lines.push(`  variable:    ${escapeForTerminal(entry.variable.join('.'))}`);
    lines.push(`  fingerprint: ${entry.fingerprint.slice(0, 16)}…`);
    const seen = now.get(entry.fingerprint);
    if (seen) for (const f of seen.slice(0, 5)) lines.push(`  now at:      ${f.file === null ? '(commit message)' : `${escapeForTerminal(f.file)}:${f.line}:${f.column}`}  ${redact(f.value)}`);
    else if (scanned) lines.push('  now at:      not found in the current tree (stale entry; drop it unless history scans need it)');
    process.stdout.write(lines.join('\n') + '\n');
    for (;;) {
      const answer = await ask('  [k]eep, [d]rop, mark [f]alse positive, [q]uit and save? [k] ');
      if (answer === null) return 'quit';
      const decision = parseDecision(answer);
      if (decision) return decision;
      process.stdout.write('  please answer k, d, f or q\n');
    }
  });
  rl.close();

  if (outcome.changed) {
    const { writeFileAtomic } = await import('../../fsutil/atomic.js');
    await writeFileAtomic(file, serializeBaseline(outcome.baseline));
  }
  process.stdout.write(`\nkept ${outcome.kept}, dropped ${outcome.dropped}, marked false positive ${outcome.markedFalsePositive}` +
    `${outcome.unreviewed ? `, not reviewed ${outcome.unreviewed}` : ''}; ${outcome.changed ? `wrote ${escapeForTerminal(file)}` : 'no change'}\n`);
  return 0;
}

