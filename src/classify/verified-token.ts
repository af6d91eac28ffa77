// Provider token formats that carry their own checksum, so a match is a real token of that provider
// (not a lookalike in a test file or a minified bundle): GitHub's ghp_/gho_/ghu_/ghs_/ghr_ tokens
// and npm's npm_ tokens end in base62(CRC32 of the 30 random characters), 6 characters.
// A verified token is a secret anywhere: in node_modules, in a lock file, in a chat log.

const TOKEN = /\b(?:gh[pousr]|npm)_([A-Za-z0-9]{30})([A-Za-z0-9]{6})\b/g;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

let table: Uint32Array | null = null;
function crc32(s: string): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = table[(c ^ s.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function base62(n: number): string {
  let s = '';
  do {
    s = BASE62[n % 62]! + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(6, '0');
}

/** The checksum a GitHub/npm token with this 30-character body must end with. */
export function tokenChecksum(body: string): string {
  return base62(crc32(body));
}

/** Whether `value` holds a provider token whose checksum is valid. */
export function hasVerifiedToken(value: string): boolean {
  for (const m of value.matchAll(TOKEN)) if (tokenChecksum(m[1]!) === m[2]) return true;
  return false;
}

/** Whether the whole of `value` is one checksummed provider token. */
export function isVerifiedToken(value: string): boolean {
  const m = /^(?:gh[pousr]|npm)_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(value);
  return m !== null && tokenChecksum(m[1]!) === m[2];
}
