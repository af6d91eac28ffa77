// Go's scope rules for variables and the dot (src/template/scope.ts), and the two walkers that
// follow them: the reference collector (refs.ts) and the migration rewriter agree on what a read means.
import { Bindings, bodyDot } from '../../src/template/scope.js';
import { parseTemplate } from '../../src/template/index.js';
import { readsOf } from '../../src/migrate/rewrite.js';

const same = (a: readonly string[] | null, b: readonly string[] | null) => (a === null || b === null ? a === b : a.join('.') === b.join('.'));

test('a declaration ends with its control structure; the else still sees the pipeline\'s variables', () => {
  const v = new Bindings<readonly string[]>(same);
  v.start([]);
  v.declare('$a', ['a']);
  const mark = v.mark();
  v.declare('$p', ['p']); // {{ with $p := .p }}
  const body = v.mark();
  v.enter();
  v.declare('$a', ['inner']);
  expect(v.lookup('$a')).toEqual(['inner']);
  v.truncate(body);
  expect([v.lookup('$a'), v.lookup('$p')]).toEqual([['a'], ['p']]); // {{ else }}
  v.leave();
  v.truncate(mark);
  expect([v.lookup('$a'), v.lookup('$p'), v.lookup('$')]).toEqual([['a'], null, []]);
});

test('an assignment nested deeper than its declaration leaves the variable unknown unless both agree', () => {
  const v = new Bindings<readonly string[]>(same);
  v.start([]);
  v.declare('$x', ['a']);
  expect(v.assign('$x', ['b'])).toBe(true);
  expect(v.lookup('$x')).toEqual(['b']); // same depth: it ran
  v.enter();
  v.assign('$x', ['b']);
  expect(v.lookup('$x')).toEqual(['b']); // deeper, same value
  v.assign('$x', ['c']);
  expect(v.lookup('$x')).toBeNull(); // deeper, another value: either may reach a later use
  v.leave();
  expect(v.assign('$undeclared', ['a'])).toBe(false);
});

test('the dot of a body: if keeps it, with takes the value, range an element', () => {
  expect([bodyDot('If', ['v'], ['o']), bodyDot('With', ['v'], ['o']), bodyDot('Range', ['v'], ['o'])]).toEqual([['o'], ['v'], null]);
});

describe('refs and the rewriter read the same data paths', () => {
  const TOKEN = ['github', 'token'];
  it.each([
    ['with', '{{ with .github }}{{ .token }}{{ end }}', true],
    ['a variable', '{{ $g := .github }}{{ $g.token }}', true],
    ['a variable inside with, after a shadowing one', '{{ $g := .other }}{{ with .github }}{{ $g := . }}{{ $g.token }}{{ end }}', true],
    ['the else of a with sees the outer dot', '{{ with .none }}{{ else }}{{ .github.token }}{{ end }}', true],
    ['a conditional assignment of the same map', '{{ $g := .github }}{{ if .c }}{{ $g = .github }}{{ end }}{{ $g.token }}', true],
    ['$ inside range', '{{ range .list }}{{ $.github.token }}{{ end }}', true],
    // Were the element the outer dot, `.token` would read the top-level `token`.
    ['the dot inside range is an element', '{{ range .list }}{{ .token }}{{ end }}', false, ['token']],
  ])('%s', (_name, text, reads, path: string[] = TOKEN) => {
    const parsed = parseTemplate(text);
    expect(parsed.error).toBeNull();
    const viaRefs = parsed.refs.some((r) => r.path !== null && r.path.join('.') === path.join('.'));
    const viaRewrite = readsOf(parsed, [path], text).some((p) => p.join('.') === path.join('.'));
    expect({ viaRefs, viaRewrite }).toEqual({ viaRefs: reads, viaRewrite: reads });
  });
});
