import type { ScanResult } from '../model.js';

/**
 * INTERFACE.md exit codes: 2 when a file could not be analysed, else 1 when a secret (or, with
 * --strict or the configuration's `strictReview: true`, a review item) remains.
 */
export function exitCodeFor(result: ScanResult, strictOption = false): number {
  const strict = strictOption || result.strictReview === true;
  if (result.errors.length > 0) return 2;
  if (result.findings.some((f) => f.severity === 'error')) return 1;
  if (strict && (result.variables.some((v) => v.class === 'review') || result.findings.length > 0)) return 1;
  return 0;
}
