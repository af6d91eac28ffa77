import { Lexer, ITEM_NAMES, parseTemplate, refPlace, type ActionNode, type Node, type TemplateRef } from '../../src/template/index.js';
import { walk } from '../../src/template/node.js';

function lex(text: string, left = '{{', right = '}}'): string[] {
  const l = new Lexer(text, { left, right, emitComment: true, breakOK: true, continueOK: true, commentLineQuirk: false });
  const out: string[] = [];
  for (;;) {
    const it = l.nextItem();
    out.push(`${ITEM_NAMES[it.typ]}:${it.val}`);
    if (it.typ === 8 || it.typ === 0) return out;
  }
}

const refs = (text: string, opts = {}): [string, string[] | null][] => {
  const t = parseTemplate(text, opts);
  if (!t.ok) throw new Error(t.error!.message);
  return t.refs.map((r) => [r.text, r.path]);
};

const err = (text: string, opts = {}) => parseTemplate(text, { name: 't', ...opts }).error;

describe('lexer', () => {
  test('text, delimiters, fields, chains, variables, declarations, pipes, keywords', () => {
    expect(lex('a {{ $x := .a.b | printf "%s" }}b')).toEqual([
      'text:a ', 'leftDelim:{{', 'space: ', 'variable:$x', 'space: ', 'declare::=', 'space: ', 'field:.a', 'field:.b',
      'space: ', 'pipe:|', 'space: ', 'identifier:printf', 'space: ', 'string:"%s"', 'space: ', 'rightDelim:}}', 'text:b', 'EOF:',
    ]);
    expect(lex('{{if}}{{else}}{{end}}{{range}}{{break}}{{continue}}{{with}}{{define}}{{template}}{{block}}{{nil}}{{.}}')
      .filter((t) => !t.endsWith('Delim:{{') && !t.endsWith('Delim:}}'))).toEqual([
      'if:if', 'else:else', 'end:end', 'range:range', 'break:break', 'continue:continue', 'with:with', 'define:define',
      'template:template', 'block:block', 'nil:nil', 'dot:.', 'EOF:',
    ]);
  });

  test('trim markers need white space: `{{- 3}}` trims, `{{-3}}` is the number -3', () => {
    expect(lex('a  {{- 3 -}}  b')).toEqual(['text:a', 'leftDelim:{{', 'number:3', 'rightDelim:}}', 'text:b', 'EOF:']);
    expect(lex('a  {{-3}}')).toEqual(['text:a  ', 'leftDelim:{{', 'number:-3', 'rightDelim:}}', 'EOF:']);
    expect(lex('{{-.x}}').pop()).toBe('error:bad number syntax: "-.x"');
  });

  test('every number form, char constants, strings, raw strings spanning lines, bools, complex', () => {
    const nums = ['0x1F', '0o17', '017', '0b101', '1_000', '1e3', '0x1p-2', '2i', '.5', '-3', '1.'];
    for (const n of nums) expect(lex(`{{ ${n} }}`)).toContain(`number:${n}`);
    expect(lex('{{ 1+2i }}')).toContain('complex:1+2i');
    expect(lex("{{ 'a' '\\n' }}")).toEqual(expect.arrayContaining(["charConstant:'a'", "charConstant:'\\n'"]));
    expect(lex('{{ "a\\"}}" `x\ny` true }}')).toEqual(expect.arrayContaining(['string:"a\\"}}"', 'rawString:`x\ny`', 'bool:true']));
  });

  test('comments touch the delimiters, may contain }} and span lines', () => {
    expect(lex('{{/* a }} \n b */}}x')).toEqual(['comment:/* a }} \n b */', 'text:x', 'EOF:']);
    expect(lex('{{/* a */ }}').pop()).toBe('error:comment ends before closing delimiter');
  });

  test('custom delimiters, as with chezmoi directives', () => {
    expect(lex('# [[ .a ]] {{ .b }}', '[[', ']]')).toEqual(['text:# ', 'leftDelim:[[', 'space: ', 'field:.a', 'space: ', 'rightDelim:]]', 'text: {{ .b }}', 'EOF:']);
  });

  test('lexer errors carry Go\'s messages', () => {
    expect(lex('{{ .a').pop()).toBe('error:unclosed action');
    expect(lex('{{ "a').pop()).toBe('error:unterminated quoted string');
    expect(lex('{{ `a').pop()).toBe('error:unterminated raw quoted string');
    expect(lex("{{ 'a").pop()).toBe('error:unterminated character constant');
    expect(lex('{{ (.a }}').pop()).toBe('error:unclosed left paren');
    expect(lex('{{ .a) }}').pop()).toBe("error:unexpected right paren U+0029 ')'");
    expect(lex('{{ a→ }}').pop()).toBe("error:bad character U+2192 '→'");
    expect(lex('{{ \u00a0 }}').pop()).toBe('error:unrecognized character in action: U+00A0');
  });
});

