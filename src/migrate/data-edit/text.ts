// Text edits shared by the data-file editors: whole-line cuts with the comment lines that belong to
// the removed entry, list-item cuts inside `{ … }`, and applying edits to the original bytes.

export interface Edit {
  start: number;
  end: number;
  insert: string;
}

export interface Span {
  start: number;
  end: number;
}

export class DataEditError extends Error {
  override name = 'DataEditError';
  constructor(readonly file: string, readonly line: number | undefined, message: string) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${message}`);
  }
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the newline ending the line that holds `offset` (or the text's end). */
export function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function lineText(text: string, start: number): string {
  return text.slice(start, lineEndAfter(text, start)).replace(/\r?\n$/u, '');
}

const isBlank = (line: string): boolean => line.trim() === '';

/**
 * The whole-line cut for an entry from its first line (holding `keyStart`) to the line holding
 * `lastOffset`, with its own comments: the comment lines directly above it at the same
 * indentation, unless that block runs up to the top of the file (a file header is not the entry's).
 * When the cut leaves two blank lines together (or a blank first line), one blank line goes too.
 * Lines overlapping a `keep` span (template actions) are never pulled in.
 */
export function wholeLineCut(text: string, keyStart: number, lastOffset: number, commentPrefix: string, keep: readonly Span[] = []): Span {
  const kept = (start: number): boolean => {
    const end = lineEndAfter(text, start);
    return keep.some((s) => start < s.end && end > s.start);
  };
  const keyLine = lineStartOf(text, keyStart);
  const indent = /^[ \t]*/u.exec(text.slice(keyLine))![0];
  let start = keyLine;
  while (start > 0) {
    const prev = lineStartOf(text, start - 1);
    const line = lineText(text, prev);
    if (!line.startsWith(indent + commentPrefix) || kept(prev)) break;
    start = prev;
  }
  if (start === 0 && start !== keyLine) start = keyLine;
  let end = lineEndAfter(text, Math.max(lastOffset - 1, keyStart));
  const prevBlank = start === 0 || isBlank(lineText(text, lineStartOf(text, start - 1)));
  if (end < text.length && prevBlank && isBlank(lineText(text, end)) && !kept(end)) end = lineEndAfter(text, end);
  // At the end of the text, a blank line left above the cut would dangle there.
  while (end >= text.length && start > 0 && isBlank(lineText(text, lineStartOf(text, start - 1))) && !kept(lineStartOf(text, start - 1))) {
    start = lineStartOf(text, start - 1);
  }
  return { start, end };
}

/**
 * Cuts for removing some items of a `{ a, b, c }` list (flow map, inline table) without leaving a
 * dangling or trailing separator: a removed item followed by a kept one is cut up to that one; a
 * trailing run of removed items is cut from the end of the last kept item. All removed: `{}`.
 */
export function listItemCuts(text: string, items: readonly Span[], removed: ReadonlySet<number>, open: number, close: number): Edit[] {
  if (items.every((_, i) => removed.has(i))) return [{ start: open + 1, end: close, insert: '' }];
  const edits: Edit[] = [];
  items.forEach((item, i) => {
    if (!removed.has(i)) return;
    const nextKept = items.findIndex((_, j) => j > i && !removed.has(j));
    if (nextKept >= 0) {
      edits.push({ start: item.start, end: items[i + 1]!.start, insert: '' });
    } else {
      let lastKept = -1;
      for (let j = i - 1; j >= 0; j -= 1) if (!removed.has(j)) { lastKept = j; break; }
      edits.push({ start: items[lastKept]!.end, end: item.end, insert: '' });
    }
  });
  return edits;
}

/** Applies non-overlapping edits (overlapping pure cuts are merged) to `text`. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Edit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last && edit.start < last.end) {
      if (last.insert !== '' || edit.insert !== '') throw new Error('internal: overlapping edits');
      last.end = Math.max(last.end, edit.end);
    } else if (last && edit.start === last.end && last.insert === '' && edit.insert === '') {
      last.end = edit.end;
    } else {
      merged.push({ ...edit });
    }
  }
  let out = '';
  let at = 0;
  for (const edit of merged) {
    out += text.slice(at, edit.start) + edit.insert;
    at = edit.end;
  }
  return out + text.slice(at);
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
