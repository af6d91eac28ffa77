/**
 * JS string indexes (UTF-16) to 1-based line and code-point column. Line starts are computed on
 * the first lookup: most texts scanned never need a position.
 */
export class LineIndex {
  private starts: number[] | null = null;

  constructor(protected readonly text: string) {}

  position(index: number): { line: number; column: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    const at = Math.max(0, Math.min(index, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo]!;
    let column = 1;
    for (let i = lineStart; i < at; i++) {
      const c = this.text.charCodeAt(i);
      // A surrogate pair is one code point: count the high half only.
      if (!(c >= 0xdc00 && c <= 0xdfff && i > lineStart && isHigh(this.text.charCodeAt(i - 1)))) column++;
    }
    return { line: lo + 1, column };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