describe('parser: Go\'s grammar and messages', () => {
  test('accepts the control structures', () => {
    const ok = [
      '{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}',
      '{{ range $i, $e := .list }}{{ $i }}{{ $e.name }}{{ break }}{{ continue }}{{ else }}none{{ end }}',
      '{{ range $e := .list }}{{ end }}{{ range .list }}{{ . }}{{ end }}',
      '{{ with $x := .a }}{{ $x }}{{ end }}',
      '{{ define "x" }}{{ .y }}{{ end }}{{ template "x" .a }}{{ block "b" . }}B{{ end }}',
      '{{ (index . "k").b }}{{ (1).a }}{{ now.Year }}{{ $.a }}{{ $ }}',
      '{{ $x := 1 }}{{ $x = 2 }}{{ .a | printf "%s" | quote }}',
      '{{\n  .multi\n  | line\n}}',
    ];
    for (const t of ok) expect([t, parseTemplate(t).error]).toEqual([t, null]);
  });

  test.each([
    ['{{ $y }}', 'undefined variable "$y"'],
    ['{{ with $v := .a }}{{ end }}{{ $v }}', 'undefined variable "$v"'],
    ['a\n{{ .x', 'unclosed action'],
    ['{{ if .a }}', 'unexpected EOF'],
    ['{{ end }}', 'unexpected {{end}}'],
    ['{{ break }}', '{{break}} outside {{range}}'],
    ['{{ range .a }}{{ continue 1 }}{{ end }}', 'unexpected "1" in {{continue}}'],
    ['{{ if .a }}{{ define "x" }}{{ end }}{{ end }}', 'unexpected <define> in command'],
    ['{{ .a | 3 }}', 'non executable command in pipeline stage 2'],
    ['{{ }}', 'missing value for command'],
    ["{{ 'ab' }}", "malformed character constant: 'ab'"],
    ['{{ 08 }}', 'integer overflow: "08"'],
    ['{{ 1__0 }}', 'illegal number syntax: "1__0"'],
    ['{{ "\\q" }}', 'invalid syntax'],
    ['{{ "x".y }}', 'unexpected . after term "\\"x\\""'],
    ['{{ range $i, $e, $f := .a }}{{ end }}', 'too many declarations in range'],
    ['{{ with .a }}{{ else if .b }}{{ end }}', 'unexpected <if> in input'],
    ['{{ define "x" }}a{{ end }}{{ define "x" }}b{{ end }}', 'template: multiple definition of template "x"'],
    ['{{ .a "unclosed\n}}', 'unterminated quoted string'],
  ])('%j fails: %s', (text, message) => {
    expect(err(text)?.message).toBe(message);
  });

  test('error lines are in the original file; a lexer error names where its action started', () => {
    expect(err('a\nb\n{{ if .x }}\n{{ .y')).toMatchObject({ line: 4, message: 'unclosed action' });
    expect(err('{{ .a\n\n "x }}')).toMatchObject({ line: 3, message: 'unterminated quoted string in action started at t:1' });
    expect(err('{{ .a\n\n.b')).toMatchObject({ line: 3, message: 'unclosed action started at t:1', goMessage: 'template: t:3: unclosed action started at t:1' });
  });

  test('`else with` parses as in Go 1.23, and fails as in Go 1.19 in go1.19 mode', () => {
    expect(refs('{{ with .a }}A{{ else with .b }}{{ .c }}{{ end }}')).toEqual([['.a', ['a']], ['.b', ['b']], ['.c', ['b', 'c']]]);
    expect(err('{{ with .a }}A{{ else with .b }}{{ end }}', { go: 'go1.19' })?.message).toBe('unexpected <with> in else');
    expect(err('{{ if .a }}{{ else with .b }}{{ end }}')?.message).toBe('unexpected <with> in input');
  });

  test('unknown functions parse and are listed; strict mode fails like chezmoi', () => {
    const t = parseTemplate('{{ myFunc .a | quote | onepasswordRead "x" }}');
    expect(t.ok).toBe(true);
    expect(t.funcs).toEqual(['myFunc', 'onepasswordRead', 'quote']);
    expect(t.unknownFuncs).toEqual(['myFunc']);
    expect(err('{{ myFunc .a }}', { strictFuncs: true })?.message).toBe('function "myFunc" not defined');
    expect(err('{{ quote .a | b64enc | include "x" | onepasswordRead }}', { strictFuncs: true })).toBeNull();
  });
});

