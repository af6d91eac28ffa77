// The sops CLI path against a stand-in `sops` that records how it is called: values must travel
// on stdin only, never in argv, and the ciphertext sops prints is written atomically.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSopsSecrets } from '../../src/migrate/sops/index.js';
import { detectSops } from '../../src/migrate/sops/cli.js';

let dir: string;
let fakeSops: string;
let log: string;
const SECRET = 's3cr3t-VALUE';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sops-cli-'));
  log = join(dir, 'calls.log');
  fakeSops = join(dir, 'sops');
  writeFileSync(fakeSops, [
    '#!/bin/bash',
    'printf "ARGS:%s\\n" "$*" >> "$FAKE_LOG"',
    'if [ "$1" = "--version" ]; then echo "sops $FAKE_VERSION (latest)"; exit 0; fi',
    'if [ "$1" = "--config" ]; then shift 2; fi',
    'case "$1" in',
    '  encrypt) { echo "STDIN(encrypt):"; cat; } >> "$FAKE_LOG"; echo "fake: ciphertext";;',
    '  set) { echo "STDIN(set):"; cat; echo; } >> "$FAKE_LOG";;',
    '  decrypt) printf "old: value\\n";;',
    '  fail) ;;',
    'esac',
    'if [ -n "$FAKE_FAIL" ]; then echo "boom: $FAKE_FAIL" >&2; exit 3; fi',
    '',
  ].join('\n'));
  chmodSync(fakeSops, 0o755);
  writeFileSync(join(dir, '.sops.yaml'), 'creation_rules:\n  - age: age1qqqq\n');
  process.env.FAKE_LOG = log;
  // sops looks for .sops.yaml from the working directory (not from the sops file's folder).
  process.chdir(dir);
});
const startDir = process.cwd();
afterAll(() => {
  process.chdir(startDir);
  rmSync(dir, { recursive: true, force: true });
  delete process.env.FAKE_LOG;
  delete process.env.FAKE_VERSION;
  delete process.env.FAKE_FAIL;
});
beforeEach(() => rmSync(log, { force: true }));

const calls = (): string => readFileSync(log, 'utf8');
const argLines = (): string[] => calls().split('\n').filter((l) => l.startsWith('ARGS:'));

test('the version is detected, a missing binary is null', () => {
  process.env.FAKE_VERSION = '3.10.2';
  expect(detectSops(fakeSops)).toEqual({ major: 3, minor: 10, patch: 2 });
  expect(detectSops(join(dir, 'no-such-sops'))).toBeNull();
});

test('a new file is encrypted from stdin with --filename-override and written 0600', async () => {
  process.env.FAKE_VERSION = '3.11.0';
  const sopsFile = join(dir, 'secrets', 'new.yaml');
  const result = await writeSopsSecrets({ sopsFile, values: [{ key: ['github', 'token'], value: SECRET }], sopsBinary: fakeSops });
  expect(result).toEqual({ method: 'sops-cli', written: [['github', 'token']] });
  expect(argLines()).toContain(`ARGS:--config ${join(dir, '.sops.yaml')} encrypt --filename-override ${sopsFile} --input-type yaml --output-type yaml /dev/stdin`);
  expect(calls()).toContain(`STDIN(encrypt):\ngithub:\n  token: ${SECRET}\n`);
  expect(argLines().join('\n')).not.toContain(SECRET);
  expect(readFileSync(sopsFile, 'utf8')).toBe('fake: ciphertext\n');
  expect(statSync(sopsFile).mode & 0o777).toBe(0o600);
});

test('an existing file with sops >= 3.11: sops set --value-stdin with the JSON value on stdin', async () => {
  process.env.FAKE_VERSION = '3.11.0';
  const sopsFile = join(dir, 'existing.yaml');
  writeFileSync(sopsFile, 'old: ENC[...]\n');
  await writeSopsSecrets({ sopsFile, values: [{ key: ['github', 'token'], value: SECRET }, { key: ['x'], value: 'q"uote' }], sopsBinary: fakeSops });
  expect(argLines().filter((l) => l.includes(' set '))).toEqual([
    `ARGS:--config ${join(dir, '.sops.yaml')} set --value-stdin ${sopsFile} ["github"]["token"]`,
    `ARGS:--config ${join(dir, '.sops.yaml')} set --value-stdin ${sopsFile} ["x"]`,
  ]);
  expect(calls()).toContain(`STDIN(set):\n"${SECRET}"\n`);
  expect(calls()).toContain('STDIN(set):\n"q\\"uote"\n');
  expect(argLines().join('\n')).not.toContain(SECRET);
});

test('an existing file with sops 3.9/3.10: decrypt to memory, merge, encrypt from stdin', async () => {
  process.env.FAKE_VERSION = '3.9.4';
  const sopsFile = join(dir, 'older.yaml');
  writeFileSync(sopsFile, 'old: ENC[...]\n');
  await writeSopsSecrets({ sopsFile, values: [{ key: ['github', 'token'], value: SECRET }], sopsBinary: fakeSops });
  const args = argLines();
  expect(args.some((l) => l.endsWith(`decrypt --input-type yaml --output-type yaml ${sopsFile}`))).toBe(true);
  expect(calls()).toContain(`STDIN(encrypt):\nold: value\ngithub:\n  token: ${SECRET}\n`);
  expect(args.join('\n')).not.toContain(SECRET);
  expect(readFileSync(sopsFile, 'utf8')).toBe('fake: ciphertext\n');
});

test('a failing sops is a clear error and leaves no file behind', async () => {
  process.env.FAKE_VERSION = '3.11.0';
  process.env.FAKE_FAIL = 'no key';
  const sopsFile = join(dir, 'failing.yaml');
  try {
    await expect(writeSopsSecrets({ sopsFile, values: [{ key: ['a'], value: SECRET }], sopsBinary: fakeSops }))
      .rejects.toThrow(/sops encrypt failed \(exit 3\): boom: no key/);
  } finally {
    delete process.env.FAKE_FAIL;
  }
  expect(existsSync(sopsFile)).toBe(false);
});

test('the plaintext sops reads keeps strings strings (yaml.v3 would type 1_000, 2024-01-01, yes), and .json goes as JSON', async () => {
  process.env.FAKE_VERSION = '3.11.0';
  const sopsFile = join(dir, 'secrets', 'typed.yaml');
  await writeSopsSecrets({ sopsFile, values: [{ key: ['k', '1_000'], value: '2024-01-01' }, { key: ['k', 'on'], value: '0123' }, { key: ['k', 'plain'], value: 'text' }], sopsBinary: fakeSops });
  expect(calls()).toContain('STDIN(encrypt):\nk:\n  "1_000": "2024-01-01"\n  "on": "0123"\n  plain: text\n');
  rmSync(log, { force: true });
  const jsonFile = join(dir, 'secrets', 'new.json');
  await writeSopsSecrets({ sopsFile: jsonFile, values: [{ key: ['github', 'token'], value: SECRET }], sopsBinary: fakeSops });
  expect(argLines()).toContain(`ARGS:--config ${join(dir, '.sops.yaml')} encrypt --filename-override ${jsonFile} --input-type json --output-type json /dev/stdin`);
  expect(calls()).toContain(`STDIN(encrypt):\n{\n\t"github": {\n\t\t"token": "${SECRET}"\n\t}\n}\n`);
});
