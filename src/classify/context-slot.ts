// Does the text before a template action look like the left side of a secret assignment?
import { keywordAlternation, SAFE_SLOT_SUFFIXES } from './vocabulary.js';

const SLOT = new RegExp(`(?:^|[^A-Za-z0-9])((?:[A-Za-z0-9_.-]*(?:${keywordAlternation('slot')})s?[A-Za-z0-9_.-]*)["']?\\s*(?::=|=>|[:=])|--?(?:${keywordAlternation('flag')})(?:=|\\s)|authorization\\s*:\\s*(?:bearer|token|basic)|bearer)\\s*["']?$`, 'i');
const SAFE_SLOT = new RegExp(`(?:_|-)(?:${SAFE_SLOT_SUFFIXES.join('|')})["']?\\s*(?::=|=>|[:=])\\s*["']?$`, 'i');

/**
 * The secret slot the use at 1-based `column` of `lineText` sits in, e.g. `password =`, or null.
 * Only the text between the previous action (or the line start) and the use is examined, bounded.
 */
export function secretSlotBefore(lineText: string, column: number): string | null {
  const chars = Array.from(lineText.length > 2000 ? lineText.slice(0, 2000) : lineText);
  let before = chars.slice(0, Math.max(0, column - 1)).join('');
  // Drop the opening of the action holding the use: `password = {{ .pw` -> `password = `.
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('[['), before.lastIndexOf('(('), before.lastIndexOf('(:'));
  if (open >= 0) before = before.slice(0, open);
  const close = Math.max(before.lastIndexOf('}}'), before.lastIndexOf(']]'), before.lastIndexOf('))'), before.lastIndexOf(':)'));
  if (close >= 0) before = before.slice(close + 2);
  before = before.slice(-200);
  if (SAFE_SLOT.test(before)) return null;
  const m = SLOT.exec(before);
  return m ? m[1]!.trim().replace(/\s+/g, ' ') : null;
}
