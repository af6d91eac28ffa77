// The library entry: every stage's typed API, for scripts that use chezmoi-sops without the CLI.
// Stages are namespaced so that their names do not collide.
export type * from './model.js';
export { fingerprint } from './fingerprint.js';
export * as source from './source/index.js';
export * as template from './template/index.js';
export * as data from './data/index.js';
export * as classify from './classify/index.js';
/** The built-in rules (the registry of rules/), to hand to `classify.classifyVariables` and `classify.detectLiteralSecrets`. */
export { builtinRules } from '../rules/index.js';
export * as config from './config/index.js';
export * as history from './history/index.js';
export * as migrate from './migrate/index.js';
export * as purge from './purge/index.js';
export { scanSource, scanStaged, analyse, type ScanOptions, type InputFile, type ScanInput } from './scan/index.js';
export { defaultBlobScanner, chezmoiBlobScanner } from './scan/blob.js';
export { toJsonReport } from './report/json.js';
export { toTextReport } from './report/text.js';
export { toSarif } from './report/sarif.js';
export { redact } from './report/redact.js';
export { createBaseline, applyBaseline, loadBaseline, serializeBaseline, type Baseline, type BaselineEntry } from './gates/baseline.js';
export { installHook } from './gates/hook.js';
export type { Rule, RuleContext, Verdict, VariableUse } from './classify/types.js';
