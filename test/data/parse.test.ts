import fc from 'fast-check';
import { parseDataFile, type DataLeaf, type DataFileResult } from '../../src/data/index.js';
import { entryForRepoPath } from '../../src/source/index.js';

/** path → [line, column, value] of the winning definition, for compact assertions. */
function at(r: DataFileResult): Record<string, [number, number, unknown]> {
  expect(r.error).toBeNull();
  return Object.fromEntries(r.leaves.map((l: DataLeaf) => {
    const p = l.definedIn[l.definedIn.length - 1]!;
    return [l.path.join('.'), [p.line, p.column, l.value]];
  }));
}

describe('YAML', () => {
  test('nested maps, lists as a leaf plus element leaves, quoted keys, positions of keys', () => {
    const text = [
      'name: Rain',                 // 1
      'secrets:',                   // 2
      '  github:',                  // 3
      '    token: ghp_abc',         // 4
      '  "quoted.key": 7',          // 5
      'tags: [a, "b"]',             // 6
      'hosts:',                     // 7
      '  - name: h1',               // 8
      '    port: 22',               // 9
      '  - plain',                  // 10
      'enabled: true',              // 11
      'nothing:',                   // 12
      'empty: {}',                  // 13
    ].join('\n');
    const r = parseDataFile('.chezmoidata.yaml', text);
    expect(at(r)).toEqual({
      'name': [1, 1, 'Rain'],
      'secrets.github.token': [4, 5, 'ghp_abc'],
      'secrets.quoted.key': [5, 3, 7],
      'tags': [6, 1, ['a', 'b']],
      'tags.0': [6, 8, 'a'],
      'tags.1': [6, 11, 'b'],
      'hosts': [7, 1, [{ name: 'h1', port: 22 }, 'plain']],
      'hosts.0.name': [8, 5, 'h1'],
      'hosts.0.port': [9, 5, 22],
      'hosts.1': [10, 5, 'plain'],
      'enabled': [11, 1, true],
      'nothing': [12, 1, null],
      'empty': [13, 1, {}],
    });
    const roles = Object.fromEntries(r.leaves.map((l) => [l.path.join('.'), l.role]));
    expect(roles).toMatchObject({ 'tags': 'list', 'tags.0': 'element', 'hosts.0.name': 'element', 'name': 'value' });
    expect(r.leaves.find((l) => l.path.join('.') === 'secrets.quoted.key')!.path).toEqual(['secrets', 'quoted.key']);
    const token = r.leaves.find((l) => l.path[2] === 'token')!;
    expect(token.definitions[0]!.valueSpan).toMatchObject({ line: 4, column: 12, endLine: 4, endColumn: 19 });
    expect(text.slice(...token.definitions[0]!.valueRange!)).toBe('ghp_abc');
    expect(r.tree).toMatchObject({ secrets: { github: { token: 'ghp_abc' } }, tags: ['a', 'b'] });
  });

  test('go-yaml v3 semantics: yes/on stay strings, merge keys, anchors', () => {
    const r = parseDataFile('d/.chezmoidata.yml', 'flag: yes\nbase: &b\n  user: me\n  port: 1\nprod:\n  <<: *b\n  port: 2\nref: *b\n');
    const a = at(r);
    expect(a['flag']).toEqual([1, 1, 'yes']);
    expect(a['prod.user']![2]).toBe('me');
    expect(a['prod.port']).toEqual([7, 3, 2]);
    expect(a['ref.user']![2]).toBe('me');
  });

  test('an alias reads the last anchor of its name before it; one with no anchor before it is its own text', () => {
    // Anchors may be redefined (the later one wins from there on); an alias before any anchor of its name dangles.
    const text = 'early: *k\nfirst: &k one\nx: *k\nsecond: &k two\ny: *k\nlist: &l [a, b]\nz: *l\n';
    const r = parseDataFile('.chezmoidata.yaml', text);
    expect(r.error).toBeNull();
    expect(r.tree).toMatchObject({ early: '*k', x: 'one', y: 'two', z: ['a', 'b'] });
    const a = at(r);
    expect(a['x']).toEqual([3, 1, 'one']);
    expect(a['y']).toEqual([5, 1, 'two']);
    expect(a['early']![2]).toBe('*k');
    expect(a['z.1']![2]).toBe('b');
  });

  test('a "billion laughs" document is refused at once; a file with thousands of aliases parses', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const bomb = parseDataFile('.chezmoidata.yaml', laughs.join('\n') + '\n');
    expect(bomb.error?.message).toBe('could not parse YAML: too many aliases (resource exhaustion)');
    const many = ['base: &base {user: me, port: 22}', ...Array.from({ length: 2000 }, (_, i) => `h${i}: *base`)].join('\n');
    const r = parseDataFile('.chezmoidata.yaml', many + '\n');
    expect(r.error).toBeNull();
    expect(r.leaves.filter((l) => l.path[1] === 'user')).toHaveLength(2001);
  });

  test('CRLF, BOM and wide characters: columns count code points after the BOM', () => {
    const r = parseDataFile('.chezmoidata.yaml', '\uFEFFa: 1\r\nb:\r\n  \u{1F600}x: "é"\r\n  y: 2\r\n');
    const a = at(r);
    expect(a['a']).toEqual([1, 1, 1]);
    expect(a['b.\u{1F600}x']).toEqual([3, 3, 'é']);
    expect(a['b.y']).toEqual([4, 3, 2]);
    const v = r.leaves.find((l) => l.path[1] === '\u{1F600}x')!.definitions[0]!.valueSpan!;
    expect(v.column).toBe(7);
  });

  test('empty and comment-only files are empty data', () => {
    expect(parseDataFile('.chezmoidata.yaml', '')).toMatchObject({ tree: {}, leaves: [], error: null });
    expect(parseDataFile('.chezmoidata.yaml', '# nothing\n---\n')).toMatchObject({ tree: {}, error: null });
  });

  test('errors name line and column in one sentence', () => {
    const r = parseDataFile('.chezmoidata.yaml', 'a: 1\nb:\n  c: [1, 2\nd: 4\n');
    expect(r.error).toMatchObject({ file: '.chezmoidata.yaml', line: expect.any(Number), column: expect.any(Number) });
    expect(r.error!.message).toMatch(/^could not parse YAML: [a-z ]+ at line \d+, column \d+$/);
    const dup = parseDataFile('.chezmoidata.yaml', 'a: 1\na: 2\n');
    expect(dup.error!.message).toBe('could not parse YAML: duplicate key at line 2, column 1');
    const list = parseDataFile('.chezmoidata.yaml', '- a\n- b\n');
    expect(list.error!.message).toBe('could not load YAML: the top level is not a map at line 1, column 1');
  });

  test('a line indented too far is blamed, not the value above it', () => {
    const r = parseDataFile('.chezmoidata.yaml', 'person:\n  name: Alice Example\n    mail: alice@example.org\n');
    expect(r.error).toEqual({
      file: '.chezmoidata.yaml',
      line: 3,
      column: 9,
      message: 'could not parse YAML: mapping value not allowed here (is the line indented too far?) at line 3, column 9',
    });
    // Too little indentation was already placed right.
    expect(parseDataFile('.chezmoidata.yaml', 'a:\n  b: 1\n c: 2\n').error).toMatchObject({ line: 3, column: 1 });
  });
});

