// Offsets (UTF-16 indexes into a JS string) to 1-based line and code-point column.

import type { Position, Span } from '../model.js';
import { LineIndex as BaseLineIndex } from '../text/line-index.js';

/** Positions in one data file: the shared LineIndex, with the file name and spans. */
export class LineIndex extends BaseLineIndex {
  constructor(
    text: string,
    private readonly file: string,
  ) {
    super(text);
  }

  // Built field by field, not by spreads: a data file's every leaf gets both (a history, every version's).
  override position(offset: number): Position {
    const p = super.position(offset);
    return { file: this.file, line: p.line, column: p.column };
  }

  span(start: number, end: number): Span {
    const a = super.position(start);
    const b = super.position(end);
    return { file: this.file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

/** Strip a leading BOM; positions are then counted from the first visible character. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
