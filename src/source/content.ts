// Deciding how to read a file's bytes: binary or text, and which text.

/** Bytes git looks at to decide "binary" (a NUL there), and git-filter-repo does the same. */
const BINARY_SNIFF_BYTES = 8000;

/** A NUL byte in the first 8000 bytes, as git decides (UTF-16 text has NULs, so it counts as binary too). */
export function isBinary(buf: Uint8Array): boolean {
  const end = Math.min(buf.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (buf[i] === 0) return true;
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * UTF-8 with a BOM stripped. Bytes that are not valid UTF-8 are decoded as ISO-8859-1 instead of
 * throwing, so every byte maps to one character and nothing is lost or replaced.
 */
export function decodeText(buf: Uint8Array): string {
  try {
    return utf8.decode(buf);
  } catch {
    return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  }
}

const CIPHERTEXT_MARKERS = ['age-encryption.org/v1', '-----BEGIN AGE ENCRYPTED FILE-----', '-----BEGIN PGP MESSAGE-----'];

/** Ciphertext (age or armored PGP) recognised by its header: never scanned as text. */
export function looksEncrypted(buf: Uint8Array): boolean {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 64)).toString('latin1').trimStart();
  return CIPHERTEXT_MARKERS.some((m) => head.startsWith(m));
}
