// Pathological inputs must not make any detector backtrack catastrophically.
import { classifyVariables, detectLiteralSecrets, makeRuleContext } from '../../src/classify/index.js';
import { builtinRules } from '../../rules/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';

const config = cloneDefaultConfig();
const units = ['a', '{{', 'a.', 'a@', 'ctrl+', '0x', 'a-', '$(', 'a ', '/a', 'aA1', '<', 'a:', '="', 'ssh-rsa AAAA', '-----BEGIN PRIVATE KEY-----', 'key=', 'x'];

test('every rule stays fast on long repetitive values and lines', async () => {
  const t0 = performance.now();
  const ctxs = units.flatMap((u) => [makeRuleContext(['password'], u.repeat(Math.ceil(16384 / u.length)), config), makeRuleContext(['email'], u.repeat(Math.ceil(4000 / u.length)) + '@', config)]);
  await classifyVariables(ctxs, { rules: builtinRules, config });
  for (const u of units) await detectLiteralSecrets('x', `token = "${u.repeat(Math.ceil(20000 / u.length))}"\n`.repeat(3), { rules: builtinRules, config });
  expect(performance.now() - t0).toBeLessThan(10000);
});
