import TOML from '@iarna/toml';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { removeKeys, DataEditError, editFormatOf } from '../../src/migrate/data-edit/index.js';
import { DATA_FORMATS } from '../../src/source/attributes.js';

type Tree = Record<string, unknown>;

function parseData(file: string, text: string): Tree {
  const body = text.replace(/^\uFEFF/, '');
  if (/\.ya?ml$/.test(file)) return (parseYaml(body) ?? {}) as Tree;
  if (/\.toml$/.test(file)) return JSON.parse(JSON.stringify(TOML.parse(body))) as Tree;
  return parseJsonc(body) as Tree;
}

/** The input's data with the paths deleted (their maps kept, possibly empty). */
function without(tree: Tree, paths: string[][]): Tree {
  const copy = structuredClone(tree);
  for (const path of paths) {
    let node = copy as Record<string, unknown>;
    for (const seg of path.slice(0, -1)) node = node[seg] as Record<string, unknown>;
    delete node[path[path.length - 1]!];
  }
  return copy;
}

/** Byte-exact expectation plus a real re-parse: everything not removed is unchanged. */
function check(file: string, input: string, paths: string[][], expected: string): void {
  const result = removeKeys(file, input, paths);
  expect(result.text).toBe(expected);
  expect(result.removed).toEqual(paths);
  expect(result.notFound).toEqual([]);
  expect(parseData(file, result.text)).toEqual(without(parseData(file, input), paths));
}

describe('YAML', () => {
  test('comment above and beside go with the pair; neighbours and their comments stay', () => {
    check('.chezmoidata.yaml', [
      'name: rain # who',
      '# the API key',
      '# (from acoustid.org)',
      'acoustid_api: abc123 # secret',
      '# about email',
      'email: r@example.com',
      '',
    ].join('\n'), [['acoustid_api']], [
      'name: rain # who',
      '# about email',
      'email: r@example.com',
      '',
    ].join('\n'));
  });

  test('a file header comment stays even above the first key', () => {
    check('.chezmoidata.yml', '# my data\ntoken: x\nother: 1\n', [['token']], '# my data\nother: 1\n');
  });

  test('nested map: last key of a map, its map left as {} and a block scalar', () => {
    check('.chezmoidata/secrets.yaml', [
      'github: # GitHub',
      '  # the token',
      '  token: ghp_x',
      'ssh:',
      '  user: me',
      '  key: |',
      '    -----BEGIN-----',
      '    abc',
      '  port: 22',
      '',
    ].join('\n'), [['github', 'token'], ['ssh', 'key']], [
      'github: {} # GitHub',
      'ssh:',
      '  user: me',
      '  port: 22',
      '',
    ].join('\n'));
  });

  test('blank lines do not pile up; an emptied root becomes {}', () => {
    check('d.yaml', 'a: 1\n\nsecret: x\n\nb: 2\n', [['secret']], 'a: 1\n\nb: 2\n');
    check('d.yaml', '# header\n\nonly: x\n', [['only']], '# header\n{}\n');
  });

  test('flow maps keep their braces and separators right', () => {
    check('d.yaml', 'github: {token: x, user: me}\nb: {k: 1}\nc: {p: 1, q: 2, r: 3}\n',
      [['github', 'token'], ['b', 'k'], ['c', 'q'], ['c', 'r']],
      'github: {user: me}\nb: {}\nc: {p: 1}\n');
  });

  test('CRLF and a BOM survive', () => {
    check('d.yaml', '\uFEFFa: 1\r\n# tok\r\ntoken: x\r\nb:\r\n  c: 2\r\n', [['token'], ['b', 'c']], '\uFEFFa: 1\r\nb: {}\r\n');
  });

  test('document markers, null values, folded scalars, quoted values', () => {
    check('d.yaml', '---\na: 1\nempty:\nsecret: x\n...\n', [['secret'], ['empty']], '---\na: 1\n...\n');
    check('d.yaml', "k: 'single'\nl: \"dq\"\nm: >\n  folded\n  text\nn: 1\n", [['k'], ['m']], 'l: "dq"\nn: 1\n');
  });

  test('a comment closing a map stays; a removed last pair takes no blank line with it', () => {
    check('d.yaml', 'a:\n  b: 1\n  # end of a\nc: 2\n', [['a', 'b']], 'a: {}\n  # end of a\nc: 2\n');
    check('d.yaml', 'a:\n  b: 1\n\n  # about c\n  c: 2\n', [['a', 'c']], 'a:\n  b: 1\n');
  });

  test('a multi-line flow map', () => {
    check('d.yaml', 'a: {\n  b: 1,\n  c: 2\n}\n', [['a', 'b']], 'a: {\n  c: 2\n}\n');
  });

  test('quoted keys, not found and list paths are reported', () => {
    const r = removeKeys('d.yaml', '"my key": 1\nlist:\n  - a: 1\n', [['my key'], ['nope'], ['list', '0', 'a']]);
    expect(r.text).toBe('list:\n  - a: 1\n');
    expect(r.removed).toEqual([['my key']]);
    expect(r.notFound).toEqual([['nope']]);
    expect(r.unsupported).toEqual([{ path: ['list', '0', 'a'], reason: 'key not at the start of its line (line 3)' }]);
  });

  test('a key of a map in a list goes, the element stays (range over a list of accounts)', () => {
    const input = 'mail:\n  accounts:\n    - name: work\n      password: x\n    - name: home\n      # old\n      password: y\n';
    const r = removeKeys('d.yaml', input, [['mail', 'accounts', '0', 'password'], ['mail', 'accounts', '1', 'password']]);
    expect(r.text).toBe('mail:\n  accounts:\n    - name: work\n    - name: home\n');
    expect(r.removed).toHaveLength(2);
    const j = removeKeys('d.json', '{"l": [{"n": "a", "p": "x"}, {"n": "b", "p": "y"}]}', [['l', '0', 'p'], ['l', '1', 'p']]);
    expect(j.text).toBe('{"l": [{"n": "a"}, {"n": "b"}]}');
    const t = removeKeys('d.toml', '[[mail.accounts]]\nname = "work"\npassword = "x"\n\n[[mail.accounts]]\nname = "home"\npassword = "y"\n', [['mail', 'accounts', '0', 'password'], ['mail', 'accounts', '1', 'password']]);
    expect(t.text).toBe('[[mail.accounts]]\nname = "work"\n\n[[mail.accounts]]\nname = "home"\n');
    expect(t.removed).toHaveLength(2);
  });
});

