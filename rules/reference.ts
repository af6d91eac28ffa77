import type { Rule, Verdict } from '../src/classify/types.js';
import { PASSWORD_MANAGER_FUNCTIONS, REFERENCE_VALUE } from '../src/classify/vocabulary.js';

const SECRET_PATH = /^(?:\/run\/secrets(?:-for-users)?|\/run\/agenix)\//;

/**
 * The value only points at a secret held elsewhere: an `op://` reference or a `/run/secrets/` path,
 * or a variable that every template reads only as the argument of a password-manager function.
 */
const reference: Rule = {
  id: 'reference',
  judges: 'both',
  description: 'value is a password-manager reference or secret path, or is read only through password-manager functions',
  evaluate(ctx) {
    const verdicts: Verdict[] = [];
    const value = ctx.valueString.trim();
    if (typeof ctx.value === 'string' && REFERENCE_VALUE.test(value)) {
      verdicts.push({ class: 'reference', confidence: 0.95, reason: 'value is a password-manager reference or a secret path' });
    }
    if (ctx.uses.length > 0) {
      const pmUses = ctx.uses.filter((u) => u.flowsInto.some((f) => PASSWORD_MANAGER_FUNCTIONS.has(f)));
      if (pmUses.length === ctx.uses.length) {
        const fns = [...new Set(pmUses.flatMap((u) => u.flowsInto.filter((f) => PASSWORD_MANAGER_FUNCTIONS.has(f))))];
        verdicts.push({ class: 'reference', confidence: 0.9, reason: `read only through ${fns.join(', ')}` });
      } else {
        const includeUses = ctx.uses.filter((u) => u.flowsInto.includes('include') && SECRET_PATH.test(u.includeArg ?? value));
        if (includeUses.length === ctx.uses.length) {
          verdicts.push({ class: 'reference', confidence: 0.9, reason: 'read only through include of a /run/secrets path' });
        }
      }
    }
    return verdicts;
  },
};

export default reference;
