// A generator of valid chezmoi templates that read secrets in every rewritable form, each paired
// with the text the rewrite must produce (the form's own rule, written out independently of the
// rewriter: a read that is a whole pipeline head becomes the bare `include … | trim`, any other
// read the parenthesized one). Used by the property and the render-equivalence tests.
import fc from 'fast-check';

export const DATA = {
  chezmoi: { os: 'linux', hostname: 'box' },
  name: 'Rain',
  flag: true,
  list: ['l1', 'l2'],
  x: 's3cr3t-x-value',
  github: { token: 'ghp_tok3n_value', user: 'rain' },
  nested: { deep: { key: 'deep-secret-value' }, other: 'kept' },
};

/** The secrets of DATA: data path, and the secret name the migration gives it. */
export const SECRET_PATHS: { path: string[]; name: string }[] = [
  { path: ['x'], name: 'x' },
  { path: ['github', 'token'], name: 'github/token' },
  { path: ['nested', 'deep', 'key'], name: 'nested/deep/key' },
];

export const file = (name: string): string => `/run/secrets/${name}`;
const bare = (name: string): string => `include "${file(name)}" | trim`;
const paren = (name: string): string => `(${bare(name)})`;

export interface Piece {
  orig: string;
  want: string;
}

interface Delims {
  l: string;
  r: string;
}

/** The ways a template can name one secret: [as written, secret name]. */
const readsOf = (name: string): string[] => {
  switch (name) {
    case 'x':
      return ['.x', '$.x', 'index . "x"'];
    case 'github/token':
      return ['.github.token', '$.github.token', 'index . "github" "token"', 'index .github "token"', '(index . "github").token'];
    default:
      return ['.nested.deep.key', '(index .nested "deep").key', 'index . "nested" "deep" "key"'];
  }
};

const secretRead = fc.constantFrom(...SECRET_PATHS.map((s) => s.name)).chain((name) => fc.constantFrom(...readsOf(name)).map((read) => ({ name, read })));

/** The same read from inside a range, where the dot is the element: through `$`. */
const viaRoot = (read: string): string =>
  read.startsWith('$') ? read : read.replace(/(^|[ (])\.(?=[a-z])/g, '$1$$.').replace(/ \. /g, ' $$ ');

/** An argument position needs parentheses around a command (an index call). */
const asArg = (read: string): string => (read.startsWith('index') ? `(${read})` : read);

const text = fc
  .array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\t', 'é', '✓', '}', '"', ':', '=', '#', '😀'), { maxLength: 8 })
  .map((cs) => cs.join(''));

function leaf(d: Delims): fc.Arbitrary<Piece> {
  const { l, r } = d;
  const secretForms = secretRead.chain(({ name, read }) =>
    fc.constantFrom<Piece>(
      { orig: `${l} ${read} ${r}`, want: `${l} ${bare(name)} ${r}` },
      { orig: `${l}- ${read} -${r}`, want: `${l}- ${bare(name)} -${r}` },
      { orig: `${l} ${read} | quote ${r}`, want: `${l} ${bare(name)} | quote ${r}` },
      { orig: `${l} printf "%s|%s" ${asArg(read)} .name ${r}`, want: `${l} printf "%s|%s" ${paren(name)} .name ${r}` },
      { orig: `${l} if ${read} ${r}yes${l} end ${r}`, want: `${l} if ${paren(name)} ${r}yes${l} end ${r}` },
      { orig: `${l} if not ${asArg(read)} ${r}no${l} else ${r}yes${l} end ${r}`, want: `${l} if not ${paren(name)} ${r}no${l} else ${r}yes${l} end ${r}` },
      { orig: `${l} $v := ${read} ${r}${l} $v ${r}`, want: `${l} $v := ${bare(name)} ${r}${l} $v ${r}` },
      { orig: `${l} (${read}) | upper ${r}`, want: `${l} (${bare(name)}) | upper ${r}` },
      { orig: `${l} range .list ${r}${l} . ${r}=${l} ${viaRoot(read)} ${r};${l} end ${r}`,
        want: `${l} range .list ${r}${l} . ${r}=${l} ${bare(name)} ${r};${l} end ${r}` },
    ),
  );
  const scoped = fc.constantFrom<Piece>(
    { orig: `${l} with .github ${r}${l} .token ${r}/${l} .user ${r}${l} end ${r}`, want: `${l} with .github ${r}${l} ${bare('github/token')} ${r}/${l} .user ${r}${l} end ${r}` },
    { orig: `${l} $g := .github ${r}${l} $g.token | b64enc ${r}`, want: `${l} $g := .github ${r}${l} ${bare('github/token')} | b64enc ${r}` },
    { orig: `${l} with $n := .nested ${r}${l} $n.deep.key ${r}${l} .other ${r}${l} end ${r}`, want: `${l} with $n := .nested ${r}${l} ${bare('nested/deep/key')} ${r}${l} .other ${r}${l} end ${r}` },
    { orig: `${l} with .nested ${r}${l} .deep.key | len ${r}${l} end ${r}`, want: `${l} with .nested ${r}${l} ${bare('nested/deep/key')} | len ${r}${l} end ${r}` },
  );
  const plain = fc.constantFrom<Piece>(
    { orig: `${l} .name ${r}`, want: `${l} .name ${r}` },
    { orig: `${l} .github.user | upper ${r}`, want: `${l} .github.user | upper ${r}` },
    { orig: `${l} if .flag ${r}on${l} end ${r}`, want: `${l} if .flag ${r}on${l} end ${r}` },
    { orig: `${l}/* .x is secret */${r}`, want: `${l}/* .x is secret */${r}` },
    { orig: `${l} range $i, $e := .list ${r}${l} $i ${r}${l} end ${r}`, want: `${l} range $i, $e := .list ${r}${l} $i ${r}${l} end ${r}` },
    { orig: `${l} ".x" ${r}`, want: `${l} ".x" ${r}` },
    { orig: `${l} .chezmoi.os ${r}`, want: `${l} .chezmoi.os ${r}` },
  );
  const words = text.map((t) => ({ orig: t, want: t }));
  return fc.oneof({ arbitrary: secretForms, weight: 3 }, { arbitrary: scoped, weight: 1 }, { arbitrary: plain, weight: 2 }, { arbitrary: words, weight: 3 });
}

/** A whole template: optional custom-delimiter directive, then pieces. */
export const template: fc.Arbitrary<Piece> = fc
  .constantFrom<Delims & { directive: string }>(
    { l: '{{', r: '}}', directive: '' },
    { l: '[[', r: ']]', directive: '# chezmoi:template:left-delimiter=[[ right-delimiter=]]\n' },
    { l: '<%', r: '%>', directive: '// chezmoi:template:left-delimiter=<% right-delimiter=%>\r\n' },
  )
  .chain((d) =>
    fc.array(leaf(d), { minLength: 1, maxLength: 8 }).map((pieces) => ({
      orig: d.directive + pieces.map((p) => p.orig).join(''),
      want: d.directive + pieces.map((p) => p.want).join(''),
    })),
  );
