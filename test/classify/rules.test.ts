// Unit tests of each built-in rule on its own.
import nameKeyword from '../../rules/name-keyword.js';
import safeShapeRule from '../../rules/safe-shape.js';
import entropy from '../../rules/entropy.js';
import context from '../../rules/context.js';
import reference from '../../rules/reference.js';
import personalData from '../../rules/personal-data.js';
import secretlint from '../../rules/secretlint.js';
import knownPattern from '../../rules/known-pattern.js';
import { makeRuleContext } from '../../src/classify/index.js';
import { keywordIn } from '../../src/classify/keywords.js';
import { shannonEntropy } from '../../src/classify/entropy.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import type { Rule, Verdict, VariableUse } from '../../src/classify/types.js';
import { fake } from './helpers/fake.js';

const config = cloneDefaultConfig();
const use = (lineText: string, column: number, extra: Partial<VariableUse> = {}): VariableUse => ({
  file: 'dot_x.tmpl', line: 1, column, lineText, flowsInto: [], filePrivate: false, targetPath: null, ...extra,
});
async function run(rule: Rule, name: string | string[], value: unknown, uses: VariableUse[] = []): Promise<Verdict[]> {
  const path = Array.isArray(name) ? name : [name];
  const r = await rule.evaluate(makeRuleContext(path, value, config, { uses }));
  return r == null ? [] : Array.isArray(r) ? r : [r];
}
const classes = (vs: Verdict[]) => vs.map((v) => v.class);

describe('name-keyword', () => {
  test.each([
    ['db_password', 'hunter2x'],
    ['githubToken', 'abc123def'],
    ['api_key', 'Z9y8X7w6'],
    ['clientSecret', 'S3cr3tV4lue'],
    ['acoustid_api', 'Xt8kPq2mZr'],
    ['session_cookie', 'aGVsbG8xMjM0NQ'],
  ])('%s is a secret name', async (name, value) => {
    expect(classes(await run(nameKeyword, name, value))).toEqual(['secret']);
  });

  test.each([
    ['token_file', '~/.config/gh/token'],
    ['password_command', 'pass show mail'],
    ['key_id', '0xA1B2C3D4'],
    ['api_url', 'https://api.example.com'],
    ['github_user', 'rain'],
    ['ssh_key_path', '~/.ssh/id_ed25519'],
    ['key', 'ctrl+shift+down'],
    ['auth_method', 'oauth'],
    ['keybindings', 'vim'],
    ['signingkey', 'A1B2C3D4E5F60718'],
    ['public_key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH7 rain@host'],
    ['max_tokens', 4096],
  ])('%s is not judged a secret by its name', async (name, value) => {
    expect(classes(await run(nameKeyword, name, value))).not.toContain('secret');
  });

  test('a few words under a password-like keyword are a passphrase; a sentence is a review', async () => {
    expect(classes(await run(nameKeyword, 'password_hint', 'my first cat'))).toEqual([]); // safe suffix
    expect(classes(await run(nameKeyword, 'passphrase', 'correct horse battery staple'))).toEqual(['secret']);
    expect(classes(await run(nameKeyword, 'secret', 'hunter2 hunter2'))).toEqual(['secret']);
    expect(classes(await run(nameKeyword, 'token', 'see the wiki page on how to get a token'))).toEqual(['review']);
    expect(classes(await run(nameKeyword, 'password', 'your password here'))).toEqual(['review']); // placeholder
  });

  test('keyword strength and suffixes', () => {
    expect(keywordIn('apiKey')).toMatchObject({ strength: 'strong', safeSuffix: null });
    expect(keywordIn('api')).toMatchObject({ strength: 'weak' });
    expect(keywordIn('slack_signing_secret')).toMatchObject({ strength: 'strong' });
    expect(keywordIn('token_path')).toMatchObject({ safeSuffix: 'path' });
    expect(keywordIn('desktop')).toBeNull();
    expect(keywordIn('keyboard_layout')).toBeNull();
  });
});

