// detectLiteralSecrets: positions, inline allows, template actions, file syntaxes, bounded lines.
import { detectLiteralSecrets } from '../../src/classify/index.js';
import { builtinRules } from '../../rules/index.js';
import { assignmentsIn } from '../../src/classify/literal.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import { fake } from './helpers/fake.js';

const config = cloneDefaultConfig();
const spansOf = (text: string): Array<[number, number]> => [...text.matchAll(/\{\{[\s\S]*?\}\}/g)].map((m) => [m.index!, m.index! + m[0].length]);

test('line and column are 1-based and count code points; end is exclusive', async () => {
  const token = fake.githubToken();
  const text = `# ünïcödé 😀 header\nname = "Rain" # 😀\n😀 gh = ${token}\n`;
  const [f] = await detectLiteralSecrets('x', text, { rules: builtinRules, config });
  expect(f).toMatchObject({ rule: 'secretlint/github', line: 3, column: 8, endLine: 3, endColumn: 8 + token.length, value: token, severity: 'error' });
  expect(f!.message).not.toContain(token.slice(4));
});

test('inline allow markers: same line or the line above', async () => {
  const pw = fake.password();
  const text = [
    `password = "${pw}" # chezmoi-sops:allow`,
    '# gitleaks:allow',
    `db_password = "${pw}"`,
    `smtp_password = "${pw}" # pragma: allowlist secret`,
    '',
    `backup_password = "${pw}"`,
  ].join('\n');
  const findings = await detectLiteralSecrets('x', text, { rules: builtinRules, config });
  expect(findings.map((f) => f.line)).toEqual([6]);
});

test('template actions are never secrets, whatever they contain', async () => {
  const text = [
    'password = {{ .secrets.db_password | quote }}',
    'token: "{{ onepasswordRead "op://vault/item/token" }}"',
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    '{{ .ssh.private_key }}',
    '-----END OPENSSH PRIVATE KEY-----',
    `api_key = "{{ (bitwarden "item" "x").login.password }}"`,
  ].join('\n');
  expect(await detectLiteralSecrets('x.tmpl', text, { rules: builtinRules, config, skipSpans: spansOf(text) })).toEqual([]);
});

test('keybindings, env references, placeholders and code are not literals', async () => {
  const text = [
    '"key": "ctrl+shift+down",',
    'password = os.getenv("DB_PASSWORD")',
    'token = ${GITHUB_TOKEN}',
    'export API_TOKEN=$(pass show api/token)',
    'password: changeme',
    'api_key = "<your-api-key>"',
    'secret_key = settings.SECRET_KEY',
    'password_command = "pass show mail/work"',
    'signingkey = 0xA1B2C3D4E5F60718',
  ].join('\n');
  expect(await detectLiteralSecrets('x', text, { rules: builtinRules, config })).toEqual([]);
});

test('rules switched off in the config do not report', async () => {
  const text = `db_password = "${fake.password()}"\ngh = ${fake.githubToken()}\n`;
  const off = { ...config, rules: { 'name-keyword': false, secretlint: false, entropy: false } };
  expect(await detectLiteralSecrets('x', text, { rules: builtinRules, config: off })).toEqual([]);
  expect((await detectLiteralSecrets('x', text, { rules: builtinRules, config })).map((f) => f.rule)).toEqual(['name-keyword', 'secretlint/github']);
});

test('ignored paths are skipped', async () => {
  const text = `gh = ${fake.githubToken()}\n`;
  const cfg = { ...config, ignorePaths: ['vendor/', '*.lock'] };
  expect(await detectLiteralSecrets('vendor/a/b.txt', text, { rules: builtinRules, config: cfg })).toEqual([]);
  expect(await detectLiteralSecrets('dot_x', text, { rules: builtinRules, config: cfg })).toHaveLength(1);
});

test('assignment syntaxes', () => {
  expect(assignmentsIn('export FOO_TOKEN="abc def"').map((a) => [a.key, a.value])).toEqual([['FOO_TOKEN', 'abc def']]);
  expect(assignmentsIn('  "api_key": "v1", "b": 2').map((a) => [a.key, a.value])).toEqual([['api_key', 'v1'], ['b', '2']]);
  expect(assignmentsIn('token: abc # comment').map((a) => a.value)).toEqual(['abc']);
  expect(assignmentsIn('url: https://example.com')).toHaveLength(1);
  expect(assignmentsIn('see https://example.com:8080/x')).toEqual([]);
  expect(assignmentsIn('description: a sentence with words')).toEqual([]);
});

test('a huge single line is bounded, not backtracked', async () => {
  const line = 'a = "' + 'x='.repeat(400_000) + '"';
  const t0 = performance.now();
  await detectLiteralSecrets('big.json', line, { rules: builtinRules, config });
  expect(performance.now() - t0).toBeLessThan(5000);
});

test('binary text (NUL) is not scanned', async () => {
  expect(await detectLiteralSecrets('x.bin', `\0gh = ${fake.githubToken()}`, { rules: builtinRules, config })).toEqual([]);
});

