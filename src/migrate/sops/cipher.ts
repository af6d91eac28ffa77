// The sops value cipher: AES-256-GCM with a 32-byte IV, the tag stored apart from the data, and
// the key path as additional data. Format: ENC[AES256_GCM,data:B64,iv:B64,tag:B64,type:TYPE].
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 32;
const TAG_BYTES = 16;
const ENC_RE = /^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]/u;

export class SopsFormatError extends Error {
  override name = 'SopsFormatError';
}

/** Additional authenticated data of a value: its key path joined with `:` plus a final `:`. */
export function additionalData(keyPath: readonly string[]): string {
  return `${keyPath.join(':')}:`;
}

export function isEncryptedValue(value: unknown): value is string {
  return typeof value === 'string' && ENC_RE.test(value);
}

/** Encrypts a string (type `str`); sops leaves the empty string as it is. */
export function encryptString(plaintext: string, dataKey: Uint8Array, aad: string): string {
  if (plaintext === '') return '';
  return encryptBytes(Buffer.from(plaintext, 'utf8'), 'str', dataKey, aad);
}

export function encryptBytes(plain: Uint8Array, type: string, dataKey: Uint8Array, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `ENC[AES256_GCM,data:${data.toString('base64')},iv:${iv.toString('base64')},tag:${tag.toString('base64')},type:${type}]`;
}

/** Decrypts a sops value to its plaintext bytes and type; `where` names the key path in errors. */
export function decryptValue(value: string, dataKey: Uint8Array, aad: string, where: string): { plain: Buffer; type: string } {
  if (value === '') return { plain: Buffer.alloc(0), type: 'str' };
  const m = ENC_RE.exec(value);
  if (!m) throw new SopsFormatError(`${where}: value is not in sops' ENC[AES256_GCM,…] format`);
  const [data, iv, tag] = [m[1]!, m[2]!, m[3]!].map((b64) => Buffer.from(b64, 'base64'));
  if (tag!.length !== TAG_BYTES || iv!.length === 0) throw new SopsFormatError(`${where}: malformed iv or tag`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, iv!, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag!);
    return { plain: Buffer.concat([decipher.update(data!), decipher.final()]), type: m[4]! };
  } catch {
    throw new SopsFormatError(`${where}: could not decrypt (wrong data key, or the value was moved or altered)`);
  }
}
