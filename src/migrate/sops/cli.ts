// The sops CLI path: values travel on stdin only (never argv, never a plaintext file).
// - existing file, sops >= 3.11: `sops set --value-stdin FILE '["a"]["b"]'` with the JSON value on stdin;
// - existing file, sops 3.9/3.10: `sops decrypt` to memory, merge, `sops encrypt` from stdin
//   (re-encrypts with the creation rule's recipients; `sops set` there would need the value in argv);
// - new file: `sops encrypt --filename-override FILE --input-type yaml --output-type yaml /dev/stdin`
//   so the `.sops.yaml` creation rules of FILE apply; the ciphertext is written atomically.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Document, isMap, parseDocument, Scalar, YAMLMap } from 'yaml';
import { writeFileAtomic } from '../../fsutil/atomic.js';
import { SopsFormatError } from './cipher.js';
import { locateSopsConfig } from './config.js';
import { goNeedsQuotes } from './goyaml.js';
import { documentToJson, keyScalar, storeFor, type SopsValue } from './native.js';

export interface SopsVersion {
  major: number;
  minor: number;
  patch: number;
}

/** `sops --version` of the binary, or null when there is none. */
export function detectSops(binary = 'sops'): SopsVersion | null {
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, SOPS_DISABLE_VERSION_CHECK: '1' } });
  if (run.error || run.status !== 0) return null;
  const m = /(\d+)\.(\d+)\.(\d+)/u.exec(run.stdout);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : null;
}

export function atLeast(v: SopsVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** sops' tree index: `["github"]["token"]`. */
export function sopsIndex(key: readonly string[]): string {
  return key.map((k) => `[${JSON.stringify(k)}]`).join('');
}

function runSops(binary: string, args: string[], stdin: string, cwd: string, label: string): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SOPS_DISABLE_VERSION_CHECK: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => reject(new SopsFormatError(`${label}: cannot run ${binary}: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out));
      else {
        const firstLine = Buffer.concat(err).toString('utf8').trim().split('\n')[0] ?? '';
        reject(new SopsFormatError(`${label}: sops ${args[0] === '--config' ? args[2] : args[0]} failed (exit ${code}): ${firstLine}`));
      }
    });
    child.stdin.on('error', () => undefined); // sops may exit before reading everything
    child.stdin.end(stdin);
  });
}

/** Sets the values into a YAML document, creating the nested maps. */
export function mergeValues(doc: Document, values: readonly SopsValue[], label: string): void {
  if (doc.contents === null) doc.contents = new YAMLMap() as never;
  if (!isMap(doc.contents)) throw new SopsFormatError(`${label}: the top level is not a map`);
  for (const { key, value } of values) {
    let map = doc.contents as YAMLMap;
    for (let i = 0; i < key.length - 1; i += 1) {
      const next = map.get(key[i], true);
      if (next === undefined || next === null) {
        const created = new YAMLMap();
        map.set(keyScalar(key[i]!), created);
        map = created;
      } else if (isMap(next)) {
        map = next;
      } else {
        throw new SopsFormatError(`${label}: ${key.slice(0, i + 1).join('.')} already holds a value, not a map`);
      }
    }
    // sops reads the plaintext with yaml.v3: `1_000`, `2024-01-01`, `yes` must stay strings (keys and values).
    const v = new Scalar(value);
    if (goNeedsQuotes(value)) v.type = Scalar.QUOTE_DOUBLE;
    map.set(keyScalar(key[key.length - 1]!), v);
  }
}

export interface CliWriteOptions {
  sopsFile: string;
  values: readonly SopsValue[];
  sopsConfigSearchFrom?: string;
  binary: string;
  version: SopsVersion;
}

export async function writeWithCli(opts: CliWriteOptions): Promise<string[][]> {
  const file = resolve(opts.sopsFile);
  const label = opts.sopsFile;
  const store = storeFor(file);
  // As sops itself: SOPS_CONFIG, else `.sops.yaml` from the working directory upwards.
  const configFile = locateSopsConfig(opts.sopsConfigSearchFrom, file);
  const global = configFile ? ['--config', configFile] : [];
  const cwd = process.cwd();
  if (!atLeast(opts.version, 3, 9)) throw new SopsFormatError(`${label}: sops ${opts.version.major}.${opts.version.minor} is too old (3.9.0 or later needed)`);
  const types = ['--input-type', store, '--output-type', store];
  const serialise = (doc: Document): string => (store === 'json' ? documentToJson(doc) : doc.toString({ lineWidth: 0 }));
  const encryptFromStdin = async (plain: string): Promise<void> => {
    const cipherText = await runSops(opts.binary, [...global, 'encrypt', '--filename-override', file, ...types, '/dev/stdin'], plain, cwd, label);
    await writeFileAtomic(file, cipherText, { mkdirs: true });
  };
  if (!existsSync(file)) {
    const doc = new Document(new YAMLMap());
    mergeValues(doc, opts.values, label);
    await encryptFromStdin(serialise(doc));
  } else if (atLeast(opts.version, 3, 11)) {
    for (const { key, value } of opts.values) {
      await runSops(opts.binary, [...global, 'set', '--value-stdin', file, sopsIndex(key)], JSON.stringify(value), cwd, label);
    }
  } else {
    const plain = await runSops(opts.binary, [...global, 'decrypt', ...types, file], '', cwd, label);
    // Without types, so that untouched values go back exactly as sops wrote them.
    const doc = parseDocument(plain.toString('utf8'), { schema: 'failsafe' });
    mergeValues(doc, opts.values, label);
    await encryptFromStdin(serialise(doc));
  }
  return opts.values.map((v) => [...v.key]);
}
