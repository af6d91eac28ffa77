// `baseline audit`: walk the entries, one decision each. The walk is separate from the terminal
// so the rules (what keep / drop / false positive do to the file) are plain and testable.
import type { Baseline, BaselineEntry } from './baseline.js';
import { sortEntries } from './baseline.js';

export type AuditDecision = 'keep' | 'drop' | 'false-positive' | 'quit';

export interface AuditOutcome {
  baseline: Baseline;
  kept: number;
  dropped: number;
  markedFalsePositive: number;
  /** Entries not reached because the user quit; they stay as they were. */
  unreviewed: number;
  changed: boolean;
}

export async function auditBaseline(
  b: Baseline,
  decide: (entry: BaselineEntry, index: number, total: number) => Promise<AuditDecision>,
): Promise<AuditOutcome> {
  const out: BaselineEntry[] = [];
  let kept = 0;
  let dropped = 0;
  let markedFalsePositive = 0;
  let quitAt = -1;
  for (let i = 0; i < b.entries.length; i++) {
    const entry = b.entries[i];
    const decision = await decide(entry, i, b.entries.length);
    if (decision === 'quit') {
      quitAt = i;
      break;
    }
    if (decision === 'drop') dropped++;
    else if (decision === 'false-positive') {
      if (!entry.falsePositive) markedFalsePositive++;
      out.push({ ...entry, falsePositive: true });
    } else {
      kept++;
      out.push(entry);
    }
  }
  const unreviewed = quitAt >= 0 ? b.entries.length - quitAt : 0;
  if (quitAt >= 0) out.push(...b.entries.slice(quitAt));
  return {
    baseline: { version: 1, entries: sortEntries(out) },
    kept,
    dropped,
    markedFalsePositive,
    unreviewed,
    changed: dropped > 0 || markedFalsePositive > 0,
  };
}

/** Parse one answer typed at the prompt; null when it is not understood. */
export function parseDecision(answer: string): AuditDecision | null {
  const a = answer.trim().toLowerCase();
  if (a === '' || a === 'k' || a === 'keep') return 'keep';
  if (a === 'd' || a === 'drop') return 'drop';
  if (a === 'f' || a === 'fp' || a === 'false positive' || a === 'false-positive') return 'false-positive';
  if (a === 'q' || a === 'quit') return 'quit';
  return null;
}