describe('safe-shape', () => {
  test.each([
    ['commit', '3f786850e387550fdab836ed7e6dc881de23001b', 'git'],
    ['checksum', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'checksum'],
    ['device_id', '123e4567-e89b-12d3-a456-426614174000', 'UUID'],
    ['ssh', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH7q rain@host', 'public SSH key'],
    ['gpg', '0xA1B2C3D4E5F60718', 'GPG key id'],
    ['fpr', 'ABCD 1234 ABCD 1234 ABCD  1234 ABCD 1234 ABCD 1234', 'GPG fingerprint'],
    ['accent', '#aabbcc', 'colour'],
    ['token', 'REPLACEME', 'placeholder'],
    ['token', '<your-token>', 'placeholder'],
    ['password', 'changeme', 'placeholder'],
    ['x', '{{ .secret }}', 'template'],
    ['url', 'https://example.com/a?b=c', 'URL'],
    ['path', '~/.config/app/config.toml', 'path'],
    ['binding', 'ctrl+shift+down', 'key binding'],
    ['recipient', 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p', 'age'],
  ])('%s = %s is harmless (%s)', async (name, value, label) => {
    const vs = await run(safeShapeRule, name, value);
    expect(classes(vs)).toEqual(['config']);
    expect(vs[0]!.reason.toLowerCase()).toContain(label.toLowerCase());
  });

  test('a URL with a password or a token in its query is not a safe shape', async () => {
    expect(await run(safeShapeRule, 'url', 'https://rain:pw1234@example.com/')).toEqual([]);
    expect(await run(safeShapeRule, 'url', 'https://example.com/?access_token=abcdef123456')).toEqual([]);
  });

  test('an ambiguous hex value is only weakly safe unless its name says hash', async () => {
    const [named] = await run(safeShapeRule, 'sha256', 'e3b0c44298fc1c149afbf4c8996fb924');
    const [bare] = await run(safeShapeRule, 'lastfm_api', 'e3b0c44298fc1c149afbf4c8996fb924');
    expect(named!.confidence).toBeGreaterThan(bare!.confidence);
    expect(bare!.confidence).toBeLessThan(0.6);
  });
});

describe('entropy', () => {
  test('detect-secrets thresholds by default', async () => {
    expect(classes(await run(entropy, 'blob', fake.base64Secret()))).toEqual(['secret']);
    expect(await run(entropy, 'blob', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toEqual([]);
    expect(await run(entropy, 'commit', '3f786850e387550fdab836ed7e6dc881de23001b')).toEqual([]); // safe shape
    expect(shannonEntropy('ab')).toBeCloseTo(1);
  });

  test('thresholds come from the config', async () => {
    const strict = { ...config, entropy: { base64: 7.5, hex: 7.5, minLength: 20 } };
    const r = await entropy.evaluate(makeRuleContext(['blob'], fake.base64Secret(), strict));
    expect(r).toBeNull();
  });
});

describe('context', () => {
  test('used after password = in a template', async () => {
    const vs = await run(context, 'x', 'whatever1', [use('password = {{ .x }}', 15)]);
    expect(vs[0]).toMatchObject({ class: 'secret' });
    expect(vs[0]!.reason).toContain('password =');
  });
  test('used after token: and Authorization: Bearer', async () => {
    expect(classes(await run(context, 'x', 'v', [use('  token: "{{ .x }}"', 14)]))).toEqual(['secret']);
    expect(classes(await run(context, 'x', 'v', [use('Authorization: Bearer {{ .x }}', 26)]))).toEqual(['secret']);
  });
  test('a harmless slot or a password_file slot is not a secret slot', async () => {
    expect(await run(context, 'x', 'v', [use('name = {{ .x }}', 11)])).toEqual([]);
    expect(await run(context, 'x', 'v', [use('password_file = {{ .x }}', 20)])).toEqual([]);
  });
  test('a private_ file adds a small weight only', async () => {
    const vs = await run(context, 'x', 'v', [use('name = {{ .x }}', 11, { filePrivate: true })]);
    expect(vs).toHaveLength(1);
    expect(vs[0]!.confidence).toBeLessThan(0.5);
  });
});

describe('reference', () => {
  test('op:// and /run/secrets values', async () => {
    expect(classes(await run(reference, 'github_token', 'op://Personal/GitHub/token'))).toEqual(['reference']);
    expect(classes(await run(reference, 'wifi', '/run/secrets/wifi/psk'))).toEqual(['reference']);
  });
  test('read only through password-manager functions', async () => {
    const uses = [use('{{ onepasswordRead .gh }}', 21, { flowsInto: ['onepasswordRead'] }), use('{{ pass .gh }}', 9, { flowsInto: ['pass', 'trim'] })];
    const vs = await run(reference, 'gh', 'Personal/GitHub', uses);
    expect(vs[0]!.reason).toContain('onepasswordRead');
  });
  test('one plain use is enough to not be a reference', async () => {
    const uses = [use('{{ onepasswordRead .gh }}', 21, { flowsInto: ['onepasswordRead'] }), use('x = {{ .gh }}', 7)];
    expect(await run(reference, 'gh', 'Personal/GitHub', uses)).toEqual([]);
  });
  test('include of a /run/secrets path', async () => {
    const uses = [use('{{ include .p }}', 12, { flowsInto: ['include'], includeArg: '/run/secrets/gh' })];
    expect(classes(await run(reference, 'p', 'gh', uses))).toEqual(['reference']);
  });
});

describe('personal-data', () => {
  test('personal vs no-reply addresses', async () => {
    expect(classes(await run(personalData, 'email', 'rain@example-personal.net'))).toEqual(['review']);
    expect(classes(await run(personalData, 'email', 'Rain <rain@example-personal.net>'))).toEqual(['review']);
    expect(classes(await run(personalData, 'email', '1234+rain@users.noreply.github.com'))).toEqual(['config']);
    expect(await run(personalData, 'url', 'https://u@example.com/x')).toEqual([]);
  });
});

describe('provider detectors', () => {
  test.each([
    ['gh', fake.githubToken()],
    ['slack', fake.slackToken()],
  ])('secretlint finds %s', async (name, value) => {
    const vs = await run(secretlint, name, value);
    expect(classes(vs)).toContain('secret');
    for (const v of vs) expect(v.reason).not.toContain(value.slice(4, 12));
  });
  test('aws secret access key needs its name, which the rule provides', async () => {
    expect(classes(await run(secretlint, 'aws_secret_access_key', fake.awsSecret()))).toContain('secret');
  });
  test('known patterns: AWS key id, private key blocks (secretlint wants parseable keys)', async () => {
    expect(classes(await run(knownPattern, 'k', fake.privateKey()))).toEqual(['secret']);
    expect(classes(await run(knownPattern, 'id', fake.awsKeyId()))).toEqual(['secret']);
    expect(classes(await run(knownPattern, 'k', '-----BEGIN PRIVATE KEY-----\nMIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEA\n-----END PRIVATE KEY-----'))).toEqual(['secret']);
    expect(await run(knownPattern, 'id', 'AKIAIOSFODNN7EXAMPLE')).toEqual([]);
  });
});

describe('url-credentials', () => {
  test('password in user info or token in the query', async () => {
    const { default: urlCredentials } = await import('../../rules/url-credentials.js');
    expect(classes(await run(urlCredentials, 'feed_url', 'https://example.com/feed?token=Zk29fjQ0wPq'))).toEqual(['secret']);
    expect(classes(await run(urlCredentials, 'remote_url', 'https://rain:Zk29fjQ0@git.example.com/x.git'))).toEqual(['secret']);
    expect(await run(urlCredentials, 'remote_url', 'https://rain:{{ .pw }}@git.example.com/x.git')).toEqual([]);
    expect(await run(urlCredentials, 'remote_url', 'https://rain@git.example.com/x.git')).toEqual([]);
    expect(await run(urlCredentials, 'feed_url', 'https://example.com/feed?token=<your-token>')).toEqual([]);
  });
});
