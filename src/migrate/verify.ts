// After the writes: check the result before the backup is dropped. Any failure here makes
// apply.ts restore every file from the backup.
import { promises as fs } from 'node:fs';
import { readSourceTree } from '../source/index.js';
import { parseTemplate } from '../template/index.js';
import { readsOf } from './rewrite.js';
import { loadAgeIdentities, readSopsSecrets } from './sops/index.js';
import { decodeTextFile } from './textfile.js';
import type { MigrationPlan } from './types.js';

export class VerificationError extends Error {
  override name = 'VerificationError';
}

/** Every rewritten template parses and reads no moved secret; no moved value is left in the repo. */
export async function verifyMigration(plan: MigrationPlan, sourceDir: string): Promise<void> {
  const movedPaths = plan.moved.flatMap((m) => (m.path ? [m.path] : []));
  const problems: string[] = [];
  for (const change of plan.changes) {
    if (change.kind !== 'template') continue;
    if (change.renamedFrom && (await fs.stat(change.renamedFrom.path).then(() => true, () => false))) problems.push(`${change.renamedFrom.file}: still there next to ${change.file}`);
    const text = decodeTextFile(await fs.readFile(change.path)).text;
    if (change.after !== null && text !== change.after) problems.push(`${change.file}: content differs from the plan`);
    const parsed = parseTemplate(text, { modify: change.modifyTemplate });
    if (!parsed.ok) {
      problems.push(`${change.file}:${parsed.error?.line ?? 1}: the rewritten template does not parse`);
      continue;
    }
    for (const path of readsOf(parsed, movedPaths)) problems.push(`${change.file}: still reads ${path.join('.')}`);
  }
  const tree = await readSourceTree(sourceDir);
  for (const file of tree.files) {
    if (file.text === null) continue;
    for (const m of plan.moved) {
      if (m.value.length > 0 && file.text.includes(m.value)) problems.push(`${file.repoPath}: still holds the value of ${m.path ? m.path.join('.') : m.secretName}`);
    }
  }
  problems.push(...(await sopsProblems(plan)));
  if (problems.length > 0) throw new VerificationError(`verification failed:\n  ${problems.join('\n  ')}`);
}

/**
 * The sops file holds every moved value. Checked when an age identity is at hand to decrypt it
 * (the usual case on the machine that runs sops); without one there is nothing to check with.
 */
async function sopsProblems(plan: MigrationPlan): Promise<string[]> {
  const sops = plan.changes.find((c) => c.kind === 'sops');
  const identities = loadAgeIdentities();
  if (!sops || identities.length === 0) return [];
  let values: { key: string[]; value: string }[];
  try {
    values = await readSopsSecrets(sops.path, identities);
  } catch (err) {
    return [`${sops.file}: cannot read it back: ${(err as Error).message}`];
  }
  const have = new Map(values.map((v) => [JSON.stringify(v.key), v.value]));
  return plan.moved
    .filter((m) => have.get(JSON.stringify(m.sopsKey)) !== m.value)
    .map((m) => `${sops.file}: ${m.sopsKey.join('.')} is missing or differs`);
}
