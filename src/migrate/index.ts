// The migrate stage: plan the move of every secret variable to sops, then apply it.
import type { MigrationResult } from './types.js';

export { planMigration, realSourcePath, secretsDirFor, sopsFileExprFor, DEFAULT_SECRETS_DIR, DEFAULT_MODE } from './plan.js';
export { applyMigration, MigrationError, WRITE_STEPS, type ApplyOptions, type WriteStep } from './apply.js';
export { verifyMigration, VerificationError } from './verify.js';
export { rewriteTemplate, rewriteTemplateTargets, readsOf, type SecretTarget, type RewriteResult } from './rewrite.js';
export { toMigrateJson, migrateText } from './report.js';
export { unifiedDiff, unifiedDiffs } from './diff.js';
export type * from './types.js';

/** INTERFACE.md: 0 complete, 1 when something is left (manual work or findings), 2 errors. */
export function exitCodeForMigration(result: MigrationResult): number {
  if (result.plan.errors.length > 0) return 2;
  return result.plan.manual.length > 0 || result.plan.left.length > 0 ? 1 : 0;
}
