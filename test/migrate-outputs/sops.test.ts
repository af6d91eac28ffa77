// The built-in sops writer, checked by an independent decoder written here from the format's
// description (age CLI for the data key, node:crypto for AES-256-GCM and the SHA-512 MAC).
import { execFileSync } from 'node:child_process';
import { createDecipheriv, createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readSopsSecrets, writeSopsSecrets, SopsFormatError } from '../../src/migrate/sops/index.js';
import { sopsIndex } from '../../src/migrate/sops/cli.js';
import { sopsMetadataLines } from './sops-metadata.js';
import { requireTool } from '../tools.js';

let dir: string;
let keyFile: string;
let otherKeyFile: string;
let identity: string;
let recipient: string;
let otherRecipient: string;

function keygen(file: string): { identity: string; recipient: string } {
  execFileSync('age-keygen', ['-o', file], { stdio: 'pipe' });
  const text = readFileSync(file, 'utf8');
  return { identity: /AGE-SECRET-KEY-1\S+/.exec(text)![0], recipient: /age1[0-9a-z]+/.exec(text)![0] };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sops-out-'));
  keyFile = join(dir, 'key.txt');
  otherKeyFile = join(dir, 'other.txt');
  ({ identity, recipient } = keygen(keyFile));
  otherRecipient = keygen(otherKeyFile).recipient;
  // The first rule does not match secrets/*.yaml: the writer must pick the second.
  writeFileSync(join(dir, '.sops.yaml'), [
    'creation_rules:',
    '  - path_regex: hosts/.*\\.yaml$',
    `    age: ${otherRecipient}`,
    '  - path_regex: secrets/[^/]+\\.yaml$',
    '    age: >-',
    `      ${recipient},`,
    `      ${otherRecipient}`,
    '  - path_regex: strict/.*',
    `    age: ${recipient}`,
    '    encrypted_regex: ^(data|stringData)$',
    '',
  ].join('\n'));
  mkdirSync(join(dir, 'secrets'));
  // sops looks for .sops.yaml from the working directory (not from the sops file's folder).
  process.chdir(dir);
});
const startDir = process.cwd();
afterAll(() => {
  process.chdir(startDir);
  rmSync(dir, { recursive: true, force: true });
});

type Tree = { [k: string]: Tree | string };

