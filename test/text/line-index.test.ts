// The shared line/column index: exact positions (code-point columns, surrogate pairs, CRLF) and a
// cost that does not grow with the line's length, so one-line files (minified JSON) scan in linear time.
import { LineIndex } from '../../src/text/line-index.js';
import { builtinRules } from '../../rules/index.js';
import { detectLiteralSecrets } from '../../src/classify/literal.js';
import { cloneDefaultConfig } from '../../src/config/index.js';

/** The definition: count code points from the line start. */
function naive(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(index, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  let column = 1;
  for (let i = lineStart; i < before.length; i++) {
    const c = before.charCodeAt(i);
    const prev = i > lineStart ? before.charCodeAt(i - 1) : 0;
    if (!(c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff)) column++;
  }
  return { line: before.split('\n').length, column };
}

/** A seeded generator, so a failure is reproducible. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('LineIndex positions', () => {
  it('counts code points, not UTF-16 units, and lines from 1', () => {
    const text = 'a😀b\n\r\n€x😀😀y\n';
    const idx = new LineIndex(text);
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(3)).toEqual({ line: 1, column: 3 }); // b, after one astral character
    expect(idx.position(5)).toEqual({ line: 2, column: 1 });
    expect(idx.position(text.indexOf('y'))).toEqual({ line: 3, column: 5 });
    expect(idx.position(text.length + 10)).toEqual(naive(text, text.length));
    expect(idx.position(-3)).toEqual({ line: 1, column: 1 });
  });

  it('agrees with the definition on random texts, in any lookup order', () => {
    const rnd = prng(17);
    const alphabet = ['a', 'b', '\n', '😀', '€', '\ud800', '\udc00', '\r', ' '];
    for (let t = 0; t < 200; t++) {
      let text = '';
      const len = Math.floor(rnd() * 60);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const idx = new LineIndex(text);
      const order = Array.from({ length: text.length + 1 }, (_, i) => i).sort(() => rnd() - 0.5);
      for (const i of order) expect([text, i, idx.position(i)]).toEqual([text, i, naive(text, i)]);
    }
  });
});

describe('literal scanning of one long line', () => {
  /** A minified JSON object of `pairs` token entries, all on one line. */
  function oneLineJson(pairs: number): string {
    const rnd = prng(5);
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const parts: string[] = [];
    for (let i = 0; i < pairs; i++) {
      let v = '';
      for (let k = 0; k < 24; k++) v += abc[Math.floor(rnd() * abc.length)];
      parts.push(`"token_${i}":"${v}"`);
    }
    return `{${parts.join(',')}}`;
  }

  async function bestOf(runs: number, text: string): Promise<{ ms: number; findings: number }> {
    let ms = Infinity;
    let findings = 0;
    for (let r = 0; r < runs; r++) {
      const started = process.hrtime.bigint();
      findings = (await detectLiteralSecrets('dot_big.json', text, { rules: builtinRules, config: cloneDefaultConfig() })).length;
      ms = Math.min(ms, Number(process.hrtime.bigint() - started) / 1e6);
    }
    return { ms, findings };
  }

  it('costs about 4 times as much for 4 times the pairs (linear, not quadratic)', async () => {
    const n = 1500;
    const small = oneLineJson(n);
    const large = oneLineJson(4 * n);
    await bestOf(1, small); // warm up: secretlint import, JIT
    const a = await bestOf(3, small);
    const b = await bestOf(3, large);
    // Every pair is a finding, with its exact column on the one line.
    expect(a.findings).toBe(n);
    expect(b.findings).toBe(4 * n);
    const last = (await detectLiteralSecrets('dot_big.json', large, { rules: builtinRules, config: cloneDefaultConfig() })).at(-1)!;
    expect(last.line).toBe(1);
    expect(last.column).toBe(large.lastIndexOf(':"') + 3);
    // Linear is 4x; quadratic is 16x. 8x leaves room for a noisy machine and no room for n².
    expect(b.ms / a.ms).toBeLessThan(8);
  }, 120_000);
});