test('concurrent calls do not disturb each other (no shared regex state across awaits)', async () => {
  const a = `"CONTEXT7_API_KEY" = "CONTEXT7_API_KEY"\n`.repeat(20) + `db_password = "${fake.password()}"\n`;
  const b = `{\n  "client_secret": "${fake.base64Secret()}",\n  "x": 1\n}\n`;
  const results = await Promise.all([a, b, a, b, a, b].map((t, i) => detectLiteralSecrets(`f${i}`, t, { rules: builtinRules, config })));
  expect(results.map((r) => r.map((f) => f.line))).toEqual([[21], [2], [21], [2], [21], [2]]);
});

test('credentials in URLs', async () => {
  const text = ['[remote "origin"]', '  url = https://rain:Zk29fjQ0wPq@git.example.com/dots.git', 'feed = "https://example.com/rss?key=Zk29fjQ0wPqL"', 'home = https://example.com/?q=dotfiles'].join('\n');
  const findings = await detectLiteralSecrets('dot_gitconfig', text, { rules: builtinRules, config });
  expect(findings.map((f) => [f.line, f.rule])).toEqual([[2, expect.stringMatching(/^(secretlint\/basicauth|url-credentials)$/)], [3, 'url-credentials']]);
});

test('bearer tokens, JWTs and --flag=value', async () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1rwW1gFWFOEjXk8';
  const text = [
    `curl -H "Authorization: Bearer ${fake.base64Secret().replace(/[+/]/g, 'x')}" https://api.example.com`,
    `curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com`,
    'curl -H "Authorization: Bearer {{ .token }}" https://api.example.com',
    `session = ${jwt}`,
    `restic backup --password=${fake.password().replace(/[#&*!%]/g, 'k')} /home`,
  ].join('\n');
  const findings = await detectLiteralSecrets('dot_x.tmpl', text, { rules: builtinRules, config, skipSpans: spansOf(text) });
  expect(findings.map((f) => [f.line, f.rule])).toEqual([[1, 'known-pattern/bearer-token'], [4, 'known-pattern/jwt'], [5, 'name-keyword']]);
});

test('in code files an unquoted identifier is code, elsewhere it is the value', async () => {
  const text = 'interface S { session: ClientHttp2Session; privateKey: Uint8Array }\nconst token = makeToken2;\n';
  expect(await detectLiteralSecrets('dot_config/app/types.d.ts', text, { rules: builtinRules, config })).toEqual([]);
  expect(await detectLiteralSecrets('dot_config/nvim/init.lua', 'local token = M.token2x\n', { rules: builtinRules, config })).toEqual([]);
  const ini = await detectLiteralSecrets('dot_config/app/app.ini', 'token = Zk29fjQ0wPqL\n', { rules: builtinRules, config });
  expect(ini.map((f) => f.value)).toEqual(['Zk29fjQ0wPqL']);
});

test('a base64 digest named as a hash is not an entropy finding', async () => {
  const text = 'Public-Key-Pins: pin-sha256="WoiWRyIOVNa9ihaBciRSC7XHjliYS9VwUGOIud4PB18="; max-age=0\nblob = "WoiWRyIOVNa9ihaBciRSC7XHjliYS9VwUGOIud4PB18="\n';
  expect((await detectLiteralSecrets('notes.txt', text, { rules: builtinRules, config })).map((f) => [f.line, f.rule])).toEqual([[2, 'entropy']]);
});

test('space-separated password lines (msmtprc, mbsyncrc, netrc)', async () => {
  const text = [
    'account personal',
    'host smtp.example.com',
    'password Zk29fjQ0wPq',
    'passwordeval "pass show mail"',
    'Pass   "Kq8vX2mLp9x"',
    'PassCmd "pass show mbsync"',
    'machine api.example.com login rain password Tr0ub4dor3x',
    'password {{ .mail.password }}',
    '# the password manager is pass',
  ].join('\n');
  const findings = await detectLiteralSecrets('private_dot_msmtprc.tmpl', text, { rules: builtinRules, config, skipSpans: spansOf(text) });
  expect(findings.map((f) => [f.line, f.value])).toEqual([[3, 'Zk29fjQ0wPq'], [5, 'Kq8vX2mLp9x'], [7, 'Tr0ub4dor3x']]);
});

describe('current provider key formats', () => {
  it('finds OpenAI project keys and Anthropic keys that secretlint does not know', async () => {
    const { defaultConfig } = await import('../../src/config/index.js');
    const { detectLiteralSecrets } = await import('../../src/classify/index.js');
    const text = 'alias ai="OPENAI=sk-proj-Hf8Kq2Vx7Lm3Np9Rt4Wz6Yb1Cd5Ge0Jk llm"\nexport ANTHROPIC=sk-ant-api03-Qm3Rt8Vw2Yz5Bn7Kc4Xp1Lh9Fa6Dk0Sj2Wu8Hf8Kq2Vx7\n';
    const found = await detectLiteralSecrets('dot_aliases', text, { rules: builtinRules, config: defaultConfig });
    expect(found.map((f) => [f.rule, f.line])).toEqual([['known-pattern/openai-key', 1], ['known-pattern/anthropic-key', 2]]);
  });
});