describe('TOML', () => {
  test('[table] keys with comments above and beside', () => {
    check('.chezmoidata.toml', [
      '# header',
      'name = "rain"',
      '',
      '[github]',
      'user = "me" # login',
      '# token for gh',
      'token = "ghp_x" # secret',
      '',
      '[music]',
      'acoustid_api = "abc"',
      '',
    ].join('\n'), [['github', 'token'], ['music', 'acoustid_api']], [
      '# header',
      'name = "rain"',
      '',
      '[github]',
      'user = "me" # login',
      '',
      '[music]',
      '',
    ].join('\n'));
  });

  test('dotted keys: a sibling keeps the table; the last one leaves parent = {}', () => {
    check('d.toml', 'a.b = 1\na.secret = "x"\nsvc.api.key = "k"\nsvc.name = "n"\n', [['a', 'secret'], ['svc', 'api', 'key']],
      'a.b = 1\nsvc.api = {}\nsvc.name = "n"\n');
    check('d.toml', '[data]\n  gh.token = "x"\n  gh.user = "y"\n', [['data', 'gh', 'token'], ['data', 'gh', 'user']],
      '[data]\n  gh = {}\n');
  });

  test('inline tables: items cut with their separators, {} when emptied', () => {
    check('d.toml', 'gh = { token = "x", user = "me" }\nk = { only = "s" }\nm = { a = 1, b = 2, c = 3 }\n',
      [['gh', 'token'], ['k', 'only'], ['m', 'b'], ['m', 'c']],
      'gh = { user = "me" }\nk = {}\nm = { a = 1 }\n');
  });

  test('multi-line strings, CRLF and BOM', () => {
    check('d.toml', '\uFEFFkey = """\r\nline1\r\nline2"""\r\nb = 1\r\n', [['key']], '\uFEFFb = 1\r\n');
  });

  test('quoted keys with dots, multi-line arrays, comments above a first key', () => {
    check('d.toml', '"my.key" = 1\n[a."b.c"]\nd = 2\ne = 3\n', [['my.key'], ['a', 'b.c', 'd']], '[a."b.c"]\ne = 3\n');
    check('d.toml', '[a]\n# about b\nb = 1\n\n[c]\nd = [\n  1,\n  2,\n]\n', [['a', 'b'], ['c', 'd']], '[a]\n\n[c]\n');
  });

  test('a key of an array-of-tables element goes (the element stays), missing keys are not found', () => {
    const r = removeKeys('d.toml', '[[servers]]\npassword = "x"\n', [['servers', '0', 'password'], ['nope']]);
    expect(r.text).toBe('[[servers]]\n');
    expect(r.unsupported).toEqual([]);
    expect(r.notFound).toEqual([['nope']]);
  });
});

