import type { Rule } from '../src/classify/types.js';
import { knownPatternScan, MULTILINE_PATTERN_RULES } from '../src/classify/patterns.js';

/** Provider formats secretlint's preset lacks (GitLab, Stripe, age secret keys, short private key blocks, …). */
const knownPattern: Rule = {
  id: 'known-pattern',
  judges: 'data',
  description: 'provider token formats beyond the secretlint preset, and private key blocks',
  // Its findings are `known-pattern/<id>`; the private key blocks span lines.
  matches: { formats: ['known-pattern/'], lines: MULTILINE_PATTERN_RULES },
  evaluate(ctx) {
    if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
    const seen = new Set<string>();
    return knownPatternScan(ctx.valueString)
      .filter((h) => !seen.has(h.id) && seen.add(h.id))
      .map((h) => ({ class: 'secret' as const, confidence: 0.97, reason: `value has the format of a ${h.label}` }));
  },
};

export default knownPattern;
