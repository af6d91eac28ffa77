// Issue 16, "Leaks and sops compatibility": behaviour read from sops 3.x and yaml.v3 sources, checked
// with the real age CLI and an independent MAC computed here from the expected Go bytes.
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { readSopsSecrets, writeSopsSecrets } from '../../src/migrate/sops/index.js';
import { goNeedsQuotes, goPlainBytes } from '../../src/migrate/sops/goyaml.js';
import { unifiedDiffs } from '../../src/migrate/diff.js';
import { sopsMetadataLines } from './sops-metadata.js';
import { requireTool } from '../tools.js';

let dir: string;
let identity: string;
let recipient: string;
const startDir = process.cwd();

beforeAll(() => {
  requireTool('age');
  dir = mkdtempSync(join(tmpdir(), 'sops-compat-'));
  const keyFile = join(dir, 'key.txt');
  execFileSync('age-keygen', ['-o', keyFile], { stdio: 'pipe' });
  const text = readFileSync(keyFile, 'utf8');
  identity = /AGE-SECRET-KEY-1\S+/.exec(text)![0];
  recipient = /age1[0-9a-z]+/.exec(text)![0];
  mkdirSync(join(dir, 'repo', 'secrets'), { recursive: true });
  writeFileSync(join(dir, 'repo', '.sops.yaml'), `creation_rules:\n  - age: ${recipient}\n`);
  process.chdir(join(dir, 'repo'));
});
afterAll(() => {
  process.chdir(startDir);
  rmSync(dir, { recursive: true, force: true });
});

describe("plain values typed as yaml.v3 types them, hashed as sops' ToBytes prints them", () => {
  it.each([
    ['2024-01-01', '2024-01-01T00:00:00Z'], ['2024-1-2 3:04:05', '2024-01-02T03:04:05Z'],
    ['2024-01-01T10:00:00.500+01:00', '2024-01-01T10:00:00.5+01:00'], ['2024-02-30', '2024-02-30'],
    ['017', '15'], ['0o17', '15'], ['0x1F', '31'], ['0b11', '3'], ['1_000', '1000'], ['+7', '7'], ['-0', '0'],
    ['08', '8'], ['1e21', '1000000000000000000000'], ['1.50', '1.5'], ['.5', '0.5'], ['1e-7', '0.0000001'],
    ['1e400', '1e400'], ['.inf', '+Inf'], ['true', 'True'], ['FALSE', 'False'], ['yes', 'yes'], ['on', 'on'],
    ['9223372036854775807', '9223372036854775807'], ['hello', 'hello'],
  ])('%s -> %s', (text, bytes) => {
    expect(goPlainBytes(text, 'v')!.toString()).toBe(bytes);
  });
  it('null is skipped, a uint64 beyond int64 is refused as sops refuses it', () => {
    expect(goPlainBytes('~', 'v')).toBeNull();
    expect(() => goPlainBytes('18446744073709551615', 'v')).toThrow(/2\^63/);
  });
});

function enc(dataKey: Buffer, plain: string, type: string, aad: string): string {
  const iv = randomBytes(32);
  const c = createCipheriv('aes-256-gcm', dataKey, iv);
  c.setAAD(Buffer.from(aad));
  const data = Buffer.concat([c.update(plain), c.final()]);
  return `ENC[AES256_GCM,data:${data.toString('base64')},iv:${iv.toString('base64')},tag:${c.getAuthTag().toString('base64')},type:${type}]`;
}