describe('JSON / JSONC', () => {
  test('JSON: middle, last and only members', () => {
    check('.chezmoidata.json', '{\n  "a": 1,\n  "gh": {\n    "token": "x"\n  },\n  "secret": "s",\n  "z": 2\n}\n',
      [['gh', 'token'], ['secret']],
      '{\n  "a": 1,\n  "gh": {},\n  "z": 2\n}\n');
  });

  test('JSONC: comment lines above go, others stay, trailing member', () => {
    check('.chezmoidata.jsonc', '{\n  // name\n  "name": "rain",\n  // the token\n  "token": "x" // secret\n}\n',
      [['token']], '{\n  // name\n  "name": "rain"\n}\n');
  });

  test('compact one-line objects', () => {
    check('d.json', '{"a": 1, "b": 2, "c": {"d": 3}}', [['b'], ['c', 'd']], '{"a": 1, "c": {}}');
  });

  test('JSONC: trailing commas, a trailing comment goes with its line, block comments stay', () => {
    check('d.jsonc', '{\n  "a": 1,\n  "b": 2, // trailing\n  /* block */\n  "c": 3,\n}\n', [['c'], ['b']], '{\n  "a": 1\n  /* block */\n}\n');
  });

  test('CRLF JSON', () => {
    check('d.json', '{\r\n  "a": 1,\r\n  "b": 2\r\n}\r\n', [['a']], '{\r\n  "b": 2\r\n}\r\n');
  });
});

describe('config template [data]', () => {
  test('TOML: static key lines go, actions and other lines stay byte for byte', () => {
    const input = [
      '{{- $email := promptStringOnce . "email" "Email" -}}',
      '[data]',
      '    email = {{ $email | quote }}',
      '    acoustid_api = "abc123"',
      '{{ if eq .chezmoi.os "darwin" }}',
      '    brew = true',
      '{{ end }}',
      '    name = "x {{ .chezmoi.hostname }}"',
      '',
    ].join('\n');
    const r = removeKeys('.chezmoi.toml.tmpl', input, [['acoustid_api']]);
    expect(r.removed).toEqual([['acoustid_api']]);
    expect(r.text).toBe(input.replace('    acoustid_api = "abc123"\n', ''));
  });

  test('TOML: an entry produced by an action is refused, the file untouched', () => {
    const input = '[data]\n    email = {{ .email | quote }}\n';
    const r = removeKeys('.chezmoi.toml.tmpl', input, [['email']]);
    expect(r.text).toBe(input);
    expect(r.unsupported).toEqual([{ path: ['email'], reason: 'the entry involves a template action' }]);
  });

  test('if/else branches defining the same key: each branch is located, both lines go', () => {
    const input = [
      '[data]',
      '{{- if eq .chezmoi.hostname "work" }}',
      '    token = "work-token"',
      '{{- else }}',
      '    token = "home-token"',
      '{{- end }}',
      '    name = "rain"',
      '',
    ].join('\n');
    const r = removeKeys('.chezmoi.toml.tmpl', input, [['token'], ['missing']]);
    expect(r.removed).toEqual([['token']]);
    expect(r.notFound).toEqual([['missing']]);
    expect(r.text).toBe(['[data]', '{{- if eq .chezmoi.hostname "work" }}', '{{- else }}', '{{- end }}', '    name = "rain"', ''].join('\n'));
  });

  test('YAML: an emptied data map keeps {} and the branch tags stay', () => {
    const input = 'data:\n{{ if .work }}\n  token: a\n{{ else }}\n  token: b\n{{ end }}\n';
    expect(removeKeys('.chezmoi.yaml.tmpl', input, [['token']]).text).toBe('data: {}\n{{ if .work }}\n{{ else }}\n{{ end }}\n');
  });

  test('YAML and JSON config templates, custom delimiters', () => {
    const yaml = '# chezmoi:template:left-delimiter="[[" right-delimiter="]]"\ndata:\n  user: [[ .chezmoi.username ]]\n  token: "t0k"\n';
    expect(removeKeys('.chezmoi.yaml.tmpl', yaml, [['token']]).text).toBe(yaml.replace('  token: "t0k"\n', ''));
    const json = '{\n  "data": {\n    "host": {{ .chezmoi.hostname | toJson }},\n    "token": "t0k"\n  }\n}\n';
    expect(removeKeys('.chezmoi.json.tmpl', json, [['token']]).text).toBe('{\n  "data": {\n    "host": {{ .chezmoi.hostname | toJson }}\n  }\n}\n');
  });
});

test('unparseable files and unknown formats are clear errors', () => {
  expect(() => removeKeys('d.toml', 'a = \n', [['a']])).toThrow(DataEditError);
  expect(() => removeKeys('d.txt', 'a', [['a']])).toThrow(/not a YAML, TOML or JSON data file/);
});