describe('TOML', () => {
  test('tables, dotted and quoted keys, inline tables, arrays, arrays of tables', () => {
    const text = [
      'name = "Rain"',                               // 1
      'a.b.c = true',                                // 2
      '"quoted.key" = 1',                            // 3
      '[secrets.github]',                            // 4
      'token = "ghp_abc"',                           // 5
      '[inline]',                                    // 6
      'point = { x = 1, y = { z = "deep" } }',       // 7
      'list = ["one", 2]',                           // 8
      '[[servers]]',                                 // 9
      'host = "a"',                                  // 10
      '[[servers]]',                                 // 11
      'host = "b"',                                  // 12
      '[empty]',                                     // 13
    ].join('\n');
    const r = parseDataFile('.chezmoidata.toml', text);
    expect(at(r)).toEqual({
      'name': [1, 1, 'Rain'],
      'a.b.c': [2, 5, true],
      'quoted.key': [3, 1, 1],
      'secrets.github.token': [5, 1, 'ghp_abc'],
      'inline.point.x': [7, 11, 1],
      'inline.point.y.z': [7, 24, 'deep'],
      'inline.list': [8, 1, ['one', 2]],
      'inline.list.0': [8, 9, 'one'],
      'inline.list.1': [8, 16, 2],
      'servers': [9, 3, [{ host: 'a' }, { host: 'b' }]],
      'servers.0.host': [10, 1, 'a'],
      'servers.1.host': [12, 1, 'b'],
      'empty': [13, 2, {}],
    });
    expect(r.leaves.find((l) => l.path.join('.') === 'servers')!.definitions[0]!.value).toEqual([{ host: 'a' }, { host: 'b' }]);
    expect(r.tree).toEqual({
      name: 'Rain', a: { b: { c: true } }, 'quoted.key': 1, secrets: { github: { token: 'ghp_abc' } },
      inline: { point: { x: 1, y: { z: 'deep' } }, list: ['one', 2] }, servers: [{ host: 'a' }, { host: 'b' }], empty: {},
    });
  });

  test('dates stay as written, big integers lose nothing', () => {
    const r = parseDataFile('.chezmoidata.toml', 'when = 1979-05-27T07:32:00Z\nday = 1979-05-27\nbig = 12345678901234567890\nf = 1.5\n');
    expect(r.tree).toEqual({ when: '1979-05-27T07:32:00Z', day: '1979-05-27', big: '12345678901234567890', f: 1.5 });
  });

  test('errors', () => {
    const r = parseDataFile('.chezmoidata.toml', 'a = 1\nb = "unterminated\n');
    expect(r.error!.message).toMatch(/^could not parse TOML: unterminated string constant at line 2, column \d+$/);
    const dup = parseDataFile('.chezmoidata.toml', 'a = 1\na = 2\n');
    expect(dup.error).toMatchObject({ line: 2, column: 1, message: 'could not parse TOML: defining a key multiple times is invalid at line 2, column 1' });
  });

  test('an unclosed [table header is named at its own line, whatever follows it', () => {
    const msg = (line: number, column: number) => ({ line, column, message: `could not parse TOML: table header not closed with ']' at line ${line}, column ${column}` });
    expect(parseDataFile('.chezmoidata.toml', 'a = 1\n\n  [table\n# note\n\nb = 2\n').error).toMatchObject(msg(3, 3));
    expect(parseDataFile('.chezmoidata.toml', 'a = 1\n[table\n').error).toMatchObject(msg(2, 1));
    expect(parseDataFile('.chezmoidata.toml', '[[servers\nname = "x"\n').error).toMatchObject(msg(1, 1));
    // A `[` opening a nested array inside a value is not a header: the parser's own message stands.
    expect(parseDataFile('.chezmoidata.toml', 'a = [\n  [3,\nb = 1\n').error!.message).not.toMatch(/header/);
  });
});

