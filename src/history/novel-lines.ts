import { HashSet53 } from './hash-set.js';
import type { BlobFinding } from './types.js';

/** A finding remembered by the content of the lines it spans, to be placed again wherever those lines recur. */
interface LineFinding {
  spanLines: number;
  spanHash: number;
  finding: BlobFinding; // line/endLine relative: line 1 is the span's first line
}

/** The lines of one large blob, and which of them the scanner must see. */
export interface PreparedBlob {
  lines: string[];
  hashes: Float64Array;
  /** Lines to scan (new lines and their context); null: all of them. */
  keep: Uint8Array | null;
  /** Nothing new: no scan needed. */
  nothingNew: boolean;
}

/**
 * "Only the lines not seen before" for plain-text blobs: dotfile histories change one line of a file
 * at a time, so after the first version of a path each version is scanned only around its new lines
 * (`context` lines either side: a multi-line secret such as a private key block added whole is new
 * throughout, and its already-seen header and footer lines are next to new ones). Findings are remembered by the
 * hash of the lines they span, so a version that is not rescanned still gets every finding it holds
 * (which keeps commits/last/atHead exact). Per path kind: the same line means the same thing there.
 * Line hashes are 53-bit, kept in flat typed arrays: about 16 bytes per distinct line, no line text kept.
 */
export class NovelLines {
  private readonly seen = new Map<string, HashSet53>();
  private readonly known = new Map<string, Map<number, LineFinding[]>>();

  constructor(private readonly context = 8) {}

  // Scratch arrays reused from blob to blob (one blob is prepared and completed at a time): no typed-array
  // garbage per version, which matters with tens of thousands of versions.
  private hashScratch = new Float64Array(1024);
  private keepScratch = new Uint8Array(1024);

  /** Splits a blob into lines and marks what to scan. Valid until the next prepare(): complete() it first. */
  prepare(kind: string, text: string, bytes: Uint8Array = Buffer.from(text, 'utf8')): PreparedBlob {
    const lines = text.split('\n');
    if (this.hashScratch.length < lines.length) {
      this.hashScratch = new Float64Array(lines.length * 2);
      this.keepScratch = new Uint8Array(lines.length * 2);
    }
    const hashes = this.hashScratch.subarray(0, lines.length);
    // Hash the UTF-8 bytes line by line ('\n' is never inside a multi-byte sequence, so lines correspond).
    let start = 0;
    for (let i = 0; i < lines.length; i++) {
      let end = bytes.indexOf(10, start);
      if (end === -1) end = bytes.length;
      hashes[i] = hashBytes53(bytes, start, end);
      start = end + 1;
    }
    const seen = this.seen.get(kind);
    if (!seen) return { lines, hashes, keep: null, nothingNew: false };
    const keep = this.keepScratch.subarray(0, lines.length).fill(0);
    let any = false;
    for (let i = 0; i < lines.length; i++) {
      if (seen.has(hashes[i]!)) continue;
      any = true;
      keep.fill(1, Math.max(0, i - this.context), Math.min(lines.length, i + this.context + 1));
    }
    return { lines, hashes, keep, nothingNew: !any };
  }

  /**
   * The text the scanner sees, in pieces of about `maxChars` (so that its memory stays bounded whatever the
   * blob's size): lines outside the piece or not kept are blank, so line numbers and columns are the blob's.
   * Pieces overlap by `context` lines so that a multi-line secret is whole in one of them.
   */
  *pieces(blob: PreparedBlob, maxChars = 256 * 1024): Generator<string> {
    const { lines, keep } = blob;
    if (blob.nothingNew) return;
    let start = 0;
    while (start < lines.length) {
      let end = start;
      let chars = 0;
      let kept = 0;
      while (end < lines.length && chars < maxChars) {
        if (!keep || keep[end]) {
          chars += lines[end]!.length + 1;
          kept++;
        }
        end++;
      }
      if (kept > 0) {
        const body = keep ? lines.slice(start, end).map((l, i) => (keep[start + i] ? l : '')) : lines.slice(start, end);
        yield '\n'.repeat(start) + body.join('\n');
      }
      if (end >= lines.length) break;
      start = Math.max(end - this.context, start + 1);
    }
  }

  /** The blob's findings: what the scanner found in the sparse text plus every remembered finding whose lines recur. */
  complete(kind: string, blob: PreparedBlob, scanned: BlobFinding[]): BlobFinding[] {
    let seen = this.seen.get(kind);
    if (!seen) this.seen.set(kind, (seen = new HashSet53(blob.hashes.length)));
    let known = this.known.get(kind);
    if (!known) this.known.set(kind, (known = new Map()));
    const { lines, hashes } = blob;

    for (const f of scanned) {
      const spanLines = f.endLine - f.line + 1;
      const entry: LineFinding = { spanLines, spanHash: spanHash(lines, f.line - 1, spanLines), finding: { ...f, line: 1, endLine: spanLines } };
      const list = known.get(hashes[f.line - 1]!) ?? [];
      if (!list.some((k) => sameFinding(k, entry))) list.push(entry);
      known.set(hashes[f.line - 1]!, list);
    }
    const out: BlobFinding[] = [];
    const have = new Set<string>();
    for (const f of scanned) {
      const id = `${f.line}:${f.column}:${f.rule}:${f.value}`;
      if (have.has(id)) continue; // overlapping pieces
      have.add(id);
      out.push(f);
    }
    for (let i = 0; i < lines.length; i++) {
      const candidates = known.get(hashes[i]!);
      if (!candidates) continue;
      for (const k of candidates) {
        if (i + k.spanLines > lines.length || spanHash(lines, i, k.spanLines) !== k.spanHash) continue;
        const placed = { ...k.finding, line: i + 1, endLine: i + k.spanLines };
        const id = `${placed.line}:${placed.column}:${placed.rule}:${placed.value}`;
        if (!have.has(id)) {
          have.add(id);
          out.push(placed);
        }
      }
    }
    for (const h of hashes) seen.add(h);
    return out;
  }
}

function sameFinding(a: LineFinding, b: LineFinding): boolean {
  return a.spanHash === b.spanHash && a.finding.rule === b.finding.rule && a.finding.value === b.finding.value && a.finding.column === b.finding.column;
}

/** Hash of the lines a finding spans (only computed where a finding's first line recurs: rare). */
function spanHash(lines: string[], start: number, count: number): number {
  return count === 1 ? hash53(lines[start]!) : hash53(lines.slice(start, start + count).join('\n'));
}

/** cyrb53's mixing over bytes[start, end), four bytes a step: a 53-bit hash to tell lines apart without keeping them. */
export function hashBytes53(bytes: Uint8Array, start: number, end: number): number {
  let h1 = 0xdeadbeef ^ (end - start);
  let h2 = 0x41c6ce57;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  for (; i < end; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 2654435761);
    h2 = Math.imul(h2 ^ bytes[i]!, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** cyrb53: a fast 53-bit string hash (public domain), for the lines a finding spans. */
export function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
