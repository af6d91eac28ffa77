// The forms a secret value takes in a repository. A scanner reports the value as a data file
// DECODES it: a YAML block (`ssh_key: |`) stores every line of it indented, a JSON, TOML or
// double-quoted YAML string stores `\n`, `\"` and `\\` as escapes, a single-quoted YAML string
// doubles `'`. Matching only the decoded text misses all of those.

import { isArmourLine } from './pem.js';

/** Lines shorter than this are not searched for on their own (they would match unrelated text). */
export const MIN_LINE_LENGTH = 16;

/** JSON string escapes (also TOML basic strings, double-quoted YAML, Go string literals). */
export function jsonEscaped(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** The text forms of one piece of a value: as is, escaped in a double-quoted string, in a single-quoted YAML string. */
export function textEncodings(s: string): string[] {
  const out = new Set([s, jsonEscaped(s)]);
  if (s.includes("'")) out.add(s.replace(/'/g, "''"));
  return [...out];
}

/**
 * The lines of a multi-line value that identify it wherever it is stored, however indented:
 * trimmed, at least MIN_LINE_LENGTH characters, not PEM armour.
 */
export function significantLines(value: string): string[] {
  return [...new Set(value.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => Array.from(l).length >= MIN_LINE_LENGTH && !isArmourLine(l)))];
}

export function isMultiLine(value: string): boolean {
  return /[\r\n]/.test(value.replace(/(\r\n|\r|\n)+$/, ''));
}

/**
 * What the rewrite replaces for one value: the value in each text encoding and, for a multi-line
 * value, each significant line on its own (so an indented or escaped copy is cleaned line by line).
 */
export function purgePatterns(value: string): string[] {
  const out = new Set(textEncodings(value));
  if (isMultiLine(value)) for (const l of significantLines(value)) for (const e of textEncodings(l)) out.add(e);
  return [...out];
}

/** Shortest line of a multi-line value that output redacts on its own (shorter ones are noise). */
const MIN_SHOWN_LINE = 4;

/**
 * What a display must redact for one value: the value in each text encoding and, for a multi-line
 * value, EVERY line of it (but PEM armour) however short, since a diff or a listing shows it line
 * by line and indented. Over-redacting unrelated text there is harmless; showing a key line is not.
 */
export function displayPieces(value: string): string[] {
  const out = new Set(textEncodings(value));
  if (isMultiLine(value)) {
    for (const raw of value.split(/\r\n|\r|\n/)) {
      const l = raw.trim();
      if (Array.from(l).length >= MIN_SHOWN_LINE && !isArmourLine(l)) for (const e of textEncodings(l)) out.add(e);
    }
  }
  return [...out];
}
