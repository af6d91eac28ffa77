// The pieces behind the precision grader, one shape at a time (synthetic values).
import { codeOrPlaceholder, isExamplePassword, urlCredentialIsFiller } from '../../src/classify/code-expression.js';
import { fileKind, gitattributesMatcher } from '../../src/classify/file-kind.js';
import { encodedPrivateKey, isPasswordHash, publicMaterial } from '../../src/classify/public-material.js';
import { hasVerifiedToken, isVerifiedToken, tokenChecksum } from '../../src/classify/verified-token.js';
import { findSplitCredentials } from '../../src/classify/split-credential.js';
import { fakeString } from './helpers/fake.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

test('a GitHub/npm token is verified by its CRC32 checksum; one changed character breaks it', () => {
  const body = fakeString(201, ALNUM, 30);
  const token = `ghp_${body}${tokenChecksum(body)}`;
  expect(isVerifiedToken(token)).toBe(true);
  expect(hasVerifiedToken(`x = "${token}"`)).toBe(true);
  const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
  expect(isVerifiedToken(flipped)).toBe(false);
  expect(isVerifiedToken(`npm_${body}${tokenChecksum(body)}`)).toBe(true);
});

test.each([
  ['AKIAI44QH8DHBEXAMPLE', '', 'documented-example'],
  ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key', 'documented-example'],
  [Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB' + fakeString(202, ALNUM, 200) + '\n-----END CERTIFICATE-----\n').toString('base64'), 'certificate-authority-data', 'public-block'],
  ['pk_live_' + fakeString(203, ALNUM, 24), 'STRIPE_KEY', 'publishable-key'],
  [Array.from({ length: 8 }, (_, i) => fakeString(204 + i, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 7)).join('-'), 'device_id', 'syncthing-device-id'],
  ['sha512-' + fakeString(212, ALNUM + '+/', 86) + '==', 'integrity', 'integrity-hash'],
  ['MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwOg==', 'auth', 'null-guid-auth'],
  [fakeString(213, '0123456789ABCDEF', 40), 'pgp_default_key', 'gpg-key-id'],
  [Buffer.from(fakeString(214, ALNUM, 32)).toString('base64').slice(0, 43) + '=', 'PublicKey', 'wireguard-public-key'],
  ['toolu_01' + fakeString(215, ALNUM, 22), 'id', 'ai-log-id'],
  ['MyS3cr37P450r.*-', 'API_PASSWORD', 'documented-example'],
])('public material: %s under %s is %s', (value, name, kind) => {
  expect(publicMaterial(value, name)?.kind).toBe(kind);
});

test('a WireGuard key under PrivateKey, a hex key under api_key, a random token: not public', () => {
  const wg = Buffer.from(fakeString(216, ALNUM, 32)).toString('base64');
  expect(publicMaterial(wg, 'PrivateKey')).toBeNull();
  expect(publicMaterial(fakeString(217, '0123456789abcdef', 40), 'api_key')).toBeNull();
  expect(publicMaterial(fakeString(218, ALNUM, 32), 'token')).toBeNull();
});

test('a base64 PEM private key is recognised as such; crypt hashes are hashes', () => {
  const pem = `-----BEGIN EC PRIVATE KEY-----\n${fakeString(219, ALNUM, 120)}\n-----END EC PRIVATE KEY-----\n`;
  expect(encodedPrivateKey(Buffer.from(pem).toString('base64'))).toBe(true);
  expect(encodedPrivateKey(Buffer.from('-----BEGIN CERTIFICATE-----\n' + fakeString(220, ALNUM, 120)).toString('base64'))).toBe(false);
  expect(isPasswordHash('$6$' + fakeString(221, ALNUM, 16) + '$' + fakeString(222, ALNUM, 86))).toBe(true);
  expect(isPasswordHash('$$2y$$10$$' + fakeString(223, ALNUM, 53))).toBe(true);
  expect(isPasswordHash(fakeString(224, ALNUM, 20))).toBe(false);
});

test.each([
  ['$(existing_keyfile_psk '], ['${txtbold}${txtgreen}'], ['$SCRIPT_DIR/bws_token.age'], ['{env:OPENAI_API_KEY}'], ['{INSERT_GITHUB_PAT_HERE}'],
  ['sk-...'], ['--offline'], ['minutes=10'], ['keepassxc/keepassxc.token'], ['anonymous@'], ['values.'], ['#{pane_current_path}'],
])('code or placeholder: %s', (value) => {
  expect(codeOrPlaceholder(value)).not.toBeNull();
});

test('a password with %, # or a $-free mix is not code; an identifier is code only in code and unquoted', () => {
  expect(codeOrPlaceholder('a%bc%D9#xZ' + fakeString(225, ALNUM, 8))).toBeNull();
  expect(codeOrPlaceholder('refreshToken')).toBeNull();
  expect(codeOrPlaceholder('refreshToken', { code: true })).not.toBeNull();
  expect(codeOrPlaceholder('refreshToken', { code: true, quoted: true })).toBeNull();
  expect(codeOrPlaceholder('usage?.tokens', { code: true })).not.toBeNull();
});

test('default and example passwords read as words; generated and chosen ones do not', () => {
  for (const v of ['s0m3g00dp4ssw0rd', 'adminPas$word', 'PasswordGoesHere', 'password8388**', 'AnsibleTest999', 'hunter2']) expect([v, isExamplePassword(v)]).toEqual([v, true]);
  for (const v of [fakeString(228, ALNUM, 16), 'Betelgeuse888#!', 'cJ8wb-dwenr-TtPjX-syDF2-PR3b5', 'passwords']) expect([v, isExamplePassword(v)]).toEqual([v, false]);
});

test('URL credentials that are variables or documentation syntax', () => {
  expect(urlCredentialIsFiller('postgres://$user:$password@db:5432/x')).toBe(true);
  expect(urlCredentialIsFiller('postgresql://[user[:password]@][netloc]')).toBe(true);
  expect(urlCredentialIsFiller(`postgres://app:${fakeString(226, ALNUM, 16)}@db:5432/x`)).toBe(false);
});

test('file kinds by name, path, content and .gitattributes (last match wins, -linguist-vendored unsets)', () => {
  expect(fileKind('package-lock.json')?.kind).toBe('lock-file');
  expect(fileKind('dot_config/nvim/lazy-lock.json')?.kind).toBe('lock-file');
  expect(fileKind('x/deps.json', '{\n  "name": "x",\n  "lockfileVersion": 3\n}')?.kind).toBe('lock-file');
  expect(fileKind('dot_oh-my-zsh/plugins/git/git.plugin.zsh')?.kind).toBe('vendored');
  expect(fileKind('dot_oh-my-zsh/custom/aliases.zsh')).toBeNull();
  expect(fileKind('dot_obsidian/plugins/x/main.js')?.kind).toBe('vendored');
  expect(fileKind('dot_obsidian/plugins/x/data.json')).toBeNull();
  expect(fileKind('private_dot_config/npm/npmrc')).toBeNull();
  expect(fileKind('dot_claude/file-history/abc/def@v1')?.kind).toBe('app-state');
  expect(fileKind('dot_idea/workspace.xml')?.kind).toBe('app-state');
  expect(fileKind('big.json', '{"a":"' + 'x'.repeat(70_000) + '"}')?.kind).toBe('machine-written');
  const attrs = gitattributesMatcher([{ dir: '', text: 'third_party/** linguist-vendored\nthird_party/mine/** -linguist-vendored\n*.gen.conf linguist-generated=true\n' }]);
  expect(fileKind('third_party/lib/a.py', undefined, attrs)?.kind).toBe('vendored');
  expect(fileKind('third_party/mine/b.py', undefined, attrs)).toBeNull();
  expect(fileKind('deep/x.gen.conf', undefined, attrs)?.kind).toBe('generated');
});

test('split credentials: joined parts must form a provider token; each part alone is not one', () => {
  const body = fakeString(227, ALNUM, 30);
  const token = `ghp_${body}${tokenChecksum(body)}`;
  const text = `A="${token.slice(0, 15)}"\nexport B=${token.slice(15)}\nexport GITHUB_TOKEN="$A$B"\n`;
  const [split] = findSplitCredentials(text);
  expect(split!.parts.map((p) => [p.name, p.line, p.value])).toEqual([['A', 1, token.slice(0, 15)], ['B', 2, token.slice(15)]]);
  expect(split!.parts[1]!.column).toBe('export B='.length + 1);
  expect(findSplitCredentials('A=foo\nB=bar\nX="$A$B"\n')).toEqual([]);
});

// Shapes the real corpus showed once strong key names made any value a secret (bench/real, main after issue 14).
test.each([
  ['manager**'], ['managers**'], ['source**:'], ['Manager.”'], ['manager’s'], ['manager?**'],
  ['必须是唯一的，默认为'], ['│────▶│'], ['cur_pass'], ['existing_psk'], ['router_pppoe_password'], ['nopasswd'],
  ['ADGUARDHOMEPASSWORD'], ['AGE-SECRET'], ['sk-xxx'], ['gho_xxxx'], ['glpat-xxxx'], ['--prompt='], ['feh.desktop'], ['120.00s'],
])('in a file, not a value: %s', (value) => {
  expect(codeOrPlaceholder(value, { file: true })).not.toBeNull();
});

test('the file-only shapes leave credentials alone, and template data keeps its values', () => {
  for (const v of [fakeString(229, ALNUM, 24), 'castai_v1_' + fakeString(230, '0123456789abcdef', 64), 'Sunshine42', 'amber.falcon.river', 'dev-teal-db-password-2031', 'a1b2c3d4-' + fakeString(231, '0123456789abcdef', 12)]) {
    expect([v, codeOrPlaceholder(v, { file: true })]).toEqual([v, null]);
  }
  expect(codeOrPlaceholder('cur_pass')).toBeNull();
  expect(codeOrPlaceholder('publication', { file: true, code: true })).not.toBeNull();
  expect(codeOrPlaceholder('publication', { file: true, code: true, quoted: true })).toBeNull();
  expect(isExamplePassword('MotDePasse')).toBe(true);
  expect(publicMaterial('doubleblah', 'http-proxy-password')?.kind).toBe('documented-example');
});

test('plugin and language-server checkouts outside the well-known managers are vendored', () => {
  expect(fileKind('dot_omz-custom/themes/powerlevel10k/internal/wizard.zsh')?.kind).toBe('vendored');
  expect(fileKind('dot_omz-custom/aliases.zsh')).toBeNull();
  expect(fileKind('dot_config/nvim/lua/custom/lua-language-server/changelog.md')?.kind).toBe('vendored');
});

test('instructions, repeated characters and archived plist data are not values; a word of its own key is a default', () => {
  for (const v of ['replace_with_lengthy_secure_hex', 'HHHH-HHHHHHHH-HHHHHHHH-HHHHH', 'abc123def456']) expect([v, codeOrPlaceholder(v, { file: true })]).toEqual([v, expect.any(String)]);
  expect(publicMaterial('YnBsaXN0MDDUAQIDBAUG' + fakeString(232, ALNUM, 120))?.kind).toBe('plist-data');
});
