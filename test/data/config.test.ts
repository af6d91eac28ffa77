import { extractConfigData, scanActions, configTemplateActions, type DataFileResult, type DataLeaf } from '../../src/data/index.js';

function byPath(r: DataFileResult): Record<string, DataLeaf> {
  expect(r.error).toBeNull();
  return Object.fromEntries(r.leaves.map((l) => [l.path.join('.'), l]));
}

// The user's reference repo (issue 3): the config template mixes prompts, a password-manager
// reference and static values.
const REFERENCE_TOML = `{{- $email := promptStringOnce . "email_personal" "Personal e-mail" -}}
{{- $desktop := "hyprland" -}}
# chezmoi config
[data]
    name = "Rain"
    email_personal = {{ $email | quote }}
    acoustid_api = "Xk2pQ9vLr7"
    github_token = "{{ onepasswordRead "op://Personal/GitHub/token" }}"
    desktop = {{ $desktop | quote }}
    host = "{{ .chezmoi.hostname }}-box"
    [data.paths]
        notes = "~/notes"

[git]
    autoCommit = true
`;

describe('extractConfigData (TOML)', () => {
  test('static values are leaves with positions in the original file; action values are dynamic', () => {
    const r = extractConfigData('.chezmoi.toml.tmpl', REFERENCE_TOML);
    expect(r.origin).toBe('config');
    const leaves = byPath(r);
    expect(Object.keys(leaves).sort()).toEqual(['acoustid_api', 'desktop', 'email_personal', 'github_token', 'host', 'name', 'paths.notes']);
    expect(leaves['name']).toMatchObject({ value: 'Rain', definedIn: [{ file: '.chezmoi.toml.tmpl', line: 5, column: 5 }] });
    expect(leaves['acoustid_api']).toMatchObject({ value: 'Xk2pQ9vLr7', definedIn: [{ line: 7, column: 5 }] });
    expect(leaves['acoustid_api']!.definitions[0]!.valueSpan).toMatchObject({ line: 7, column: 20, endColumn: 32 });
    expect(leaves['paths.notes']).toMatchObject({ value: '~/notes', definedIn: [{ line: 12, column: 9 }] });
    expect(leaves['email_personal']).toMatchObject({ dynamic: true, value: undefined, functions: ['promptStringOnce', 'quote'] });
    expect(leaves['github_token']).toMatchObject({ dynamic: true, functions: ['onepasswordRead'] });
    // A literal assigned to a variable is still a value written in the repo.
    expect(leaves['desktop']).toMatchObject({ dynamic: true, functions: ['quote'] });
    expect(leaves['desktop']!.definitions[0]!.literals).toEqual(['hyprland']);
    expect(leaves['email_personal']!.definitions[0]!.literals).toBeUndefined();
    expect(leaves['host']!.definitions[0]).toMatchObject({ dynamic: true, refs: ['.chezmoi.hostname'] });
    // Only [data] counts; dynamic values are not in the tree.
    expect(r.tree).toEqual({ name: 'Rain', acoustid_api: 'Xk2pQ9vLr7', paths: { notes: '~/notes' } });
  });

  test('the lenient lexer and the template parser give the same actions and result', () => {
    const fromParser = configTemplateActions('.chezmoi.toml.tmpl', REFERENCE_TOML);
    const fromLexer = scanActions(REFERENCE_TOML);
    const shape = (a: { start: number; end: number; kind: string; literal?: string; passVar?: string; declares: string[] }) => [a.start, a.end, a.kind, a.literal, a.passVar, a.declares];
    expect(fromLexer.map(shape)).toEqual(fromParser.map(shape));
    expect(extractConfigData('.chezmoi.toml.tmpl', REFERENCE_TOML, fromLexer)).toEqual(extractConfigData('.chezmoi.toml.tmpl', REFERENCE_TOML));
  });

  test('if/else branches that define the same key are parsed one by one: every value is kept', () => {
    const text = '[data]\n{{ if eq .chezmoi.os "darwin" }}\n  font = 14\n  token = "tok-mac"\n{{ else }}\n  font = 11\n  token = "tok-linux"\n{{ end }}\n  name = "x"\n';
    const leaves = byPath(extractConfigData('.chezmoi.toml.tmpl', text));
    expect(leaves['token']!.definitions.map((d) => [d.position.line, d.value])).toEqual([[4, 'tok-mac'], [7, 'tok-linux']]);
    expect(leaves['font']!.definedIn.map((p) => p.line)).toEqual([3, 6]);
    expect(leaves['name']!.value).toBe('x');
  });

  test('a variable assigned from a password manager makes its uses reference it', () => {
    const text = '{{ $t := bitwarden "item" "x" }}{{ $u := $t.login.password }}\n[data]\n  pw = {{ $u | quote }}\n';
    const leaves = byPath(extractConfigData('.chezmoi.toml.tmpl', text));
    expect(leaves['pw']).toMatchObject({ dynamic: true, functions: ['bitwarden', 'quote'] });
  });

  test('literals reach a value through reassignments in branches and variable copies', () => {
    const text = [
      '{{- $env := "home" -}}',
      '{{- if eq .chezmoi.hostname "work-laptop" }}{{ $env = "work" }}{{ end -}}',
      '{{- $copy := $env -}}',
      '{{- $prompted := promptStringOnce . "x" "X" -}}',
      '[data]',
      '  env = {{ $copy | quote }}',
      '  direct = {{ "ghp_literalInTemplate" | quote }}',
      '  asked = {{ $prompted | quote }}',
    ].join('\n');
    const leaves = byPath(extractConfigData('.chezmoi.toml.tmpl', text));
    expect(leaves['env']!.definitions[0]).toMatchObject({ dynamic: true, literals: ['home', 'work'] });
    expect(leaves['direct']!.definitions[0]).toMatchObject({ dynamic: true, literals: ['ghp_literalInTemplate'] });
    expect(leaves['asked']!.definitions[0]!.literals).toBeUndefined();
    expect(leaves['asked']!.functions).toEqual(['promptStringOnce', 'quote']);
  });

  test('custom delimiters from a chezmoi:template directive; comments and define blocks are not data', () => {
    const text = '# chezmoi:template:left-delimiter="[[" right-delimiter="]]"\n[[/* a comment with {{ braces }} */]]\n[[ define "x" ]]junk = 1[[ end ]]\n[data]\n  a = "{{ literal }}"\n  b = [[ .x | quote ]]\n';
    const leaves = byPath(extractConfigData('.chezmoi.toml.tmpl', text));
    expect(leaves['a']).toMatchObject({ value: '{{ literal }}', definedIn: [{ line: 5, column: 3 }] });
    expect(leaves['b']).toMatchObject({ dynamic: true, functions: ['quote'] });
    expect(Object.keys(leaves).sort()).toEqual(['a', 'b']);
  });

  test('an invalid file is one clear error with its position, quoting nothing', () => {
    const r = extractConfigData('.chezmoi.toml.tmpl', '[diff]\nexclude: ["scripts"]\n');
    expect(r.error).toMatchObject({ file: '.chezmoi.toml.tmpl', line: 2, column: 8 });
    expect(r.error!.message).toBe('could not parse the config template as TOML (template actions removed): unexpected character at line 2, column 8');
  });
});

