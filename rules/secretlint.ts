import type { Rule, Verdict } from '../src/classify/types.js';
import { describeSecretlintHit, secretlintScan } from '../src/classify/secretlint.js';
import { mayHoldProviderSecret } from '../src/classify/prefilter.js';

/**
 * secretlint's recommended preset (AWS, GitHub, Slack, private keys, basic auth, …) over the value.
 * The value is linted as `name = value` so that context-needing rules (AWS secret access key) see
 * their keyword; only matches inside the value count.
 */
const secretlint: Rule = {
  id: 'secretlint',
  judges: 'data',
  description: "secretlint's recommended preset (provider token formats)",
  async evaluate(ctx) {
    if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
    const value = ctx.valueString;
    const prefix = `${ctx.name.replace(/[\r\n]/g, '')} = `;
    if (!mayHoldProviderSecret(prefix + value)) return null;
    const hits = await secretlintScan(prefix + value);
    const verdicts: Verdict[] = [];
    for (const hit of hits) {
      if (hit.end <= prefix.length) continue;
      verdicts.push({ class: 'secret', confidence: 0.99, reason: describeSecretlintHit(hit) });
    }
    return verdicts;
  },
};

export default secretlint;
