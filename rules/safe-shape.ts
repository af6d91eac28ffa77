import type { Rule } from '../src/classify/types.js';
import { safeShape } from '../src/classify/shapes.js';

/**
 * Values that look random or key-like but are harmless: git SHAs, checksums, UUIDs, public SSH keys,
 * GPG ids, colours, placeholders, template text, URLs without credentials, paths, numbers.
 * Its `config` verdict outweighs the weaker secret hints (see the combination in src/classify/combine.ts).
 */
const safeShapeRule: Rule = {
  id: 'safe-shape',
  judges: 'both',
  description: 'value has a known harmless shape (SHA, UUID, public key, placeholder, colour, …)',
  evaluate(ctx) {
    if (typeof ctx.value === 'boolean' || typeof ctx.value === 'number' || typeof ctx.value === 'bigint') {
      return { class: 'config', confidence: 0.8, reason: `value is a ${typeof ctx.value}` };
    }
    if (ctx.value === null || ctx.value === undefined) return { class: 'config', confidence: 1, reason: 'value is empty' };
    const shape = safeShape(ctx.valueString, ctx.name);
    if (!shape) return null;
    return { class: 'config', confidence: shape.confidence, reason: `harmless shape: ${shape.label}` };
  },
};

export default safeShapeRule;
