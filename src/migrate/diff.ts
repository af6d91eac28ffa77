import { createTwoFilesPatch } from 'diff';
import { scrub } from '../report/redact.js';
import type { FileChange } from './types.js';

/**
 * A unified diff of one planned change, in `git diff` style (a/ and b/ prefixes, /dev/null for a
 * new file). Secret values are redacted unless `showSecrets`: a data file's diff would otherwise
 * print the very values being moved. The sops file is encrypted and only summarised.
 */
export function unifiedDiff(change: FileChange, secrets: Iterable<string>, showSecrets = false): string {
  if (change.after === null) return `--- ${change.file} (encrypted, ${change.before === null ? 'new file' : 'updated'})\n`;
  const before = change.before ?? '';
  // Files outside the source (the Nix module) keep their absolute path, as `git diff --no-index` does.
  const outside = change.file.startsWith('/');
  const newName = outside ? change.file : `b/${change.file}`;
  const oldFile = change.renamedFrom?.file ?? change.file;
  const oldName = change.before === null ? '/dev/null' : outside ? change.file : `a/${oldFile}`;
  const patch = createTwoFilesPatch(oldName, newName, before, change.after, undefined, undefined, { context: 3 });
  // Drop the `====` banner line that createTwoFilesPatch puts first; a rename says so, as git does.
  const rename = change.renamedFrom ? `rename from ${change.renamedFrom.file}\nrename to ${change.file}\n` : '';
  const body = rename + patch.replace(/^=+\n/, '');
  return showSecrets ? body : scrub(body, secrets);
}

export function unifiedDiffs(changes: FileChange[], secrets: Iterable<string>, showSecrets = false): string {
  // A diff shows a multi-line value (a private key) line by line: each line is redacted on its own.
  const all = [...secrets].flatMap((v) => [v, ...(v.includes('\n') ? v.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 8) : [])]);
  // Longest first, so a secret that contains another is redacted whole.
  const values = [...new Set(all)].sort((a, b) => b.length - a.length);
  return changes.map((c) => unifiedDiff(c, values, showSecrets)).join('');
}
