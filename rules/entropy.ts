import type { Rule } from '../src/classify/types.js';
import { highEntropy } from '../src/classify/entropy.js';
import { safeShape } from '../src/classify/shapes.js';

/** A single high-entropy token (base64 or hex alphabet) above the configured thresholds. */
const entropy: Rule = {
  id: 'entropy',
  judges: 'both',
  description: "high Shannon entropy over the base64 or hex alphabet (detect-secrets' thresholds by default)",
  evaluate(ctx) {
    if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
    const value = ctx.valueString.trim();
    if (/\s/.test(value)) return null;
    const shape = safeShape(value, ctx.name);
    if (shape && shape.confidence >= 0.5) return null;
    const hit = highEntropy(value, ctx.config.entropy);
    if (!hit) return null;
    return {
      class: 'secret',
      confidence: hit.charset === 'base64' ? 0.7 : 0.6,
      reason: `high-entropy ${hit.charset} string (${hit.entropy.toFixed(2)} bits/char > ${hit.threshold})`,
    };
  },
};

export default entropy;