describe('extractConfigData (YAML and JSON)', () => {
  test('YAML: data: section, actions as values, whole-line actions skipped', () => {
    const text = [
      '{{- $name := promptStringOnce . "name" "Name" -}}',
      'data:',
      '  name: {{ $name }}',
      '  email: "rain@example.org"',
      '  secret: "{{ (keepassxc "x").Password }}"',
      '  tags:',
      '    {{- range list "a" "b" }}',
      '    - {{ . }}',
      '    {{- end }}',
      '  static: [x, y]',
      'git:',
      '  autoCommit: true',
    ].join('\n');
    const leaves = byPath(extractConfigData('.chezmoi.yaml.tmpl', text));
    expect(leaves['name']).toMatchObject({ dynamic: true, functions: ['promptStringOnce'], definedIn: [{ line: 3, column: 3 }] });
    expect(leaves['email']).toMatchObject({ value: 'rain@example.org', definedIn: [{ line: 4, column: 3 }] });
    expect(leaves['secret']).toMatchObject({ dynamic: true, functions: ['keepassxc'] });
    expect(leaves['static']).toMatchObject({ value: ['x', 'y'], role: 'list' });
    expect(leaves['static.1']).toMatchObject({ value: 'y', definedIn: [{ line: 10, column: 15 }] });
    expect(leaves['tags.0']).toMatchObject({ dynamic: true });
  });

  test('JSON: "data" object; an unquoted action becomes a placeholder string', () => {
    const text = '{\n  "data": {\n    "email": {{ .email | quote }},\n    "name": "Rain"\n  }\n}\n';
    const leaves = byPath(extractConfigData('.chezmoi.json.tmpl', text));
    expect(leaves['name']).toMatchObject({ value: 'Rain', definedIn: [{ line: 4, column: 5 }] });
    expect(leaves['email']).toMatchObject({ dynamic: true, functions: ['quote'] });
    expect(leaves['email']!.definitions[0]!.refs).toEqual(['.email']);
  });

  test('BOM and CRLF keep positions right', () => {
    const text = '\uFEFF{{ $x := env "X" }}\r\n[data]\r\n  a = "1"\r\n  b = {{ $x | quote }}\r\n';
    const leaves = byPath(extractConfigData('.chezmoi.toml.tmpl', text));
    expect(leaves['a']).toMatchObject({ value: '1', definedIn: [{ line: 3, column: 3 }] });
    expect(leaves['b']).toMatchObject({ dynamic: true, functions: ['env', 'quote'] });
  });
});
