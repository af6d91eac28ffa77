// Deciding how to read a file's bytes: binary or text, and which text.

/** Bytes git looks at to decide "binary" (a NUL there), and git-filter-repo does the same. */
const BINARY_SNIFF_BYTES = 8000;

/** A NUL byte in the first 8000 bytes, as git decides (UTF-16 text has NULs, so it counts as binary too). */
export function isBinary(buf: Uint8Array): boolean {
  const head = buf.length > BINARY_SNIFF_BYTES ? buf.subarray(0, BINARY_SNIFF_BYTES) : buf;
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).indexOf(0) !== -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * UTF-8 with a BOM stripped. Bytes that are not valid UTF-8 are decoded as ISO-8859-1 instead of
 * throwing, so every byte maps to one character and nothing is lost or replaced.
 */
export function decodeText(buf: Uint8Array): string {
  return decodeTextAs(buf).text;
}

/** decodeText, and which of the two decodings it took. */
export function decodeTextAs(buf: Uint8Array): { text: string; encoding: 'utf8' | 'latin1' } {
  try {
    return { text: utf8.decode(buf), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1'), encoding: 'latin1' };
  }
}

const CIPHERTEXT_MARKERS = ['age-encryption.org/v1', '-----BEGIN AGE ENCRYPTED FILE-----', '-----BEGIN PGP MESSAGE-----'].map((m) => Buffer.from(m));

/** Ciphertext (age or armored PGP) recognised by its header: never scanned as text. */
export function looksEncrypted(buf: Uint8Array): boolean {
  let i = 0;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
  // Fast exit: every marker starts with 'a' or '-'.
  if (buf[i] !== 0x61 && buf[i] !== 0x2d) return false;
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return CIPHERTEXT_MARKERS.some((m) => b.length - i >= m.length && b.compare(m, 0, m.length, i, i + m.length) === 0);
}
