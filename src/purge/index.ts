// The purge stage: remove secret values from the whole git history with git-filter-repo,
// with a backup bundle first and a verification after. See docs/purge.md.
export type { PurgeSecret, PurgePlan, PlannedSecret, PurgeRunResult, Remaining } from './types.js';
export { PurgeError } from './types.js';
export { planPurge, type PlanOptions } from './plan.js';
export { runPurge, discardPlan, defaultBackupDir, type RunOptions } from './run.js';
export { verifyPurged } from './verify.js';
export { DEFAULT_REPLACEMENT, filterRepoExpressions, bfgExpressions, ExpressionError } from './expressions.js';
export { secretsFromFindings } from './from-findings.js';
