// A text detector: a provider or key-file format found anywhere in a text (a file, or a data
// value). Each lives in rules/ as a rule module that also exports its detector and the samples it
// is tested on; `detectorRule` makes the rule that judges data values with it and carries the
// detector, so the one registry (rules/index.ts) hands both to the scan.
import type { DetectorHit, Rule, TextDetector } from './types.js';

export type { DetectorHit, TextDetector } from './types.js';

/** Examples a detector must find (`secret`) and must not (`harmless`), kept beside it in its module. */
export interface DetectorSamples {
  secret: string[];
  harmless: string[];
}

/** The rule for data values: definitive (0.97), like the provider patterns. */
export function detectorRule(d: TextDetector, description: string): Rule {
  return {
    id: d.id,
    description,
    judges: 'data',
    detector: d,
    evaluate(ctx) {
      if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
      if (!ctx.valueString.includes(d.hint) || d.find(ctx.valueString).length === 0) return null;
      return { class: 'secret', confidence: 0.97, reason: `value has the format of a ${d.label}` };
    },
  };
}

/** All matches of a global regex, optionally filtered. */
export function regexHits(text: string, re: RegExp, accept?: (match: string) => boolean): DetectorHit[] {
  const out: DetectorHit[] = [];
  for (const m of text.matchAll(re)) {
    if (accept && !accept(m[0])) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}
