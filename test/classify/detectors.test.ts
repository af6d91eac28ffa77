// Each text detector in rules/ carries its own samples: every `secret` sample is found (as a
// literal in a file and as a data value), no `harmless` one is.
import discord, { detector as discordDetector, samples as discordSamples } from '../../rules/discord-token.js';
import openvpn, { detector as openvpnDetector, samples as openvpnSamples } from '../../rules/openvpn-static-key.js';
import putty, { detector as puttyDetector, samples as puttySamples } from '../../rules/putty-private-key.js';
import { detectLiteralSecrets, makeRuleContext } from '../../src/classify/index.js';
import { builtinRules } from '../../rules/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';

const config = cloneDefaultConfig();
const modules = [
  { rule: discord, detector: discordDetector, samples: discordSamples },
  { rule: openvpn, detector: openvpnDetector, samples: openvpnSamples },
  { rule: putty, detector: puttyDetector, samples: puttySamples },
];

test('every detector is built in, as a rule and for literal detection', () => {
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
