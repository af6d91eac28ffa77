// Each text detector in rules/ carries its own samples: every `secret` sample is found (as a
// literal in a file and as a data value), no `harmless` one is.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectLiteralSecrets, makeRuleContext } from '../../src/classify/index.js';
import { builtinRules } from '../../rules/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import type { DetectorSamples, TextDetector } from '../../src/classify/detector.js';
import type { Rule } from '../../src/classify/types.js';
import { detector as puttyDetector } from '../../rules/putty-private-key.js';
import { detector as openvpnDetector } from '../../rules/openvpn-static-key.js';
import { detector as discordDetector } from '../../rules/discord-token.js';

const config = cloneDefaultConfig();
// Every module of rules/ that exports a detector and its samples: a new one is tested here unasked.
const RULES = join(import.meta.dirname, '..', '..', 'rules');
const modules: Array<{ rule: Rule; detector: TextDetector; samples: DetectorSamples }> = [];
for (const f of readdirSync(RULES).filter((n) => n.endsWith('.ts')).sort()) {
  const m = await import(pathToFileURL(join(RULES, f)).href);
  if (m.detector && m.samples) modules.push({ rule: m.default, detector: m.detector, samples: m.samples });
}

test('every detector is built in, as a rule that carries it', () => {
  expect(modules.map((m) => m.detector.id)).toEqual(['discord-token', 'openvpn-static-key', 'putty-private-key']);
  for (const m of modules) {
    expect(builtinRules).toContain(m.rule);
    expect(m.rule.detector).toBe(m.detector);
    expect(m.rule.id).toBe(m.detector.id);
  }
});

describe.each(modules)('$detector.id', ({ rule, detector, samples }) => {
  test.each(samples.secret)('finds %s', async (text) => {
    const found = await detectLiteralSecrets('dot_config/x.conf', text, { rules: builtinRules, config });
    expect(found.map((f) => f.rule)).toContain(detector.id);
    expect(await rule.evaluate(makeRuleContext(['x'], text, config))).toMatchObject({ class: 'secret' });
  });
  test.each(samples.harmless)('ignores %s', async (text) => {
    expect(detector.find(text)).toEqual([]);
    expect(await rule.evaluate(makeRuleContext(['x'], text, config))).toBeNull();
  });
  test('can be turned off', async () => {
    const off = { ...cloneDefaultConfig(), rules: { [detector.id]: false } };
    const found = await detectLiteralSecrets('dot_config/x.conf', samples.secret[0]!, { rules: builtinRules, config: off });
    expect(found.map((f) => f.rule)).not.toContain(detector.id);
  });
});

test('a detector regex stays linear on a long near-miss', () => {
  const t0 = performance.now();
  puttyDetector.find('PuTTY-User-Key-File-3: ssh-rsa\n' + 'Encryption: none\n'.repeat(2000) + 'AAAA\n'.repeat(20000));
  openvpnDetector.find('-----BEGIN OpenVPN Static key V1-----\n' + '0123456789abcdef0123456789abcdef\n'.repeat(20000));
  discordDetector.find('M'.repeat(200000));
  expect(performance.now() - t0).toBeLessThan(5000);
});
