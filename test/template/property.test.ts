/**
 * Property: whatever the input, parseTemplate returns either a tree or a Go-style error with a
 * line inside the file, never throws, and every reported position is inside the file and
 * spells what it claims.
 */
import fc from 'fast-check';
import { parseTemplate, walk, type Node, type ParsedTemplate } from '../../src/template/index.js';
import { mutated, rng, validish, withDirective } from './generate.js';

const PIECES = [
  '{{', '}}', '{{- ', ' -}}', '{{-', '-}}', '[[', ']]', '(', ')', '|', ':=', '=', ',', '"', '`', "'", '$', '$x', '.', '.a',
  ' ', '\n', '\r\n', 'if ', 'else ', 'end', 'range ', 'with ', 'define "d"', 'template "d"', 'block "b" .', 'break',
  'continue', 'index', '/*', '*/', '-', '\\', '0x', '1e', 'i', 'é', '😀', '\u00a0', 'chezmoi:template:left-delimiter=[[ ',
  'nil', 'true', 'printf', '\t',
];

function checkInvariants(text: string, t: ParsedTemplate): void {
  const lines = text.split('\n').length;
  if (!t.ok) {
    expect(t.tree).toBeNull();
    expect(t.error).not.toBeNull();
    expect(t.error!.message).not.toMatch(/^internal parser error/);
    expect(t.error!.line).toBeGreaterThanOrEqual(1);
    expect(t.error!.line).toBeLessThanOrEqual(lines);
    return;
  }
  expect(t.error).toBeNull();
  expect(t.tree?.type).toBe('List');
  for (const r of t.refs) {
    expect(r.start).toBeGreaterThanOrEqual(0);
    expect(r.end).toBeLessThanOrEqual(text.length);
    expect(r.line).toBeLessThanOrEqual(lines);
    if (r.kind === 'field' || r.kind === 'variable') expect(text.slice(r.start, r.end)).toBe(r.text);
    expect(Buffer.byteLength(text.slice(0, text.split('\n').slice(0, r.line - 1).join('\n').length + (r.line > 1 ? 1 : 0)))
      + Buffer.byteLength([...text.split('\n')[r.line - 1]].slice(0, r.column - 1).join(''))).toBe(r.offset);
  }
  const visit = (n: Node) => {
    expect(n.start).toBeLessThanOrEqual(n.end);
    expect(n.end).toBeLessThanOrEqual(text.length);
  };
  walk(t.tree!, visit);
  for (const d of Object.values(t.defines)) walk(d, visit);
}

test('random token soup: a tree or an error with a line, never a throw', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.boolean(), (pieces, go119) => {
      const text = pieces.join('');
      checkInvariants(text, parseTemplate(text, { name: 't', go: go119 ? 'go1.19' : 'current' }));
    }),
    { numRuns: 1500 },
  );
});

test('arbitrary strings (any code point) never make the parser throw', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const text = `{{ ${s} }}${s}{{${s}`;
      checkInvariants(text, parseTemplate(text));
    }),
    { numRuns: 800 },
  );
});

test('mutated real-looking templates keep the invariants', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, strict) => {
      const r = rng(seed);
      const text = withDirective(r, r() < 0.5 ? validish(r) : mutated(r));
      checkInvariants(text, parseTemplate(text, { strictFuncs: strict, modify: r() < 0.2 }));
    }),
    { numRuns: 400 },
  );
});
