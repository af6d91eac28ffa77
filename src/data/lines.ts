// Offsets (UTF-16 indexes into a JS string) to 1-based line and code-point column.

import type { Position, Span } from '../model.js';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.starts[lo]!;
    let column = 1;
    for (let i = lineStart; i < at; i++) {
      const c = this.text.charCodeAt(i);
      // A surrogate pair is one code point: count the high half only.
      if (!(c >= 0xdc00 && c <= 0xdfff && i > lineStart && isHigh(this.text.charCodeAt(i - 1)))) column++;
    }
    return { file: this.file, line: lo + 1, column };
  }

  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(end);
    return { ...a, endLine: b.line, endColumn: b.column };
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Strip a leading BOM; positions are then counted from the first visible character. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
