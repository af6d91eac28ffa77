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
 * indentation, unless that block runs up to the top of the file (a file header is not the entry's)
 * or heads a section that outlives the entry (the block starts after a blank line or its parent's
 * line, and a kept sibling follows the removed entries directly).
 * When the cut leaves two blank lines together (or a blank first line), one blank line goes too.
 * Lines overlapping a `keep` span (template actions) are never pulled in. `removed` holds every
 * entry of the same edit ([keyStart, lastOffset)): adjacent ones are one group.
 */
export function wholeLineCut(text: string, keyStart: number, lastOffset: number, commentPrefix: string, keep: readonly Span[] = [], removed: readonly Span[] = []): Span {
  const kept = (start: number): boolean => {
    const end = lineEndAfter(text, start);
    return keep.some((s) => start < s.end && end > s.start);
  };
  const entryEnd = (s: Span): number => lineEndAfter(text, Math.max(s.end - 1, s.start));
  const keyLine = lineStartOf(text, keyStart);
  const indent = /^[ \t]*/u.exec(text.slice(keyLine))![0];
  let end = lineEndAfter(text, Math.max(lastOffset - 1, keyStart));
  // The group of removed entries around this one, line by line.
  let groupStart = keyLine;
  for (let prev = removed.find((s) => entryEnd(s) === groupStart); prev; prev = removed.find((s) => entryEnd(s) === groupStart)) groupStart = lineStartOf(text, prev.start);
  let groupEnd = end;
  for (let next = removed.find((s) => lineStartOf(text, s.start) === groupEnd); next; next = removed.find((s) => lineStartOf(text, s.start) === groupEnd)) groupEnd = entryEnd(next);
  const first = groupStart === keyLine;
  const last = groupEnd === end;

  // The group's first entry takes its comment block, unless that block is a header.
  const withComments = (line: number): number => {
    let at = line;
    while (at > 0) {
      const prev = lineStartOf(text, at - 1);
      if (!lineText(text, prev).startsWith(indent + commentPrefix) || kept(prev)) break;
      at = prev;
    }
    if (at === 0 || at === line) return line;
    const above = lineText(text, lineStartOf(text, at - 1));
    const opensSection = isBlank(above) || indentOf(above).length < indent.length;
    const after = groupEnd < text.length ? lineText(text, groupEnd) : '';
    const siblingFollows = !isBlank(after) && indentOf(after) === indent && !after.trimStart().startsWith(commentPrefix);
    // A block (a map, a multi-line value) is a section of its own: its comment goes with it.
    const own = line === keyLine ? { start: keyStart, end: lastOffset } : removed.find((r) => lineStartOf(text, r.start) === line);
    const oneLine = own !== undefined && entryEnd(own) === lineEndAfter(text, line);
    return opensSection && siblingFollows && oneLine ? line : at;
  };
  let start = first ? withComments(keyLine) : keyLine;
  const lineBefore = (at: number): string => lineText(text, lineStartOf(text, at - 1));
  const before = first ? start : withComments(groupStart);
  const prevBlank = before === 0 || isBlank(lineBefore(before));
  if (last && end < text.length && prevBlank && isBlank(lineText(text, end)) && !kept(end)) end = lineEndAfter(text, end);
  // At the end of the text, a blank line left above the cut (the group's) would dangle there.
  if (last && end >= text.length) {
    let top = before;
    while (top > 0 && isBlank(lineBefore(top)) && !kept(lineStartOf(text, top - 1))) top = lineStartOf(text, top - 1);
    if (top < before) start = Math.min(start, top);
  }
  return { start, end };
}

function indentOf(line: string): string {
  return /^[ \t]*/u.exec(line)![0];
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
