// The text `purge` writes in place of a secret (git-filter-repo's and BFG's default too). What it
// leaves is never a finding, whatever a rule or an override says: otherwise a purged repository
// reports its own placeholders forever.
import { isArmourLine } from '../text/pem.js';

export const PURGE_PLACEHOLDER = '***REMOVED***';

/** The default, and the plain `REMOVED` the migration guide recommends (`--replacement REMOVED`, YAML-safe). */
const PLACEHOLDERS = /\**REMOVED\**/g;

/** Lines this short that survive a line-by-line purge of a key block are not searched for either. */
const LEFTOVER_LINE = 16;

/**
 * A value the purge rewrote: it holds the placeholder, and once the placeholders are taken out
 * nothing significant is left (only PEM armour, blank or short lines: a key purged line by line).
 */
export function isPurgePlaceholder(value: string): boolean {
  if (!value.includes('REMOVED')) return false;
  return value.replace(PLACEHOLDERS, '\n').split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .every((l) => Array.from(l).length < LEFTOVER_LINE || isArmourLine(l));
}