describe('JSON and JSONC', () => {
  test('positions of keys and elements', () => {
    const r = parseDataFile('.chezmoidata.json', '{\n  "a": {"b": "x"},\n  "list": [1, "two"],\n  "n": null\n}\n');
    expect(at(r)).toEqual({
      'a.b': [2, 9, 'x'],
      'list': [3, 3, [1, 'two']],
      'list.0': [3, 12, 1],
      'list.1': [3, 15, 'two'],
      'n': [4, 3, null],
    });
  });

  test('.json is strict, .jsonc takes comments and trailing commas', () => {
    const text = '{\n  // comment\n  "a": 1,\n}\n';
    const strict = parseDataFile('.chezmoidata.json', text);
    expect(strict.error!.message).toMatch(/^could not parse JSON: invalid comment token at line 2, column 3$/);
    const loose = parseDataFile('.chezmoidata.jsonc', text);
    expect(at(loose)).toEqual({ a: [3, 3, 1] });
  });

  test('duplicate keys: the last one wins, both definitions kept', () => {
    const r = parseDataFile('.chezmoidata.json', '{"a": 1, "a": 2}');
    const leaf = r.leaves.find((l) => l.path[0] === 'a')!;
    expect(leaf.value).toBe(2);
    expect(leaf.definitions.map((d) => d.value)).toEqual([1, 2]);
  });

  test('top level must be an object; empty file is empty data', () => {
    expect(parseDataFile('.chezmoidata.json', '[1]').error!.message).toBe('could not load JSON: the top level is not an object at line 1, column 1');
    expect(parseDataFile('.chezmoidata.json', '  \n').error).toBeNull();
  });

  test('nesting past 1000 levels is an error at the bracket that goes too deep, not a stack overflow', () => {
    const ok = parseDataFile('.chezmoidata.json', `{"a":\n${'['.repeat(999)}"deep"${']'.repeat(999)}}`);
    expect(ok.error).toBeNull();
    expect(ok.leaves.some((l) => l.value === 'deep')).toBe(true);
    for (const depth of [1000, 200_000]) {
      const r = parseDataFile('.chezmoidata.jsonc', `{"a":\n  // a comment [[[\n  ${'['.repeat(depth)}${']'.repeat(depth)}}`);
      expect(r.error).toEqual({ file: '.chezmoidata.jsonc', line: 3, column: 1002, message: 'could not parse JSONC: nested deeper than 1000 levels at line 3, column 1002' });
    }
  });
});

