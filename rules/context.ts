import type { Rule, Verdict } from '../src/classify/types.js';
import { secretSlotBefore } from '../src/classify/context-slot.js';

/**
 * Where the value lands: a template that writes it after `password =`, `token:`, `--api-key` or
 * `Authorization: Bearer` puts it in a secret slot; a use inside a `private_` file adds a little.
 */
const context: Rule = {
  id: 'context',
  judges: 'data',
  description: 'the templates write the value into a secret slot (password =, token:, Bearer …) or a private_ file',
  evaluate(ctx) {
    if (ctx.uses.length === 0) return null;
    const verdicts: Verdict[] = [];
    const slot = ctx.uses.map((u) => ({ u, slot: secretSlotBefore(u.lineText, u.column) })).find((x) => x.slot);
    if (slot?.slot) {
      verdicts.push({ class: 'secret', confidence: 0.6, reason: `used after '${slot.slot}' in ${slot.u.file}:${slot.u.line}` });
    }
    const privateUse = ctx.uses.find((u) => u.filePrivate);
    if (privateUse) {
      verdicts.push({ class: 'secret', confidence: 0.2, reason: `used in a private file (${privateUse.file})` });
    }
    return verdicts;
  },
};

export default context;
