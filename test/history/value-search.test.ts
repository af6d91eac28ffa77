// ValueSearch: every found value looked for in every blob. A large blob is read once for where a
// value may start (its first four bytes), then checked value by value: the same occurrences as a
// search for each value in turn.
import fc from 'fast-check';
import { ValueSearch } from '../../src/history/value-search.js';

const naive = (values: string[], text: string) =>
  values.filter((v, i) => v.length >= 6 && values.indexOf(v) === i && text.includes(v)).map((v) => v);

test('a large blob gives exactly the values it holds, in the order they were found, first occurrence placed', () => {
  const token = fc.stringMatching(/^[A-Za-z0-9_é€]{6,24}$/);
  const filler = fc.stringMatching(/^[a-z \n=é]{0,400}$/);
  fc.assert(
    fc.property(fc.array(token, { minLength: 12, maxLength: 24 }), fc.array(fc.tuple(filler, fc.nat(20)), { minLength: 1, maxLength: 40 }), (values, parts) => {
      const search = new ValueSearch();
      for (const v of values) search.add(v);
      let text = 'x'.repeat(4096); // large enough for the one-pass read
      for (const [fill, pick] of parts) text += fill + (pick < values.length ? values[pick] : '');
      const found = search.find(Buffer.from(text, 'utf8'), () => text);
      expect(found.map((o) => o.value)).toEqual(naive(values, text));
      for (const o of found) {
        const at = text.indexOf(o.value);
        expect(o.line).toBe(text.slice(0, at).split('\n').length);
      }
    }),
    { numRuns: 300 },
  );
});

test('latin-1 blobs: a value is found in its ISO-8859-1 bytes too', () => {
  const search = new ValueSearch();
  for (const v of ['pässwörd-Zq3mK9', 'AKIAQYLPMN5HHHFPZAM2', 'ghp_abcdefghijklmnop', 'xoxb-1234567890']) search.add(v);
  for (let i = 0; i < 12; i++) search.add(`ghp_${'x'.repeat(i)}Zq3mK9pLx2vB`); // values that share their first bytes
  const text = `${'# filler\n'.repeat(600)}secret = pässwörd-Zq3mK9\n`;
  const found = search.find(Buffer.from(text, 'latin1'), () => text);
  expect(found.map((o) => [o.value, o.line, o.column])).toEqual([['pässwörd-Zq3mK9', 601, 10]]);
});
