import { parseDataFile, mergeData, compareDataPaths, extractConfigData, type DataLeaf } from '../../src/data/index.js';

function leaf(leaves: DataLeaf[], path: string): DataLeaf | undefined {
  return leaves.find((l) => l.path.join('.') === path);
}

describe('compareDataPaths: chezmoi source walk order', () => {
  test('.chezmoidata.{json,toml,yaml} first, then names in byte order, depth first', () => {
    const files = [
      'dot_config/.chezmoidata.yaml',
      '.chezmoidata.yaml',
      '.chezmoidata/dir/b.yaml',
      '.chezmoidata.jsonc',
      '.chezmoidata.toml',
      '.chezmoidata/a.json',
      '.chezmoidata.json',
      '.chezmoidata.yml',
      'Zed/.chezmoidata.yaml',
    ];
    expect([...files].sort(compareDataPaths)).toEqual([
      '.chezmoidata.json',
      '.chezmoidata.toml',
      '.chezmoidata.yaml',
      '.chezmoidata/a.json',
      '.chezmoidata/dir/b.yaml',
      '.chezmoidata.jsonc',
      '.chezmoidata.yml',
      'Zed/.chezmoidata.yaml',
      'dot_config/.chezmoidata.yaml',
    ]);
  });
});

describe('mergeData', () => {
  // chezmoi's own test (internal/cmd/testdata/scripts/executetemplate.txtar): the last
  // .chezmoidata.<format> read wins, files in .chezmoidata/ are read, the config wins over all.
  test('chezmoi executetemplate expectations', () => {
    const files = [
      parseDataFile('.chezmoidata.yaml', 'last:\n    format: ".chezmoidata.yaml"\n    global: ".chezmoidata.yaml"\n    yaml: ".chezmoidata.yaml"\n'),
      parseDataFile('.chezmoidata/dir/b.yaml', 'b: beta\n'),
      parseDataFile('.chezmoidata.toml', '[last]\n    format = ".chezmoidata.toml"\n    global = ".chezmoidata.toml"\n    toml = ".chezmoidata.toml"\n'),
      extractConfigData('.chezmoi.toml.tmpl', '[data.last]\n    config = "chezmoi.toml"\n    global = "chezmoi.toml"\n'),
      parseDataFile('.chezmoidata.json', '{\n  "last": {\n    "format": ".chezmoidata.json",\n    "global": ".chezmoidata.json",\n    "json": ".chezmoidata.json"\n  }\n}\n'),
      parseDataFile('.chezmoidata/a.json', '{"a":"alpha"}\n'),
    ];
    const { tree, leaves } = mergeData(files);
    expect(tree).toEqual({
      last: { format: '.chezmoidata.yaml', global: 'chezmoi.toml', json: '.chezmoidata.json', toml: '.chezmoidata.toml', yaml: '.chezmoidata.yaml', config: 'chezmoi.toml' },
      a: 'alpha',
      b: 'beta',
    });
    const global = leaf(leaves, 'last.global')!;
    expect(global.value).toBe('chezmoi.toml');
    expect(global.definedIn.map((p) => p.file)).toEqual(['.chezmoidata.json', '.chezmoidata.toml', '.chezmoidata.yaml', '.chezmoi.toml.tmpl']);
    expect(global.definitions.map((d) => d.value)).toEqual(['.chezmoidata.json', '.chezmoidata.toml', '.chezmoidata.yaml', 'chezmoi.toml']);
    expect(leaf(leaves, 'last.format')!.definedIn.at(-1)).toMatchObject({ file: '.chezmoidata.yaml', line: 2, column: 5 });
  });

  test('maps merge recursively; lists and scalars are replaced, with their element leaves', () => {
    const a = parseDataFile('a/.chezmoidata.yaml', 'm:\n  x: 1\n  y: 2\ntags: [a, b, c]\ns: old\n');
    const b = parseDataFile('b/.chezmoidata.yaml', 'm:\n  y: 3\n  z: 4\ntags: [d]\ns:\n  now: map\n');
    const { tree, leaves } = mergeData([b, a]);
    expect(tree).toEqual({ m: { x: 1, y: 3, z: 4 }, tags: ['d'], s: { now: 'map' } });
    expect(leaves.map((l) => l.path.join('.')).sort()).toEqual(['m.x', 'm.y', 'm.z', 's.now', 'tags', 'tags.0']);
    expect(leaf(leaves, 'tags')!.value).toEqual(['d']);
    expect(leaf(leaves, 'tags')!.definitions.map((d) => d.value)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(leaf(leaves, 'tags.0')).toMatchObject({ value: 'd', role: 'element' });
    expect(leaf(leaves, 'tags.0')!.definedIn).toHaveLength(1);
    expect(leaf(leaves, 'm.y')!.definedIn.map((p) => p.file)).toEqual(['a/.chezmoidata.yaml', 'b/.chezmoidata.yaml']);
  });

  test('a scalar replaces a whole map; an empty map merges into a map and changes nothing', () => {
    const a = parseDataFile('.chezmoidata.json', '{"m": {"x": 1}, "n": {"k": 1}}');
    const b = parseDataFile('.chezmoidata.toml', 'm = "flat"\nn = {}\n');
    const { tree, leaves } = mergeData([a, b]);
    expect(tree).toEqual({ m: 'flat', n: { k: 1 } });
    expect(leaves.map((l) => l.path.join('.')).sort()).toEqual(['m', 'n.k']);
  });

  test('files with errors contribute nothing', () => {
    const bad = parseDataFile('.chezmoidata.yaml', 'a: [\n');
    const good = parseDataFile('.chezmoidata.json', '{"a": 1}');
    expect(mergeData([bad, good]).tree).toEqual({ a: 1 });
  });
});
