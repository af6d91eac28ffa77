// Precision and recall on generated repos (planted secrets, realistic decoys, ordinary config).
// bench/quality.mjs prints the same figures for a larger sample against dist/.
import * as api from '../../src/classify/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import { measure } from '../../bench/quality-measure.mjs';
import { builtinRules } from '../../rules/index.js';

test('every planted secret is found and no decoy is flagged (40 generated repos)', async () => {
  const result = await measure(api, cloneDefaultConfig(), { repos: 40, seed: 7, rules: builtinRules });
  const { variables: v, literals: l } = result;
  expect({ misses: v.misses, falseAlarms: v.falseAlarms }).toEqual({ misses: [], falseAlarms: [] });
  expect({ misses: l.misses, falseAlarms: l.falseAlarms }).toEqual({ misses: [], falseAlarms: [] });
  expect(v.tp).toBeGreaterThan(150);
  expect(l.tp).toBeGreaterThan(50);
});
