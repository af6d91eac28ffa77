// Writing secret values into a SOPS-encrypted YAML or JSON file (store by extension): the sops CLI when it is on PATH, else the
// built-in writer of the same format. Plaintext goes to disk only to an explicit `plaintextOut`.
import { Document, YAMLMap } from 'yaml';
import { writeFileAtomic } from '../../fsutil/atomic.js';
import { detectSops, writeWithCli, mergeValues } from './cli.js';
import { loadAgeIdentities } from './keys.js';
import { readNative, writeNative, type SopsValue } from './native.js';

export { SopsFormatError } from './cipher.js';
export type { SopsValue } from './native.js';
export { loadAgeIdentities } from './keys.js';

export interface WriteSopsOptions {
  /** The sops YAML file; created (with the `.sops.yaml` creation rule's age recipients) or merged into. */
  sopsFile: string;
  /** Values, each under its nested key (`['github', 'token']`); values are stored as strings. */
  values: { key: string[]; value: string }[];
  /** Where the `.sops.yaml` search starts; default as sops: SOPS_CONFIG, else the working directory. */
  sopsConfigSearchFrom?: string;
  /** Also write the plaintext values as YAML to this file, mode 0600 (explicit request only). */
  plaintextOut?: string;
  /** Use the sops CLI when it is on PATH (default true); false always uses the built-in writer. */
  preferCli?: boolean;
  /** The sops binary (default `sops` from PATH). */
  sopsBinary?: string;
  /** age identities for merging natively; default SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, ~/.config/sops/age/keys.txt. */
  identities?: string[];
}

export interface WriteSopsResult {
  method: 'sops-cli' | 'native';
  written: string[][];
}

export async function writeSopsSecrets(opts: WriteSopsOptions): Promise<WriteSopsResult> {
  const binary = opts.sopsBinary ?? 'sops';
  const version = opts.preferCli === false ? null : detectSops(binary);
  let result: WriteSopsResult;
  if (version !== null) {
    result = { method: 'sops-cli', written: await writeWithCli({ ...opts, binary, version }) };
  } else {
    const identities = opts.identities ?? loadAgeIdentities();
    result = { method: 'native', written: await writeNative({ ...opts, identities }) };
  }
  if (opts.plaintextOut !== undefined) {
    const doc = new Document(new YAMLMap());
    mergeValues(doc, opts.values, opts.plaintextOut);
    await writeFileAtomic(opts.plaintextOut, doc.toString({ lineWidth: 0 }), { mode: 0o600 });
  }
  return result;
}

/** Decrypts every value (after verifying the MAC) with the given age identities. */
export async function readSopsSecrets(sopsFile: string, identities: readonly string[] = loadAgeIdentities()): Promise<SopsValue[]> {
  return readNative(sopsFile, identities);
}