describe('scope resolution', () => {
  test.each([
    ['{{ with .secrets }}{{ .token }}{{ end }}', [['.secrets', ['secrets']], ['.token', ['secrets', 'token']]]],
    ['{{ $x := .a }}{{ $x.b }}', [['.a', ['a']], ['$x.b', ['a', 'b']]]],
    ['{{ range .list }}{{ $.a }}{{ .x }}{{ end }}', [['.list', ['list']], ['$.a', ['a']], ['.x', null]]],
    ['{{ index . "my-key" }}', [['index . "my-key"', ['my-key']]]],
    ['{{ index .a "b" "c" }}', [['index .a "b" "c"', ['a', 'b', 'c']], ['.a', ['a']]]],
    ['{{ (index .a "b").c }}', [['index .a "b"', ['a', 'b']], ['.a', ['a']], ['.c', ['a', 'b', 'c']]]],
    ['{{ with .a }}x{{ else }}{{ .b }}{{ end }}', [['.a', ['a']], ['.b', ['b']]]],
    ['{{ range $k, $v := .m }}{{ $v.x }}{{ $k }}{{ end }}', [['.m', ['m']], ['$v.x', null]]],
    ['{{ with $s := .secrets }}{{ $s.a }}{{ .b }}{{ end }}', [['.secrets', ['secrets']], ['$s.a', ['secrets', 'a']], ['.b', ['secrets', 'b']]]],
    ['{{ with .a }}{{ with .b }}{{ $.c }}{{ . }}{{ end }}{{ end }}', [['.a', ['a']], ['.b', ['a', 'b']], ['$.c', ['c']], ['.', ['a', 'b']]]],
    ['{{ $x := .a }}{{ if .c }}{{ $x = .b }}{{ end }}{{ $x.y }}', [['.a', ['a']], ['.c', ['c']], ['.b', ['b']], ['$x.y', null]]],
    ['{{ $x := .a }}{{ $x = .b }}{{ $x.y }}', [['.a', ['a']], ['.b', ['b']], ['$x.y', ['b', 'y']]]],
    ['{{ (lookup .a).b }}', [['.a', ['a']], ['.b', null]]],
    ['{{ define "d" }}{{ .x }}{{ $.y }}{{ end }}', [['.x', null], ['$.y', null]]],
  ])('%s', (text, expected) => {
    expect(refs(text)).toEqual(expected);
  });

  test('define bodies take the dot the option gives', () => {
    expect(refs('{{ define "d" }}{{ .x }}{{ end }}', { defineDot: ['cfg'] })).toEqual([['.x', ['cfg', 'x']]]);
  });

  test('flowsInto: the function a value is passed to, then later pipeline stages', () => {
    const t = parseTemplate('{{ .a | b64enc | quote }}{{ printf "%s" .b | upper }}{{ include (printf "%s" .c) | trim }}{{ $x := .d }}');
    const flows = Object.fromEntries(t.refs.map((r) => [r.text, r.flowsInto]));
    expect(flows).toEqual({ '.a': ['b64enc', 'quote'], '.b': ['printf', 'upper'], '.c': ['printf', 'include', 'trim'], '.d': [] });
  });
});

