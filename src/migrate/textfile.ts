import { promises as fs } from 'node:fs';

/** A text file read so that it can be written back byte for byte: BOM and encoding are kept. */
export interface TextFile {
  text: string;
  bom: boolean;
  encoding: 'utf8' | 'latin1';
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decode like the source reader does (BOM stripped, Latin-1 when not UTF-8) but remember how. */
export function decodeTextFile(bytes: Buffer): TextFile {
  const bom = bytes.subarray(0, 3).equals(BOM);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: strictUtf8.decode(body), bom, encoding: 'utf8' };
  } catch {
    return { text: body.toString('latin1'), bom, encoding: 'latin1' };
  }
}

export function encodeTextFile(file: TextFile, text: string): Buffer {
  const body = Buffer.from(text, file.encoding);
  return file.bom ? Buffer.concat([BOM, body]) : body;
}

export async function readTextFile(path: string): Promise<TextFile | null> {
  try {
    return decodeTextFile(await fs.readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/**
 * The file as decodeTextFile would read it, from what the source reader already read (no second
 * read); null when the reader kept no text. The reader decodes the whole file and keeps a BOM's
 * characters when it falls back to Latin-1; decodeTextFile decodes what follows the BOM.
 */
export function textFileOf(source: { text: string | null; decoded?: { bom: boolean; encoding: 'utf8' | 'latin1' } }): TextFile | null {
  if (source.text === null || !source.decoded) return null;
  const { bom, encoding } = source.decoded;
  return { text: bom && encoding === 'latin1' ? source.text.slice(3) : source.text, bom, encoding };
}