describe('TOML nesting', () => {
  test('nesting past 1000 levels is an error at the bracket that goes too deep, with its line (not a bare "could not parse TOML")', () => {
    const ok = parseDataFile('.chezmoidata.toml', `[t]\na = ${'['.repeat(999)}"deep"${']'.repeat(999)}\nb = { c = { d = "x" } }\n`);
    expect(ok.error).toBeNull();
    expect(ok.leaves.some((l) => l.value === 'deep')).toBe(true);
    for (const depth of [1001, 200_000]) {
      // Brackets in comments and strings (basic, literal, multi-line) are not nesting.
      const text = `# a comment [[[\ns = "[[[ \\" [[["\nl = '''\n[[[ {{{\n'''\nm = \"\"\"[[[\"\"\"\na = ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      const r = parseDataFile('.chezmoidata.toml', text);
      expect(r.error).toEqual({ file: '.chezmoidata.toml', line: 7, column: 1005, message: 'could not parse TOML: nested deeper than 1000 levels at line 7, column 1005' });
    }
  });
});

describe('errors never quote the file', () => {
  const secret = 'hunter2-Sup3rS3cr3t-value';
  test.each([
    ['.chezmoidata.yaml', `a:\n  password: "${secret}\n  b: [\n`],
    ['.chezmoidata.yaml', `password: ${secret}\n  bad: indent\n`],
    ['.chezmoidata.toml', `password = ${secret}\n`],
    ['.chezmoidata.toml', `password = "${secret}"\npassword = "${secret}"\n`],
    ['.chezmoidata.json', `{"password": "${secret}" "x": 1}`],
    ['.chezmoidata.jsonc', `{"password": ${secret}}`],
  ])('%s', (file, text) => {
    const r = parseDataFile(file, text);
    expect(r.error).not.toBeNull();
    expect(r.error!.message).not.toContain('hunter2');
    expect(r.error!.message).toMatch(/line \d+, column \d+$/);
  });

  test('property: no error message contains a 6+ character run of the input', () => {
    const formats = ['.chezmoidata.yaml', '.chezmoidata.toml', '.chezmoidata.json'];
    fc.assert(
      fc.property(fc.constantFrom(...formats), fc.stringMatching(/^[A-Za-z0-9]{12,24}$/), fc.constantFrom('a: [', 'x = ', '{"k": '), (file, value, prefix) => {
        const r = parseDataFile(file, `${prefix}${value} ][ "${value}\n`);
        if (!r.error) return true;
        return !r.error.message.includes(value.slice(0, 6));
      }),
      { numRuns: 150 },
    );
  });
});

// Which files are data is the source classifier's to say (src/source/attributes.ts), for every stage.
describe('data files, as the source classifier names them', () => {
  test.each([
    ['.chezmoidata.yaml', true],
    ['.chezmoidata.yml', true],
    ['dot_config/.chezmoidata.toml', true],
    ['home/.chezmoidata.jsonc', true],
    ['.chezmoidata/packages.yaml', true],
    ['.chezmoidata/sub/x.json', true],
    ['.chezmoidata/unknown', true],
    ['.chezmoidata/.chezmoiignore', true],
    ['.chezmoidata/.hidden.yaml', false],
    ['.chezmoidata.ini', false],
    ['chezmoidata.yaml', false],
    ['.github/.chezmoidata.yaml', false],
    ['.git/.chezmoidata/x.yaml', false],
  ])('%s → %s', (p, expected) => expect(entryForRepoPath(p, '').entry.kind === 'data').toBe(expected));

  test('unknown format and .chezmoi entries in .chezmoidata/ are errors, as in chezmoi', () => {
    expect(parseDataFile('.chezmoidata/unknown', 'x').error!.message).toContain('unknown data format');
    expect(parseDataFile('.chezmoidata/.chezmoiignore', '').error!.message).toContain('not allowed in the .chezmoidata folder');
  });
});
