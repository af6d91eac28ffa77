// Questions on the terminal (stderr, so a report on stdout stays clean). Only asked when both
// stdin and stderr are terminals; scripts and CI pass the flags instead.
import { createInterface } from 'node:readline/promises';
import { escapeForTerminal } from '../report/escape.js';
import { redact } from '../report/redact.js';

export const canAsk = (): boolean => Boolean(process.stdin.isTTY && process.stderr.isTTY);

/** One yes/no answer per question (default no), read on one readline. */
export async function askEach(questions: readonly string[]): Promise<boolean[]> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const out: boolean[] = [];
    for (const q of questions) out.push(/^\s*y(?:es)?\s*$/i.test(await rl.question(`${q} [y/N] `)));
    return out;
  } finally {
    rl.close();
  }
}

/** An item to review, asked about by its name, redacted value and why it is to review. */
export interface ReviewItem {
  label: string;
  value: string;
  why: string;
}

/** The review items the user chose, asked one by one (`--include-review` takes them all without asking). */
export async function chooseReviewItems<T>(items: readonly T[], describe: (item: T) => ReviewItem, verb: string): Promise<T[]> {
  if (items.length === 0) return [];
  process.stderr.write(`${items.length} item(s) to review (personal data: moving them is your call; --include-review takes them all):\n`);
  const answers = await askEach(items.map((item) => {
    const d = describe(item);
    return `  ${verb} ${escapeForTerminal(d.label)} = ${redact(d.value)} (${escapeForTerminal(d.why)})?`;
  }));
  return items.filter((_, i) => answers[i]);
}
