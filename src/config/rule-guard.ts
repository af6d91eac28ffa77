// A time bound for user rules. A rule from the scanned repo may hold a regular expression that
// backtracks catastrophically (`/(a+)+$/` on 'aaaa…b'): JavaScript cannot interrupt a running
// function from the same thread, but V8 can terminate a script run by `vm` with a timeout, and
// that covers every synchronous call the script makes, the rule's regex included.
import { createContext, Script } from 'node:vm';
import type { Rule, RuleContext, RuleResult } from '../classify/types.js';

/** How long one rule may take on one variable before its verdict is dropped (fail closed). */
export const USER_RULE_TIME_LIMIT_MS = 1000;

const CALL = new Script('evaluate(ctx)', { filename: 'chezmoi-sops-user-rule-call' });

export class RuleTimeoutError extends Error {
  override name = 'RuleTimeoutError';
}

/** The same rule, with `evaluate` stopped after `limitMs` (sync part) or abandoned (async part). */
export function withTimeLimit(rule: Rule, limitMs = USER_RULE_TIME_LIMIT_MS): Rule {
  const slot: { evaluate: (ctx: RuleContext) => unknown; ctx: RuleContext | null } = {
    evaluate: (ctx) => rule.evaluate(ctx),
    ctx: null,
  };
  const context = createContext(slot);
  const tooSlow = () => new RuleTimeoutError(`took longer than ${limitMs} ms (a regular expression that backtracks?); its verdict is ignored`);
  const evaluate = (ctx: RuleContext): RuleResult | Promise<RuleResult> => {
    slot.ctx = ctx;
    let result: unknown;
    try {
      result = CALL.runInContext(context, { timeout: limitMs });
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw tooSlow();
      throw err;
    } finally {
      slot.ctx = null;
    }
    if (!(result instanceof Promise) && !(result && typeof (result as PromiseLike<unknown>).then === 'function')) return result as RuleResult;
    // An async rule: its synchronous start was bounded above; the rest can only be abandoned.
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      Promise.resolve(result as RuleResult),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(tooSlow()), limitMs); }),
    ]).finally(() => clearTimeout(timer));
  };
  return { ...rule, evaluate };
}
