// Classification: every leaf of the template data gets a class (secret, review, config, reference)
// from the rules it is handed (rules/index.ts's registry, then the user's), combined as
// src/classify/combine.ts says. This stage knows no rule by name: the scan passes them in.
import type { AnalysisError, ClassifiedVariable } from '../model.js';
import { overrideFor, ruleEnabled, type ClassifyConfig } from '../config/index.js';
import { scrub } from '../report/redact.js';
import { combineVerdicts, type RuleVerdict } from './combine.js';
import { judges, type Rule, type RuleContext, type RuleResult, type Verdict } from './types.js';

export type { Rule, RuleContext, Verdict, VariableUse, RuleResult, RuleScope, TextDetector } from './types.js';
export type { ClassifyConfig } from '../config/index.js';
export { combineVerdicts } from './combine.js';
export { detectLiteralSecrets, type LiteralFinding } from './literal.js';
export { isAllowedLine, ALLOW_MARKER } from './allow.js';
export { safeShape, looksLikeCredential, isPlaceholder } from './shapes.js';
export { shannonEntropy, highEntropy } from './entropy.js';
export { PASSWORD_MANAGER_FUNCTIONS } from './vocabulary.js';
export { gradeFindings, type WarningKind } from './grade.js';
export { fileKind, gitattributesMatcher, type FileKind } from './file-kind.js';

export interface ClassifyOptions {
  config: ClassifyConfig;
  /** Every rule to run (the built-in registry of rules/index.ts, then the user's); those that judge data are used. */
  rules: readonly Rule[];
  /** Receives rules that throw or return nonsense (fail closed: the variable becomes at least `review`). */
  onError?: (error: AnalysisError) => void;
}

/** Classify every variable. Output order follows input order. Rules get a frozen context (a user rule cannot change what the next rule sees). */
export async function classifyVariables(ctxs: RuleContext[], opts: ClassifyOptions): Promise<ClassifiedVariable[]> {
  const rules = opts.rules.filter((r) => judges(r, 'data') && ruleEnabled(opts.config, r.id));
  return Promise.all(ctxs.map((ctx) => classifyOne(Object.freeze({ ...ctx, config: opts.config }), rules, opts)));
}

/** All verdicts of the given rules for one context, each tagged with its rule id. */
export async function evaluateRules(ctx: RuleContext, rules: readonly Rule[], onError?: (e: AnalysisError) => void): Promise<RuleVerdict[]> {
  const verdicts: RuleVerdict[] = [];
  for (const rule of rules) {
    let result: RuleResult;
    try {
      result = await rule.evaluate(ctx);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      onError?.({ file: ctx.definedIn[0]?.file ?? '', line: ctx.definedIn[0]?.line, message: `rule '${rule.id}' failed on ${ctx.path.join('.')}: ${scrub(message, [ctx.valueString])}` });
      verdicts.push({ rule: rule.id, class: 'review', confidence: 1, reason: 'rule failed; review by hand' });
      continue;
    }
    for (const v of normalise(result)) {
      if (!isVerdict(v)) {
        onError?.({ file: ctx.definedIn[0]?.file ?? '', message: `rule '${rule.id}' returned an invalid verdict` });
        continue;
      }
      // A user rule could quote the value in its reason: reports must never show it.
      verdicts.push({ rule: rule.id, class: v.class, confidence: v.confidence, reason: scrub(String(v.reason), [ctx.valueString]) });
    }
  }
  return verdicts;
}

async function classifyOne(ctx: RuleContext, rules: readonly Rule[], opts: ClassifyOptions): Promise<ClassifiedVariable> {
  const verdicts = await evaluateRules(ctx, rules, opts.onError);
  const combined = combineVerdicts(verdicts, overrideFor(opts.config, ctx.path) ?? undefined);
  return {
    path: ctx.path,
    class: combined.class,
    reasons: combined.reasons,
    value: ctx.valueString,
    definedIn: ctx.definedIn,
    usedIn: ctx.uses.map((u) => ({ file: u.file, line: u.line, column: u.column })),
  };
}

function normalise(result: RuleResult): Verdict[] {
  if (result === null || result === undefined) return [];
  return Array.isArray(result) ? result : [result];
}

const CLASSES = new Set(['secret', 'review', 'config', 'reference']);
function isVerdict(v: unknown): v is Verdict {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.class === 'string' && CLASSES.has(o.class) && typeof o.confidence === 'number' && Number.isFinite(o.confidence) && typeof o.reason === 'string';
}

/** Build a rule context for a data leaf (helper for callers and tests). */
export function makeRuleContext(path: string[], value: unknown, config: ClassifyConfig, extra: Partial<Pick<RuleContext, 'definedIn' | 'uses'>> = {}): RuleContext {
  return {
    path,
    name: path[path.length - 1] ?? '',
    value,
    valueString: valueToString(value),
    definedIn: extra.definedIn ?? [],
    uses: extra.uses ?? [],
    config,
    origin: 'data',
  };
}

export function valueToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
