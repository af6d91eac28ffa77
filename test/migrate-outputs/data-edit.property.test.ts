// Property: for random nested data written as YAML, TOML and JSON (with comment lines sprinkled
// in), removing a random set of leaves gives exactly the data without those leaves (emptied maps
// kept), and every output line is an input line, or one with `{}` put in for an emptied map, or
// (JSON) one that lost its trailing comma.
import TOML from '@iarna/toml';
import fc from 'fast-check';
import { stringify as yamlStringify, parse as yamlParse } from 'yaml';
import { removeKeys } from '../../src/migrate/data-edit/index.js';

type Tree = { [k: string]: Tree | string };

const key = fc.constantFrom('a', 'b', 'c', 'token', 'user', 'api_key', 'x-y');
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.dictionary(key, fc.oneof({ depthSize: 'small', maxDepth: 3 }, fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s), tie('node')), { minKeys: 1, maxKeys: 4 }),
})).node;

function leaves(t: Tree, prefix: string[] = []): string[][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[...prefix, k]] : leaves(v, [...prefix, k])));
}

function without(t: Tree, paths: string[][]): Tree {
  const copy = structuredClone(t);
  for (const p of paths) {
    let node = copy;
    for (const s of p.slice(0, -1)) node = node[s] as Tree;
    delete node[p[p.length - 1]!];
  }
  return copy;
}

/** A comment line before every n-th line, indented like the line it precedes. */
function sprinkleComments(text: string, every: number, prefix: string): string {
  return text.split('\n').map((line, i) => (i % every === 1 && line.trim() !== '' ? `${/^\s*/.exec(line)![0]}${prefix} note ${i}\n${line}` : line)).join('\n');
}

function linesPreserved(input: string, output: string): boolean {
  const inputLines = new Set(input.split('\n'));
  // JSON: the new last member loses its comma.
  return output.split('\n').every((l) => inputLines.has(l) || inputLines.has(`${l},`) || l.includes('{}'));
}

const cases = [
  { file: 'd.yaml', emit: (t: Tree) => sprinkleComments(yamlStringify(t), 3, '#'), parse: (s: string) => yamlParse(s) ?? {} },
  { file: 'd.toml', emit: (t: Tree) => sprinkleComments(TOML.stringify(t as TOML.JsonMap), 3, '#'), parse: (s: string) => JSON.parse(JSON.stringify(TOML.parse(s))) },
  { file: 'd.json', emit: (t: Tree) => `${JSON.stringify(t, null, 2)}\n`, parse: (s: string) => JSON.parse(s) },
];

test.each(cases)('$file: removing random leaves keeps everything else', ({ file, emit, parse }) => {
  fc.assert(
    fc.property(tree.chain((t) => fc.tuple(fc.constant(t), fc.subarray(leaves(t), { minLength: 1 }))), ([t, paths]) => {
      const input = emit(t);
      const result = removeKeys(file, input, paths);
      expect(result.removed.length).toBe(paths.length);
      expect(parse(result.text)).toEqual(without(t, paths));
      expect(linesPreserved(input, result.text)).toBe(true);
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
  );
});
