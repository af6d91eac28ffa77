import type { Finding } from '../model.js';
import type { PurgeSecret } from './types.js';

/**
 * The secrets to purge from `history` findings: one per distinct (fingerprint), with every path
 * it was seen at. Findings in commit messages (file null) are included: --replace-message cleans them.
 */
export function secretsFromFindings(findings: Finding[]): PurgeSecret[] {
  const byFingerprint = new Map<string, PurgeSecret>();
  for (const f of findings) {
    if (!f.value) continue;
    const paths = [...(f.history?.paths ?? []), ...(f.file ? [f.file] : [])];
    const existing = byFingerprint.get(f.fingerprint);
    if (existing) {
      for (const p of paths) if (!existing.paths.includes(p)) existing.paths.push(p);
    } else byFingerprint.set(f.fingerprint, { value: f.value, rule: f.rule, fingerprint: f.fingerprint, paths: [...new Set(paths)] });
  }
  return [...byFingerprint.values()];
}