describe('positions and spans in the original file', () => {
  test('line, column in code points, byte offset; span covers the whole operand', () => {
    const text = 'é→ {{ .ü.x }}\n  {{ (index . "k").b }}';
    const t = parseTemplate(text);
    const byText = (s: string) => t.refs.find((r) => r.text === s)!;
    expect(byText('.ü.x')).toMatchObject({ line: 1, column: 7, offset: 9 });
    expect(text.slice(byText('.ü.x').start, byText('.ü.x').end)).toBe('.ü.x');
    const chain = byText('.b');
    expect(chain).toMatchObject({ line: 2, column: 19, path: ['k', 'b'] });
    expect(text.slice(chain.start, chain.end)).toBe('(index . "k").b');
  });

  test('directive lines are removed before parsing; positions stay in the original file', () => {
    const text = 'a\n# chezmoi:template:left-delimiter="[[" right-delimiter=]]\nx: [[ .a ]]\n# chezmoi:template:right-delimiter=">>"\nb\n[[ .b >> {{ .c }}';
    const t = parseTemplate(text);
    expect(t.delims).toEqual({ left: '[[', right: '>>' });
    expect(t.directives.map((d) => d.line)).toEqual([2, 4]);
    expect(t.refs.map((r) => [r.text, r.line, r.column])).toEqual([]);
    // `]]` is no longer the right delimiter (the later directive won), so line 3 is unclosed.
    expect(t.error).toMatchObject({ line: 3 });
    const good = parseTemplate('x\n# chezmoi:template:left-delimiter=(: right-delimiter=:)\n(: .a :)\n{{ .b }}');
    expect(good.refs.map((r) => [r.text, r.line, r.column, r.offset])).toEqual([['.a', 3, 4, 61]]);
    expect(good.parsedText).toBe('x\n(: .a :)\n{{ .b }}');
  });

  test('errors after removed directive lines report the original line', () => {
    const t = parseTemplate('# chezmoi:template:missing-key=zero\n\n{{ .a', { name: 't' });
    expect(t.error).toMatchObject({ line: 3, goMessage: 'template: t:2: unclosed action' });
  });

  test('modify_ files: the chezmoi:modify-template line is removed', () => {
    const text = '{{/* chezmoi:modify-template */}}\n{{ .chezmoi.stdin }}';
    expect(parseTemplate(text, { modify: true }).parsedText).toBe('{{ .chezmoi.stdin }}');
    expect(parseTemplate(text, { modify: true }).refs[0]).toMatchObject({ text: '.chezmoi.stdin', line: 2 });
  });

  test('action nodes span their delimiters and trim markers; parents link every node', () => {
    const text = 'a {{- .x | quote -}} b';
    const t = parseTemplate(text);
    const action = t.tree!.nodes.find((n) => n.type === 'Action') as ActionNode;
    expect(text.slice(action.start, action.end)).toBe('{{- .x | quote -}}');
    expect(action.tag).toMatchObject({ trimLeft: true, trimRight: true });
    const ref = t.refs[0] as TemplateRef;
    expect(ref.node.parent?.type).toBe('Command');
    expect(ref.node.parent?.parent?.type).toBe('Pipe');
    expect(ref.node.parent?.parent?.parent).toBe(action);
    const all: Node[] = [];
    walk(t.tree!, (n) => all.push(n));
    for (const n of all) if (n !== t.tree) expect(n.parent).not.toBeNull();
  });

  test('CRLF files: \\r is an ordinary character at the end of the line', () => {
    const t = parseTemplate('a\r\n{{ .x }}\r\n');
    expect(t.refs[0]).toMatchObject({ line: 2, column: 4, offset: 6 });
  });
});

