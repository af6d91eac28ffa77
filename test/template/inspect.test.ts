import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import inspect from '../../src/cli/commands/inspect.js';
import { formatInspectText, inspectFile } from '../../src/template/inspect.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspect-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('inspect --format json: the INTERFACE.md shape, exit 0 when every file parses', async () => {
  const a = file('dot_gitconfig.tmpl', '[user]\n  name = {{ .name | quote }}\n{{ with .github }}  token = {{ .token }}{{ end }}\n{{ include "x.txt" }}');
  const b = file('config.tmpl', '# chezmoi:template:left-delimiter="[[" right-delimiter="]]"\nk: [[ index . "my-key" ]]');
  const out = join(dir, 'out.json');
  expect(await inspect.run([a, b, '--format', 'json', '--output', out])).toBe(0);
  expect(statSync(out).mode & 0o777).toBe(0o600);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  expect(json).toHaveLength(2);
  expect(json[0]).toMatchObject({
    file: a, ok: true, error: null, delims: { left: '{{', right: '}}' },
    refs: [
      { text: '.name', path: ['name'], line: 2, column: 13, kind: 'field', flowsInto: ['quote'] },
      { text: '.github', path: ['github'], line: 3, column: 9 },
      { text: '.token', path: ['github', 'token'], line: 3, column: 32 },
    ],
    funcs: ['include', 'quote'],
    includes: ['x.txt'],
  });
  expect(json[1]).toMatchObject({ ok: true, delims: { left: '[[', right: ']]' }, refs: [{ text: 'index . "my-key"', path: ['my-key'], line: 2, column: 7 }] });
});

test('a file that does not parse: its error with line and column, exit 2; no secret in the message', async () => {
  const good = file('a.tmpl', '{{ .a }}');
  const bad = file('b.tmpl', 'x\n{{ .a "ghp_0123456789abcdefghij\n}}');
  const out = join(dir, 'out.json');
  expect(await inspect.run([good, bad, '--format', 'json', '--output', out])).toBe(2);
  const [, b] = JSON.parse(readFileSync(out, 'utf8'));
  expect(b).toMatchObject({ ok: false, error: { message: 'unterminated quoted string', line: 2, column: 7 }, refs: [] });
  const r2 = await inspectFile(file('d.tmpl', '{{ if .a }}{{ end "ghp_0123456789abcdefghij" }}'));
  expect(r2.error?.message).not.toContain('0123456789');
  expect(r2.error?.message).toMatch(/^unexpected ".*\*\*\*\*.*"(\.\.\.)? in end$/);
});

test('a missing file is an error of that file (exit 2), a missing argument a usage error', async () => {
  const r = await inspectFile(join(dir, 'nope.tmpl'));
  expect(r).toMatchObject({ ok: false, error: { message: 'cannot read file (ENOENT)' } });
  await expect(inspect.run([])).rejects.toThrow('inspect needs at least one FILE');
  await expect(inspect.run(['x', '--format', 'sarif'])).rejects.toThrow('--format must be one of text, json');
});

test('text output lists delimiters, references with paths, functions, includes and errors', async () => {
  const a = await inspectFile(file('a.tmpl', '{{ range .hosts }}{{ .name }}{{ end }}{{ template "t" . }}{{ myfn }}'));
  const b = await inspectFile(file('b.tmpl', '{{ if .a }}'));
  const text = formatInspectText([a, b]);
  expect(text).toContain('delimiters: {{ }}');
  expect(text).toContain('1:10  .hosts  -> hosts');
  expect(text).toContain('1:22  .name  -> (unknown)');
  expect(text).toContain('unknown functions: myfn');
  expect(text).toContain('includes: "t"');
  expect(text).toContain('b.tmpl: parse error');
  expect(text).toContain('error: line 1');
  expect(text).toContain('unexpected EOF');
});
