// The quality contract: decoys (random-looking but harmless) never come out secret; planted secrets
// always do, as template data and as literals in files.
import { classifyVariables, detectLiteralSecrets, makeRuleContext } from '../../src/classify/index.js';
import { builtinRules } from '../../rules/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import { fake } from './helpers/fake.js';

const config = cloneDefaultConfig();

const decoys: Array<[string, string]> = [
  ['commit', '3f786850e387550fdab836ed7e6dc881de23001b'],
  ['plugin_rev', '9fceb02'],
  ['device_uuid', '123e4567-e89b-12d3-a456-426614174000'],
  ['archive_checksum', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['ssh_pubkey', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl rain@laptop'],
  ['signingkey', 'key::ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'],
  ['gpg_fingerprint', 'ABCDEF0123456789ABCDEF0123456789ABCDEF01'],
  ['signingkey', 'ABCDEF0123456789'],
  ['api_token', 'REPLACEME'],
  ['password', 'changeme'],
  ['github_token', '<your-token>'],
  ['github_token', 'op://Personal/GitHub/token'],
  ['accent_color', '#aabbcc'],
  ['key', 'ctrl+shift+down'],
  ['token', '{{ .secrets.token }}'],
  ['age_recipient', 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p'],
  ['sops_value', 'ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]'],
  ['word_chars', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
  ['token_env', 'GITHUB_TOKEN'],
  ['webhook_url', 'https://example.com/hooks/deploy'],
];

const planted: Array<[string, string]> = [
  ['github_token', fake.githubToken()],
  ['aws_access_key_id', fake.awsKeyId()],
  ['aws_secret_access_key', fake.awsSecret()],
  ['slack_bot', fake.slackToken()],
  ['ssh_private_key', fake.privateKey()],
  ['db_password', fake.password()],
  ['blob', fake.base64Secret()],
];

test('no decoy is classified secret', async () => {
  const out = await classifyVariables(decoys.map(([k, v]) => makeRuleContext([k], v, config)), { rules: builtinRules, config });
  const flagged = out.filter((v) => v.class === 'secret').map((v) => `${v.path.join('.')}: ${v.reasons.map((r) => r.rule).join(',')}`);
  expect(flagged).toEqual([]);
  expect(out.find((v) => v.value.startsWith('op://'))!.class).toBe('reference');
});

test('every planted secret is classified secret', async () => {
  const out = await classifyVariables(planted.map(([k, v]) => makeRuleContext(['secrets', k], v, config)), { rules: builtinRules, config });
  expect(out.filter((v) => v.class !== 'secret').map((v) => v.path.join('.'))).toEqual([]);
});

test('decoys in a file yield no literal finding', async () => {
  const text = decoys.map(([k, v]) => (v.includes(' ') ? `${k} = "${v}"` : `${k}: ${v}`)).join('\n') + '\n';
  const spans: Array<[number, number]> = [...text.matchAll(/\{\{[\s\S]*?\}\}/g)].map((m) => [m.index!, m.index! + m[0].length]);
  expect(await detectLiteralSecrets('dot_config/app.conf', text, { rules: builtinRules, config, skipSpans: spans })).toEqual([]);
});

test('planted literals are found at their value, in every assignment syntax', async () => {
  const forms = [(k: string, v: string) => `${k} = "${v}"`, (k: string, v: string) => `  "${k}": "${v}",`, (k: string, v: string) => `export ${k.toUpperCase()}='${v}'`];
  for (const form of forms) {
    const lines: string[] = ['# header'];
    const expected: Array<{ line: number; column: number }> = [];
    for (const [k, v] of planted) {
      if (v.includes('\n')) {
        expected.push({ line: lines.length + 1, column: 1 });
        lines.push(...v.split('\n'));
        continue;
      }
      const line = form(k, v);
      lines.push(line);
      expected.push({ line: lines.length, column: line.indexOf(v) + 1 });
    }
    const findings = await detectLiteralSecrets('dot_env', lines.join('\n'), { rules: builtinRules, config });
    expect(findings.map((f) => ({ line: f.line, column: f.column }))).toEqual(expected);
    for (const f of findings) expect(planted.map(([, v]) => v)).toContain(f.value);
  }
});
