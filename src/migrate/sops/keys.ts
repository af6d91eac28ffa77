// The sops data key and age: wrap the 32-byte data key to age recipients (ASCII-armored, as sops
// stores it in `sops.age[].enc`) and unwrap it with the user's age identities.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, Encrypter, armor } from 'age-encryption';
import { SopsFormatError } from './cipher.js';

export interface AgeKeyEntry {
  recipient: string;
  enc: string;
}

/** Where sops looks for age identities, in its order: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, the default file. */
export function ageKeyFileCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const files: string[] = [];
  if (env.SOPS_AGE_KEY_FILE) files.push(env.SOPS_AGE_KEY_FILE);
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  files.push(join(configHome, 'sops', 'age', 'keys.txt'));
  return files;
}

/** `AGE-SECRET-KEY-1…` lines of an identity file's text. */
export function parseIdentities(text: string): string[] {
  return text.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l.startsWith('AGE-SECRET-KEY-1'));
}

/** The age identities available to sops on this machine (possibly none). */
export function loadAgeIdentities(env: NodeJS.ProcessEnv = process.env): string[] {
  const found: string[] = [];
  if (env.SOPS_AGE_KEY) found.push(...parseIdentities(env.SOPS_AGE_KEY));
  for (const file of ageKeyFileCandidates(env)) {
    try {
      found.push(...parseIdentities(readFileSync(file, 'utf8')));
    } catch {
      // a missing candidate file is normal; the caller reports when nothing was found at all
    }
  }
  return [...new Set(found)];
}

export async function wrapDataKey(dataKey: Uint8Array, recipients: readonly string[]): Promise<AgeKeyEntry[]> {
  const out: AgeKeyEntry[] = [];
  for (const recipient of recipients) {
    const encrypter = new Encrypter();
    encrypter.addRecipient(recipient);
    out.push({ recipient, enc: armor.encode(await encrypter.encrypt(dataKey)) });
  }
  return out;
}

/** The data key from the first `enc` one of the identities opens. */
export async function unwrapDataKey(entries: readonly AgeKeyEntry[], identities: readonly string[], fileLabel: string): Promise<Uint8Array> {
  if (identities.length === 0) {
    throw new SopsFormatError(
      `${fileLabel}: no age identity to decrypt the data key: set SOPS_AGE_KEY_FILE or put the key in ${ageKeyFileCandidates().at(-1)}`,
    );
  }
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  for (const entry of entries) {
    let file: Uint8Array;
    try {
      file = armor.decode(entry.enc);
    } catch {
      throw new SopsFormatError(`${fileLabel}: the age enc of ${entry.recipient} is not ASCII-armored age`);
    }
    try {
      const key = await decrypter.decrypt(file);
      if (key.length !== 32) throw new SopsFormatError(`${fileLabel}: the data key is not 32 bytes`);
      return key;
    } catch (err) {
      if (err instanceof SopsFormatError) throw err;
      // not for our identities: try the next recipient
    }
  }
  throw new SopsFormatError(`${fileLabel}: none of the ${identities.length} age identities opens the data key (recipients: ${entries.map((e) => e.recipient).join(', ')})`);
}
