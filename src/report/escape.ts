/**
 * Make an untrusted string (a file name, a key) safe for a terminal: control characters,
 * ANSI escapes and newlines become visible escapes; invalid UTF-8 was already turned into
 * U+FFFD by the decoder and is shown as `\ufffd`.
 */
export function escapeForTerminal(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) {
      if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else out += `\\x${cp.toString(16).padStart(2, '0')}`;
    } else if (cp === 0xfffd) out += '\\ufffd';
    else out += ch;
  }
  return out;
}
