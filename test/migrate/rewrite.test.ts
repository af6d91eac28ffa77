import { parseTemplate } from '../../src/template/index.js';
import { readsOf, rewriteTemplate, rewriteTemplateTargets, type RewriteOptions } from '../../src/migrate/rewrite.js';

const SECRETS = new Map([
  ['acoustid_api', { secretFile: '/run/secrets/acoustid_api' }],
  ['x', { secretFile: '/run/secrets/x' }],
  ['github.token', { secretFile: '/run/secrets/github/token' }],
  ['secrets.a', { secretFile: '/run/secrets/secrets/a' }],
]);

function rewrite(text: string, opts: RewriteOptions = {}) {
  const parsed = parseTemplate(text);
  expect(parsed.error).toBeNull();
  const r = rewriteTemplate(text, parsed, SECRETS, opts);
  if (r.manual.length === 0) {
    // Every rewrite must parse again and read no secret any more.
    const again = parseTemplate(r.text);
    expect(again.error).toBeNull();
    expect(readsOf(again, [...SECRETS.keys()].map((k) => k.split('.')))).toEqual([]);
  }
  return r;
}

const X = 'include "/run/secrets/x" | trim';
const TOKEN = 'include "/run/secrets/github/token" | trim';

describe('rewriteTemplate: the forms of the issue, byte for byte', () => {
  it.each([
    ['the user example', 'api_key = "{{ .acoustid_api }}"', 'api_key = "{{ include "/run/secrets/acoustid_api" | trim }}"'],
    ['first pipeline stage', '{{ .x | quote }}', `{{ ${X} | quote }}`],
    ['an argument', '{{ printf "%s" .x }}', `{{ printf "%s" (${X}) }}`],
    ['a condition', '{{ if .x }}set{{ end }}', `{{ if (${X}) }}set{{ end }}`],
    ['an else-if condition', '{{ if .y }}a{{ else if .x }}b{{ end }}', `{{ if .y }}a{{ else if (${X}) }}b{{ end }}`],
    ['a nested field', '{{ .github.token }}', `{{ ${TOKEN} }}`],
    ['$ root inside range', '{{ range .list }}{{ $.github.token }}{{ end }}', `{{ range .list }}{{ ${TOKEN} }}{{ end }}`],
    ['a variable bound to the secret', '{{ $t := .github.token }}{{ $t }}', `{{ $t := ${TOKEN} }}{{ $t }}`],
    ['a field of a variable bound to a map', '{{ $g := .github }}{{ $g.token }} {{ $g.user }}', `{{ $g := .github }}{{ ${TOKEN} }} {{ $g.user }}`],
    ['inside with', '{{ with .github }}{{ .token }}{{ end }}', `{{ with .github }}{{ ${TOKEN} }}{{ end }}`],
    ['with and a declared variable', '{{ with $g := .github }}{{ $g.token | quote }}{{ end }}', `{{ with $g := .github }}{{ ${TOKEN} | quote }}{{ end }}`],
    ['a static index', '{{ index . "github" "token" }}', `{{ ${TOKEN} }}`],
    ['a static index in a pipeline', '{{ index .github "token" | b64enc }}', `{{ ${TOKEN} | b64enc }}`],
    ['sprig get with a literal key', '{{ get .github "token" | quote }}', `{{ ${TOKEN} | quote }}`],
    ['sprig dig with literal keys', '{{ if dig "github" "token" "" . }}y{{ end }}', `{{ if (${TOKEN}) }}y{{ end }}`],
    ['get of another key leaves the map alone', '{{ get . "name" }}', '{{ get . "name" }}'],
    ['a chain on an index', '{{ (index . "github").token }}', `{{ ${TOKEN} }}`],
    ['a parenthesized read', '{{ (.x) }}', `{{ (${X}) }}`],
    ['a template argument', '{{ template "t" .x }}', `{{ template "t" (${X}) }}`],
    ['with over the secret itself', '{{ with .x }}{{ . }}{{ end }}', `{{ with (${X}) }}{{ . }}{{ end }}`],
    ['comparison', '{{ if eq .x "" }}none{{ end }}', `{{ if eq (${X}) "" }}none{{ end }}`],
  ])('%s', (_name, input, expected) => {
    const r = rewrite(input);
    expect(r.manual).toEqual([]);
    expect(r.text).toBe(expected);
  });

  it('keeps trim markers, CRLF line ends, comments and multi-byte text around the reads', () => {
    const input = 'é ✓ {{/* .x */}}\r\n  {{- .x -}}  \r\nuser={{ .github.user }} tok={{ .github.token }}\r\n';
    const r = rewrite(input);
    expect(r.text).toBe(`é ✓ {{/* .x */}}\r\n  {{- ${X} -}}  \r\nuser={{ .github.user }} tok={{ ${TOKEN} }}\r\n`);
    expect(r.replaced).toEqual([
      { line: 2, column: 7, path: ['x'], start: 24, end: 26 },
      { line: 3, column: 32, path: ['github', 'token'], start: 65, end: 78 },
    ]);
    expect(r.replaced.map((x) => input.slice(x.start, x.end))).toEqual(['.x', '.github.token']);
  });

  it('respects custom delimiters and leaves the directive line alone', () => {
    const input = '# chezmoi:template:left-delimiter="# [[" right-delimiter=]]\ntoken = "# [[ .github.token ]]" # {{ .x }}\n';
    const r = rewrite(input);
    expect(r.text).toBe(`# chezmoi:template:left-delimiter="# [[" right-delimiter=]]\ntoken = "# [[ ${TOKEN} ]]" # {{ .x }}\n`);
  });

  it('rewrites reads in a define body called with the whole data', () => {
    const input = '{{ define "creds" }}{{ .github.token }}{{ end }}{{ template "creds" . }}';
    expect(rewrite(input).text).toBe(`{{ define "creds" }}{{ ${TOKEN} }}{{ end }}{{ template "creds" . }}`);
  });

  it('leaves the trim off for a value that has its own surrounding white space', () => {
    const parsed = parseTemplate('{{ .pad }}');
    const r = rewriteTemplateTargets('{{ .pad }}', parsed, [{ path: ['pad'], secretFile: '/run/secrets/pad', trim: false }]);
    expect(r.text).toBe('{{ include "/run/secrets/pad" }}');
  });

  it('changes nothing in a template without secret reads', () => {
    const input = '{{ .github.user }} {{ range $k, $v := .other }}{{ $k }}{{ end }} {{ hasKey .github "token" }}';
    const r = rewrite(input);
    expect(r.text).toBe(input);
    expect(r.replaced).toEqual([]);
  });

  it('keys with dots go through rewriteTemplateTargets', () => {
    const text = '{{ index . "a.b" }}';
    const r = rewriteTemplateTargets(text, parseTemplate(text), [{ path: ['a.b'], secretFile: '/run/secrets/a_b' }]);
    expect(r.text).toBe('{{ include "/run/secrets/a_b" | trim }}');
  });
});