describe('refPlace: where a reference sits, for rewriting', () => {
  test.each([
    ['{{ .a }}', 'action', 'Action'],
    ['{{ if .a }}{{ end }}', 'condition', 'If'],
    ['{{ with .a }}{{ end }}', 'condition', 'With'],
    ['{{ $x := .a }}', 'declaration', 'Action'],
    ['{{ template "t" .a }}', 'template', 'Template'],
    ['{{ .a | quote }}', 'stage', 'Action'],
    ['{{ quote .a }}', 'argument', 'Action'],
    ['{{ (.a).b }}', 'parenthesized', 'Chain'],
    ['{{ quote (.a) }}', 'parenthesized', 'Command'],
  ])('%s: %s', (text, context, ownerType) => {
    const t = parseTemplate(text);
    const place = refPlace(t.refs.find((r) => r.text === '.a')!.node);
    expect(place.context).toBe(context);
    expect(place.owner?.type).toBe(ownerType);
  });

  test('an index ref is its command: argument context when nested, action when alone', () => {
    const alone = parseTemplate('{{ index . "k" }}');
    expect(refPlace(alone.refs[0].node).context).toBe('action');
    const nested = parseTemplate('{{ quote (index . "k") }}');
    expect(refPlace(nested.refs[0].node).context).toBe('parenthesized');
  });
});

test('include calls carry the data path handed to the included template', () => {
  const t = parseTemplate('{{ with .cfg }}{{ includeTemplate "a" .net }}{{ end }}{{ template "b" .x }}{{ include "c" }}{{ template "d" }}');
  expect(t.includeCalls.map((c) => [c.func, c.name, c.data])).toEqual([
    ['includeTemplate', 'a', ['cfg', 'net']], ['template', 'b', ['x']], ['include', 'c', undefined], ['template', 'd', undefined],
  ]);
});

test('nesting is limited by an explicit depth (MAX_STACK_DEPTH), named at the line that goes too deep', () => {
  // 1000 levels parse (blocks, parentheses, and both mixed)...
  expect(parseTemplate('{{ if .a }}'.repeat(999) + '{{ end }}'.repeat(999)).ok).toBe(true);
  expect(parseTemplate(`{{ ${'('.repeat(999)}.a${')'.repeat(999)} }}`).ok).toBe(true);
  expect(parseTemplate('{{ with .a }}'.repeat(500) + `{{ ${'('.repeat(499)}.a${')'.repeat(499)} }}` + '{{ end }}'.repeat(500)).ok).toBe(true);
  // ...one more fails closed, at the token that opened level 1001, never through a stack overflow.
  const message = 'template nested too deeply to analyse (more than 1000 levels)';
  const blocks = parseTemplate('{{ if .a }}\n'.repeat(20000) + '{{ end }}'.repeat(20000));
  expect(blocks).toMatchObject({ ok: false, error: { message, line: 1001 } });
  const parens = parseTemplate(`x\n{{ ${'('.repeat(1001)}.a${')'.repeat(1001)} }}`);
  expect(parens).toMatchObject({ ok: false, error: { message, line: 2 } });
});

test('directive values current chezmoi rejects fail the template (not in go1.19 mode, like the oracle)', () => {
  const t = parseTemplate('a\n# chezmoi:template:encoding=latin1\n{{ .a }}');
  expect(t.error).toEqual({ message: 'latin1: unknown encoding', line: 2 });
  expect(parseTemplate('# chezmoi:template:format-indent-width=x\n').error?.message).toBe('strconv.Atoi: parsing "x": invalid syntax');
  expect(parseTemplate('# chezmoi:template:encoding=utf-16-le format-indent-width=4\n{{ .a }}').ok).toBe(true);
  expect(parseTemplate('# chezmoi:template:encoding=latin1\n{{ .a }}', { go: 'go1.19' }).ok).toBe(true);
});