/** Independent sops decoder: returns the plaintext tree and checks the MAC. */
function independentDecode(file: string, ageKeyFile: string, useRecipient = recipient): { values: [string[], string][]; recipients: string[] } {
  const doc = parse(readFileSync(file, 'utf8')) as Tree & { sops: any };
  const meta = doc.sops;
  expect(meta.version).toMatch(/^3\.9\.\d+$/);
  expect(meta.unencrypted_suffix).toBe('_unencrypted');
  expect(meta.lastmodified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const entry = meta.age.find((e: { recipient: string }) => e.recipient === useRecipient);
  const armored = join(dir, 'enc.age');
  writeFileSync(armored, entry.enc);
  // The real age CLI decrypts the data key.
  requireTool('age');
  const dataKey = execFileSync('age', ['-d', '-i', ageKeyFile, armored]);
  expect(dataKey.length).toBe(32);
  const decrypt = (enc: string, aad: string): string => {
    const m = /^ENC\[AES256_GCM,data:([^,]*),iv:([^,]+),tag:([^,]+),type:str\]$/.exec(enc);
    if (!m) throw new Error(`not a sops string value: ${enc.slice(0, 20)}`);
    const iv = Buffer.from(m[2]!, 'base64');
    expect(iv.length).toBe(32);
    const d = createDecipheriv('aes-256-gcm', dataKey, iv);
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(Buffer.from(m[3]!, 'base64'));
    return Buffer.concat([d.update(Buffer.from(m[1]!, 'base64')), d.final()]).toString('utf8');
  };
  const values: [string[], string][] = [];
  const hash = createHash('sha512');
  const walk = (node: Tree, path: string[]): void => {
    for (const [k, v] of Object.entries(node)) {
      if (path.length === 0 && k === 'sops') continue;
      if (typeof v === 'string') {
        const plain = v === '' ? '' : decrypt(v, `${[...path, k].join(':')}:`);
        hash.update(plain);
        values.push([[...path, k], plain]);
      } else walk(v, [...path, k]);
    }
  };
  walk(doc, []);
  expect(decrypt(meta.mac, meta.lastmodified)).toBe(hash.digest('hex').toUpperCase());
  return { values, recipients: meta.age.map((e: { recipient: string }) => e.recipient) };
}

test('sopsIndex quotes each key as sops expects', () => {
  expect(sopsIndex(['github', 'to"ken'])).toBe('["github"]["to\\"ken"]');
});

test('a new file: values encrypted to the matching rule, readable by the real age and an independent decoder', async () => {
  const sopsFile = join(dir, 'secrets', 'dotfiles.yaml');
  const result = await writeSopsSecrets({
    sopsFile,
    values: [
      { key: ['acoustid_api'], value: 'acoustid-KEY-123' },
      { key: ['github', 'token'], value: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
      { key: ['multi'], value: 'line one\nline "two" ünïcode\n' },
    ],
    preferCli: false,
    identities: [identity],
  });
  expect(result).toEqual({ method: 'native', written: [['acoustid_api'], ['github', 'token'], ['multi']] });
  const text = readFileSync(sopsFile, 'utf8');
  expect(text).not.toContain('acoustid-KEY-123');
  expect(text).not.toContain('ghp_');
  expect(statSync(sopsFile).mode & 0o777).toBe(0o600);
  const decoded = independentDecode(sopsFile, keyFile);
  expect(decoded.recipients).toEqual([recipient, otherRecipient]);
  expect(decoded.values).toEqual([
    [['acoustid_api'], 'acoustid-KEY-123'],
    [['github', 'token'], 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    [['multi'], 'line one\nline "two" ünïcode\n'],
  ]);
  // The second recipient opens it too.
  expect(independentDecode(sopsFile, otherKeyFile, otherRecipient).values).toHaveLength(3);
  expect(text.indexOf('sops:')).toBeGreaterThan(text.indexOf('multi:'));
});

test('merging keeps the old values, replaces a changed one, adds new keys before the metadata', async () => {
  const sopsFile = join(dir, 'secrets', 'merge.yaml');
  await writeSopsSecrets({ sopsFile, values: [{ key: ['a'], value: 'one' }, { key: ['github', 'token'], value: 'old' }], preferCli: false, identities: [identity] });
  const before = readFileSync(sopsFile, 'utf8');
  const aLine = before.split('\n').find((l) => l.startsWith('a: '));
  await writeSopsSecrets({
    sopsFile,
    values: [{ key: ['github', 'token'], value: 'new' }, { key: ['github', 'user'], value: 'rain' }, { key: ['z'], value: 'last' }],
    preferCli: false,
    identities: [identity],
  });
  const after = readFileSync(sopsFile, 'utf8');
  expect(after.split('\n')).toContain(aLine); // untouched values keep their ciphertext
  expect(independentDecode(sopsFile, keyFile).values).toEqual([
    [['a'], 'one'], [['github', 'token'], 'new'], [['github', 'user'], 'rain'], [['z'], 'last'],
  ]);
  expect(after.indexOf('\nsops:')).toBeGreaterThan(after.indexOf('\nz:'));
  expect(await readSopsSecrets(sopsFile, [identity])).toEqual([
    { key: ['a'], value: 'one' }, { key: ['github', 'token'], value: 'new' }, { key: ['github', 'user'], value: 'rain' }, { key: ['z'], value: 'last' },
  ]);
});

test('merging without an identity, or into a tampered file, fails clearly', async () => {
  const sopsFile = join(dir, 'secrets', 'guarded.yaml');
  await writeSopsSecrets({ sopsFile, values: [{ key: ['a'], value: 'one' }, { key: ['b'], value: 'two' }], preferCli: false, identities: [identity] });
  await expect(writeSopsSecrets({ sopsFile, values: [{ key: ['c'], value: 'x' }], preferCli: false, identities: [] }))
    .rejects.toThrow(/no age identity to decrypt the data key: set SOPS_AGE_KEY_FILE/);
  // Swap the two ciphertexts: each still decrypts only under its own path, so this must fail.
  const text = readFileSync(sopsFile, 'utf8');
  const a = /^a: (.*)$/m.exec(text)![1]!;
  const b = /^b: (.*)$/m.exec(text)![1]!;
  writeFileSync(sopsFile, text.replace(`a: ${a}`, `a: ${b}`).replace(`b: ${b}`, `b: ${a}`));
  await expect(readSopsSecrets(sopsFile, [identity])).rejects.toThrow(SopsFormatError);
  // Drop a value: the MAC no longer matches.
  writeFileSync(sopsFile, text.replace(/^b: .*\n/m, ''));
  await expect(readSopsSecrets(sopsFile, [identity])).rejects.toThrow(/MAC mismatch/);
});

test('refuses keys the creation rule would leave unencrypted, and files with no matching rule', async () => {
  await expect(writeSopsSecrets({ sopsFile: join(dir, 'strict', 's.yaml'), values: [{ key: ['token'], value: 'x' }], preferCli: false, identities: [identity] }))
    .rejects.toThrow(/token would be stored unencrypted/);
  await expect(writeSopsSecrets({ sopsFile: join(dir, 'elsewhere', 's.json'), values: [{ key: ['t'], value: 'x' }], preferCli: false, identities: [identity] }))
    .rejects.toThrow(/no creation rule matches elsewhere\/s.json/);
});

test('plaintext output only on request, mode 0600', async () => {
  const plaintextOut = join(dir, 'plain.yaml');
  await writeSopsSecrets({ sopsFile: join(dir, 'secrets', 'p.yaml'), values: [{ key: ['github', 'token'], value: 'v' }], preferCli: false, identities: [identity], plaintextOut });
  expect(parse(readFileSync(plaintextOut, 'utf8'))).toEqual({ github: { token: 'v' } });
  expect(statSync(plaintextOut).mode & 0o777).toBe(0o600);
});

test('a hand-made sops file with encrypted comments, lists, typed and unencrypted values is read and merged', async () => {
  // Written here from the format's description, with the data key wrapped by the real age CLI.
  const { randomBytes, createCipheriv, createHash: sha } = await import('node:crypto');
  const dataKey = randomBytes(32);
  const enc = (plain: string, type: string, aad: string): string => {
    const iv = randomBytes(32);
    const c = createCipheriv('aes-256-gcm', dataKey, iv);
    c.setAAD(Buffer.from(aad));
    const data = Buffer.concat([c.update(plain), c.final()]);
    return `ENC[AES256_GCM,data:${data.toString('base64')},iv:${iv.toString('base64')},tag:${c.getAuthTag().toString('base64')},type:${type}]`;
  };
  const keyFileIn = join(dir, 'datakey.bin');
  writeFileSync(keyFileIn, dataKey);
  requireTool('age');
  const armored = execFileSync('age', ['-r', recipient, '-a', keyFileIn], { encoding: 'utf8' });
  const lastmodified = '2024-05-01T10:00:00Z';
  const mac = sha('sha512').update('ipsum').update('a').update('b').update('8080').update('True').update('hello').update('3').digest('hex').toUpperCase();
  const text = [
    `#${enc(' a comment', 'comment', ':')}`,
    `name: ${enc('ipsum', 'str', 'name:')}`,
    'list:',
    `    - ${enc('a', 'str', 'list:')}`,
    `    - ${enc('b', 'str', 'list:')}`,
    `port: ${enc('8080', 'int', 'port:')}`,
    `flag: ${enc('True', 'bool', 'flag:')}`,
    'note_unencrypted: hello',
    'nested:',
    '    count_unencrypted: 3',
    ...sopsMetadataLines({ recipient, armored, lastmodified, encryptedMac: enc(mac, 'str', lastmodified), version: '3.8.1' }),
    '',
  ].join('\n');
  const sopsFile = join(dir, 'secrets', 'handmade.yaml');
  writeFileSync(sopsFile, text);
  expect(await readSopsSecrets(sopsFile, [identity])).toEqual([
    { key: ['name'], value: 'ipsum' }, { key: ['list'], value: 'a' }, { key: ['list'], value: 'b' },
    { key: ['port'], value: '8080' }, { key: ['flag'], value: 'True' },
    { key: ['note_unencrypted'], value: 'hello' }, { key: ['nested', 'count_unencrypted'], value: '3' },
  ]);
  await writeSopsSecrets({ sopsFile, values: [{ key: ['nested', 'token'], value: 'new' }], preferCli: false, identities: [identity] });
  const merged = readFileSync(sopsFile, 'utf8');
  // Every line but the new value, the MAC/lastmodified lines and the re-indented armored data key
  // (same text, as the YAML value shows) is byte for byte as it was.
  const stable = (t: string): string[] => t.split('\n').filter((l) => !/^ {4}(lastmodified|mac):/.test(l) && !l.startsWith('    token:') && !/^ {12}/.test(l));
  expect(stable(merged)).toEqual(stable(text));
  expect((parse(merged) as any).sops.age[0].enc).toBe(armored);
  expect((await readSopsSecrets(sopsFile, [identity])).at(-1)).toEqual({ key: ['nested', 'token'], value: 'new' });
});
