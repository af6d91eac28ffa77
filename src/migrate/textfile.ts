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