describe('an existing sops file with typed plain values', () => {
  it('is read (no false "MAC mismatch") and merged; untouched values keep their text', async () => {
    const dataKey = randomBytes(32);
    const keyIn = join(dir, 'datakey.bin');
    writeFileSync(keyIn, dataKey);
    const armored = execFileSync('age', ['-r', recipient, '-a', keyIn], { encoding: 'utf8' });
    const lastmodified = '2024-05-01T10:00:00Z';
    // The MAC as sops computes it, from the bytes Go gives these values (written out by hand).
    const goBytes = ['ipsum', '2024-01-01T00:00:00Z', '15', '1000000000000000000000', '1000'];
    const mac = goBytes.reduce((h, b) => h.update(b), createHash('sha512')).digest('hex').toUpperCase();
    const text = [
      `name: ${enc(dataKey, 'ipsum', 'str', 'name:')}`,
      'since_unencrypted: 2024-01-01',
      'mode_unencrypted: 017',
      'big_unencrypted: 1e21',
      'count_unencrypted: 1_000',
      ...sopsMetadataLines({ recipient, armored, lastmodified, encryptedMac: enc(dataKey, mac, 'str', lastmodified), version: '3.9.4' }),
      '',
    ].join('\n');
    const file = join(dir, 'repo', 'secrets', 'typed.yaml');
    writeFileSync(file, text);
    expect((await readSopsSecrets(file, [identity])).map((v) => v.value)).toEqual(['ipsum', ...goBytes.slice(1)]);
    await writeSopsSecrets({ sopsFile: file, values: [{ key: ['token'], value: 'new-value' }], preferCli: false, identities: [identity] });
    const merged = readFileSync(file, 'utf8');
    for (const line of text.split('\n').slice(1, 5)) expect(merged.split('\n')).toContain(line);
    expect((await readSopsSecrets(file, [identity])).find((v) => v.key[0] === 'token')!.value).toBe('new-value');
  });
});

/** Every data key of a YAML text, as the given YAML version reads it (1.1: what sops-nix's check uses). */
function keyTypes(text: string, version: '1.1' | '1.2'): string[] {
  const doc = parseDocument(text, { version });
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!isMap(n)) return;
    for (const p of n.items) {
      out.push(isScalar(p.key) ? typeof p.key.value : 'node');
      walk(p.value);
    }
  };
  walk(doc.contents);
  return out;
}

const AWKWARD_KEYS = ['1_000', '0b11', '2024-01-01', '<<', 'on', 'off', 'yes', 'no', 'y', 'n', 'null', '1e3', '12:30', 'plain'];

