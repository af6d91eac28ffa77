import { NovelLines } from '../../src/history/novel-lines.js';

const text = Array.from({ length: 1000 }, (_, i) => `line-${i}`).join('\n');

describe('NovelLines.pieces', () => {
  test('pieces keep line numbers, cover every line, and overlap so a short multi-line block is whole in one', () => {
    const novel = new NovelLines(8);
    const pieces = [...novel.pieces(novel.prepare('k', text), 1000)];
    expect(pieces.length).toBeGreaterThan(5);
    const covered = new Set<number>();
    for (const p of pieces) p.split('\n').forEach((l, n) => l && (expect(l).toBe(`line-${n}`), covered.add(n)));
    expect(covered.size).toBe(1000);
    for (let start = 0; start < 995; start++) {
      const block = [0, 1, 2, 3, 4].map((k) => `line-${start + k}`).join('\n');
      expect(pieces.some((p) => p.includes(block))).toBe(true);
    }
  });

  test('a later version is cut down to its new lines and their context', () => {
    const novel = new NovelLines(2);
    const first = novel.prepare('k', text);
    novel.complete('k', first, []);
    const changed = text.replace('line-500\n', 'line-500 changed\n');
    const pieces = [...novel.pieces(novel.prepare('k', changed))];
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.split('\n').map((l, n) => (l ? n : -1)).filter((n) => n >= 0)).toEqual([498, 499, 500, 501, 502]);
    expect([...novel.pieces(novel.prepare('k', text))]).toEqual([]); // nothing new at all
  });
});
