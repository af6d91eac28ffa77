// Keeping the stanzas of earlier runs: the generated block between the markers is rebuilt from
// the stanzas already there (secrets moved by an earlier run) plus the new ones, so a second
// migration adds to the block instead of dropping what the first one moved.
import { BEGIN_MARKER, END_MARKER } from './nix.js';

/** Stanzas of the generated block of `existing`, keyed by their attribute text (`"github/token"`). */
export function existingStanzas(existing: string | null): Map<string, string> {
  const stanzas = new Map<string, string>();
  if (existing === null) return stanzas;
  // Marker LINES, as updateNixFile finds them (the module's header comment names the markers too).
  const lines = existing.replace(/\r\n/g, '\n').split('\n');
  const begin = lines.findIndex((l) => l.trimStart().startsWith(BEGIN_MARKER));
  const end = lines.findIndex((l, i) => i > begin && l.trimStart().startsWith(END_MARKER));
  if (begin < 0 || end < 0) return stanzas;
  const block = lines.slice(begin + 1, end).join('\n') + '\n';
  // Our own generated format: `sops.secrets.ATTR = {` … a line that is exactly `};` at the same indent.
  const rx = /^([ \t]*)sops\.secrets\.(\S+) = \{\n[\s\S]*?^\1\};\n?/gm;
  for (const m of block.matchAll(rx)) stanzas.set(m[2]!, m[0].endsWith('\n') ? m[0] : `${m[0]}\n`);
  return stanzas;
}

/**
 * The block to write: earlier stanzas whose attribute the new block does not redefine, then the
 * new block. Both are plain text in the format renderNixSecrets emits.
 */
export function mergeNixBlock(existing: string | null, newBlock: string): string {
  const fresh = existingStanzas(`${BEGIN_MARKER}\n${newBlock}${newBlock.endsWith('\n') ? '' : '\n'}${END_MARKER}\n`);
  const kept = [...existingStanzas(existing)].filter(([attr]) => !fresh.has(attr)).map(([, text]) => text);
  return dedentJoin([...kept, newBlock]);
}

/** Joins stanza texts after removing each one's common indentation (updateNixFile re-indents). */
function dedentJoin(parts: string[]): string {
  return parts
    .map((p) => {
      const lines = p.replace(/\n$/, '').split('\n');
      const common = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
      return lines.map((l) => l.slice(Number.isFinite(common) ? common : 0)).join('\n') + '\n';
    })
    .filter((p) => p.trim().length > 0)
    .join('');
}