describe('keys YAML would read as something else are quoted, as sops writes them', () => {
  it('native YAML writer: every key reads back as a string in YAML 1.2 and 1.1', async () => {
    const file = join(dir, 'repo', 'secrets', 'keys.yaml');
    await writeSopsSecrets({ sopsFile: file, values: AWKWARD_KEYS.map((k) => ({ key: ['k', k], value: `v-${k}` })), preferCli: false, identities: [identity] });
    const text = readFileSync(file, 'utf8');
    for (const k of AWKWARD_KEYS.slice(0, -1)) expect(text).toContain(`"${k}": ENC[`);
    expect(text).toMatch(/^ {4}plain: ENC\[/m);
    expect(keyTypes(text, '1.2').every((t) => t === 'string')).toBe(true);
    expect(keyTypes(text, '1.1').every((t) => t === 'string')).toBe(true);
    expect((await readSopsSecrets(file, [identity])).map((v) => v.key[1])).toEqual(AWKWARD_KEYS);
  });
  it('goNeedsQuotes agrees with yaml.v3 for ordinary names', () => {
    for (const k of ['github', 'token', 'api-key', 'v1.2.3', 'x86_64']) expect(goNeedsQuotes(k)).toBe(false);
  });
});

describe('the store follows the extension', () => {
  it('a .json sops file gets JSON content, readable and mergeable', async () => {
    const file = join(dir, 'repo', 'secrets', 'dotfiles.json');
    await writeSopsSecrets({ sopsFile: file, values: [{ key: ['github', 'token'], value: 'ghp_abc' }], preferCli: false, identities: [identity] });
    const json = JSON.parse(readFileSync(file, 'utf8')) as { github: { token: string }; sops: { age: unknown[]; mac: string; version: string } };
    expect(json.github.token).toMatch(/^ENC\[AES256_GCM,/);
    expect(json.sops.mac).toMatch(/^ENC\[/);
    expect(json.sops.age).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toMatch(/^\{\n\t"github"/);
    await writeSopsSecrets({ sopsFile: file, values: [{ key: ['npm', 'token'], value: 'npm_x' }], preferCli: false, identities: [identity] });
    JSON.parse(readFileSync(file, 'utf8'));
    expect(await readSopsSecrets(file, [identity])).toEqual([{ key: ['github', 'token'], value: 'ghp_abc' }, { key: ['npm', 'token'], value: 'npm_x' }]);
  });
});

describe('.sops.yaml is found as sops finds it', () => {
  afterEach(() => {
    delete process.env.SOPS_CONFIG;
    process.chdir(join(dir, 'repo'));
  });
  it('from the working directory first; the sops file folder only where sops would find none', async () => {
    const other = execFileSync('age-keygen', [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const otherRecipient = /age1[0-9a-z]+/.exec(other)![0];
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(join(elsewhere, 'secrets'), { recursive: true });
    writeFileSync(join(elsewhere, '.sops.yaml'), `creation_rules:\n  - age: ${otherRecipient}\n`);
    const recipientsOf = (file: string) => (parseDocument(readFileSync(file, 'utf8')).toJS() as { sops: { age: { recipient: string }[] } }).sops.age.map((a) => a.recipient);
    // The working directory's .sops.yaml wins, as in sops.
    process.chdir(join(dir, 'repo'));
    const first = join(elsewhere, 'secrets', 'cwd.yaml');
    await writeSopsSecrets({ sopsFile: first, values: [{ key: ['a'], value: 'b' }], preferCli: false, identities: [identity] });
    expect(recipientsOf(first)).toEqual([recipient]);
    // No .sops.yaml from the working directory up: the one above the sops file.
    process.chdir(dir);
    const second = join(elsewhere, 'secrets', 'folder.yaml');
    await writeSopsSecrets({ sopsFile: second, values: [{ key: ['a'], value: 'b' }], preferCli: false, identities: [identity] });
    expect(recipientsOf(second)).toEqual([otherRecipient]);
    // Neither: a clear refusal.
    await expect(writeSopsSecrets({ sopsFile: join(dir, 'none.yaml'), values: [{ key: ['a'], value: 'b' }], preferCli: false, identities: [identity] }))
      .rejects.toThrow(/no \.sops\.yaml found from the working directory or the sops file's folder upwards/);
  });
  it('SOPS_CONFIG names the file', async () => {
    process.chdir(dir);
    process.env.SOPS_CONFIG = join(dir, 'repo', '.sops.yaml');
    const file = join(dir, 'env.yaml');
    await writeSopsSecrets({ sopsFile: file, values: [{ key: ['a'], value: 'b' }], preferCli: false, identities: [identity] });
    expect(await readSopsSecrets(file, [identity])).toEqual([{ key: ['a'], value: 'b' }]);
  });
});

describe('the dry-run diff', () => {
  it('never shows a line of a multi-line secret, however indented', () => {
    const lines = ['b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'QyNTUxOQAAACDxq3Jv8kLmNpRsTu', 'AAAAJgAA'];
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
    const before = `ssh_id_ed25519: |\n${key.trimEnd().split('\n').map((l) => `  ${l}`).join('\n')}\nother: 1\n`;
    const diff = unifiedDiffs([{ file: '.chezmoidata.yaml', path: '/x/.chezmoidata.yaml', kind: 'data', before, after: 'other: 1\n', bytes: null } as never], [key]);
    expect(diff).toContain('-ssh_id_ed25519: |');
    for (const l of lines) expect(diff).not.toContain(l);
    expect(unifiedDiffs([{ file: 'a', path: '/x/a', kind: 'data', before, after: 'other: 1\n', bytes: null } as never], [key], true)).toContain(lines[0]);
  });
});