describe('emptied parents are removed when the plan allows it (prune)', () => {
  const all = (): boolean => true;
  function pruned(file: string, input: string, paths: string[][], expected: string, tree: Tree, prune: (p: string[]) => boolean = all): void {
    const r = removeKeys(file, input, paths, { prune });
    expect(r.text).toBe(expected);
    expect(r.removed).toEqual(paths);
    expect(r.notFound).toEqual([]);
    expect(r.unsupported).toEqual([]);
    expect(parseData(file, r.text)).toEqual(tree);
  }

  test('YAML: maps left with nothing go, with their own comment; a kept sibling stays', () => {
    pruned('d.yaml', 'a: 1\n\n# OpenAI\nopenai:\n  api_key: x\n\nrclone:\n  b2:\n    key: y\n  local:\n    path: /x\nz: 2\n',
      [['openai', 'api_key'], ['rclone', 'b2', 'key']],
      'a: 1\n\nrclone:\n  local:\n    path: /x\nz: 2\n', { a: 1, rclone: { local: { path: '/x' } }, z: 2 });
  });

  test('YAML: a parent the templates still need keeps {}', () => {
    pruned('d.yaml', 'openai:\n  api_key: x\nz: 2\n', [['openai', 'api_key']], 'openai: {}\nz: 2\n', { openai: {}, z: 2 }, () => false);
  });

  test('TOML: an emptied [table] goes with its header; nested tables and dotted keys too', () => {
    pruned('d.toml', 'name = "r"\n\n[openai]\napi_key = "x"\n\n[rclone.b2]\nkey = "y"\n\n[other]\nk = 1\nsvc.api.key = "z"\nsvc.name = "n"\n',
      [['openai', 'api_key'], ['rclone', 'b2', 'key'], ['other', 'svc', 'api', 'key']],
      'name = "r"\n\n[other]\nk = 1\nsvc.name = "n"\n', { name: 'r', other: { k: 1, svc: { name: 'n' } } });
  });

  test('config template: an emptied [data.x] table goes, actions and [data] stay', () => {
    const input = '{{ $email := promptStringOnce . "email" "Email" }}\n[data]\n  email = {{ $email | quote }}\n\n[data.openai]\n  api_key = "sk-x"\n';
    const r = removeKeys('.chezmoi.toml.tmpl', input, [['openai', 'api_key']], { prune: () => true });
    expect(r.text).toBe('{{ $email := promptStringOnce . "email" "Email" }}\n[data]\n  email = {{ $email | quote }}\n');
    expect(r.removed).toEqual([['openai', 'api_key']]);
  });

  test('JSON: an emptied object property goes, commas stay right', () => {
    pruned('d.json', '{\n  "a": 1,\n  "openai": {\n    "api_key": "x"\n  }\n}\n', [['openai', 'api_key']], '{\n  "a": 1\n}\n', { a: 1 });
  });
});

describe('section comments', () => {
  test('a comment heading a group stays when its first key goes (YAML, TOML, JSONC)', () => {
    check('d.yaml', 'name: r\n\n# API keys\nopenai_key: x\nweather: abc\n', [['openai_key']], 'name: r\n\n# API keys\nweather: abc\n');
    check('d.toml', 'name = "r"\n\n# API keys\nopenai_key = "x"\nweather = "abc"\n', [['openai_key']], 'name = "r"\n\n# API keys\nweather = "abc"\n');
    check('d.jsonc', '{\n  "name": "r",\n\n  // API keys\n  "openai_key": "x",\n  "weather": "abc"\n}\n', [['openai_key']], '{\n  "name": "r",\n\n  // API keys\n  "weather": "abc"\n}\n');
  });

  test('a comment above a group that goes entirely goes with it', () => {
    check('d.yaml', 'name: r\n\n# API keys\nopenai_key: x\nother_key: y\n\nz: 1\n', [['openai_key'], ['other_key']], 'name: r\n\nz: 1\n');
  });
});

test('the editor knows every data format the loader knows (one table of extensions, src/source/attributes.ts)', () => {
  const editor = { json: 'json', jsonc: 'json', toml: 'toml', yaml: 'yaml', yml: 'yaml' };
  expect(Object.fromEntries(DATA_FORMATS.map((ext) => [ext, editFormatOf(`.chezmoidata/x.${ext}`)?.format]))).toEqual(editor);
  expect(Object.fromEntries(DATA_FORMATS.map((ext) => [ext, editFormatOf(`.chezmoi.${ext}.tmpl`)]))).toEqual(
    Object.fromEntries(Object.entries(editor).map(([ext, format]) => [ext, { format, template: true }])),
  );
  expect(editFormatOf('.chezmoidata.ini')).toBeNull();
  expect(editFormatOf('.chezmoi.ini.tmpl')).toBeNull();
});