describe('rewriteTemplate: unsafe uses are manual and the file is left alone', () => {
  it.each([
    ['the whole map to toYaml', '{{ toYaml .secrets }}', /\.secrets, which holds secrets, is passed to toYaml/],
    ['printing a map', 'x\n{{ .github }}', /prints \.github/],
    ['range over a map', '{{ range $k, $v := .github }}{{ $k }}{{ end }}', /range over \.github/],
    ['a dynamic index key', '{{ $k := "token" }}{{ index .github $k }}', /passed to index/],
    ['a variable holding the map passed on', '{{ $g := .github }}{{ toJson $g }}', /\$g, which holds secrets, is passed to toJson/],
    ['the whole data to a function', '{{ toJson . }}', /whole data/],
    ['hasKey on the secret', '{{ if hasKey .github "token" }}y{{ end }}', /hasKey tests github\.token/],
    ['reassigning a variable holding the map', '{{ $g := .other }}{{ if .c }}{{ $g = .github }}{{ end }}{{ $g.token }}', /reassigned/],
    ['a map passed to a template', '{{ template "t" .github }}', /passed to a template/],
  ])('%s', (_name, input, reason) => {
    const r = rewrite(input);
    expect(r.text).toBe(input);
    expect(r.replaced).toEqual([]);
    expect(r.manual.length).toBeGreaterThan(0);
    expect(r.manual[0]!.reason).toMatch(reason);
  });

  it('reports the line of the unsafe use', () => {
    const r = rewrite('a\nb {{ .x }}\n{{ toYaml .github }}\n');
    expect(r.manual).toEqual([{ line: 3, reason: expect.stringContaining('toYaml') }]);
  });

  it('a with over a map that would be left empty tests the secret file instead', () => {
    const data = { dataPaths: [['github', 'token'], ['name']] };
    const STAT = 'stat "/run/secrets/github/token"';
    expect(rewrite('{{ with .github }}{{ .token }}{{ end }}', data).text).toBe(`{{ with (${STAT}) }}{{ ${TOKEN} }}{{ end }}`);
    expect(rewrite('{{ if not .github }}none{{ end }}', data).text).toBe(`{{ if not (${STAT}) }}none{{ end }}`);
    const kept = { dataPaths: [['github', 'token'], ['github', 'user']] };
    expect(rewrite('{{ if not .github }}none{{ end }}', kept).manual).toEqual([]);
    expect(rewrite('{{ with .github }}{{ .token }}{{ end }}', kept).text).toBe(`{{ with .github }}{{ ${TOKEN} }}{{ end }}`);
  });

  it('a range over a list of maps holding secrets reads each element\'s file through the index', () => {
    const secrets = [['l', '0', 'p'], ['l', '1', 'p']].map((path) => ({ path, secretFile: `/run/secrets/${path.join('/')}` }));
    const dataPaths = [['l', '0', 'p'], ['l', '0', 'n'], ['l', '1', 'p'], ['l', '1', 'n']];
    const run = (text: string) => rewriteTemplateTargets(text, parseTemplate(text), secrets, { dataPaths });
    expect(run('{{ range $k, $v := .l }}{{ $v.n }}{{ $v.p }}{{ end }}').text).toBe('{{ range $k, $v := .l }}{{ $v.n }}{{ include (printf "/run/secrets/l/%d/p" $k) | trim }}{{ end }}');
    expect(run('{{ range .l }}{{ .n }}{{ end }}').text).toBe('{{ range .l }}{{ .n }}{{ end }}');
    // Not every element has the secret: the range would see a missing key; manual.
    const partial = rewriteTemplateTargets('{{ range .l }}{{ .p }}{{ end }}', parseTemplate('{{ range .l }}{{ .p }}{{ end }}'), secrets.slice(0, 1), { dataPaths });
    expect(partial.manual[0]!.reason).toMatch(/range over \.l/);
  });

  it('a define body whose callers pass different data cannot be judged', () => {
    const r = rewrite('{{ define "d" }}{{ .token }}{{ end }}{{ template "d" .github }}{{ template "d" .other }}');
    expect(r.manual.map((m) => m.reason).join('\n')).toMatch(/dot is not known|passed to a template/);
  });
});

describe('readsOf', () => {
  it('lists the secrets a template reads or exposes through a map', () => {
    const text = '{{ .x }} {{ toYaml .secrets }} {{ .github.user }}';
    const paths = [['x'], ['secrets', 'a'], ['github', 'token']];
    expect(readsOf(parseTemplate(text), paths).sort()).toEqual([['secrets', 'a'], ['x']]);
  });
});
