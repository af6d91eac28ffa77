/**
 * JS string indexes (UTF-16) to 1-based line and code-point column. Built on the first lookup
 * (most texts scanned never need a position), then every lookup is two binary searches: a
 * one-line file (minified JSON) with thousands of findings costs O(n + k log n), not O(n·k).
 */
export class LineIndex {
  private starts: number[] | null = null;
  /** Index of the low half of every surrogate pair, ascending: the units that are not a code point of their own. */
  private trails: number[] = [];

  constructor(protected readonly text: string) {}

  position(index: number): { line: number; column: number } {
    const starts = (this.starts ??= this.build());
    const at = Math.max(0, Math.min(index, this.text.length));
    const line = lastAtOrBelow(starts, at);
    const lineStart = starts[line]!;
    // Pairs whose low half lies in [lineStart, at) count once, so subtract their low halves.
    const paired = this.trails.length === 0 ? 0 : countBelow(this.trails, at) - countBelow(this.trails, lineStart);
    return { line: line + 1, column: 1 + at - lineStart - paired };
  }

  private build(): number[] {
    const starts = [0];
    const text = this.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    // A non-unicode regex sees UTF-16 units, so this matches exactly the well-formed pairs.
    for (const m of text.matchAll(/[\ud800-\udbff][\udc00-\udfff]/g)) this.trails.push(m.index! + 1);
    return starts;
  }
}

/** Position in `sorted` of the last value <= x (sorted[0] <= x is given). */
function lastAtOrBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How many values of `sorted` are < x. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
