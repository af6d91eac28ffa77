/**
 * Random template text for differential and property tests: valid templates built from the
 * grammar, then mutated (characters deleted, fragments inserted or swapped) so that every error
 * path of the lexer and parser is reached. Deterministic for a given seed.
 */

import { rng } from '../../bench/quality-generator.mjs';

export { rng };

const VALID_OPERANDS = [
  '.', '.a', '.a.b', '.secrets.token', '$', '$.a', '$x', '$x.y', '.é', 'nil', 'true', 'false', '"s"', '"a\\"b"',
  '"\\u00e9\\x41\\101"', "'a'", "'\\n'", "'\\''", '`raw`', '`multi\nline`', '0x1F', '0o17', '017',
  '0b101', '1_000', '1e3', '0x1p-2', '2i', '1+2i', '-.5', '.5', '-3', '+3', '1.', '0x_1F',
  '(.a)', '(index . "k")', '(.a).b', '(index .m "x" "y").z', 'now.Year', '(printf "%s" .a)', '($).s', '.a.b.c',
];
const INVALID_OPERANDS = [
  '"bad\\q"', "'ab'", "''", '1__0', '0x1.8', '1+2', '08', '99999999999999999999', '3_', '1e400', '"x".y', '..a',
  '.a..b', '$y', '$1', 'é', '.a-b', '→', '$e.name',
];
function operand(r: () => number): string {
  return r() < 0.04 ? pick(r, INVALID_OPERANDS) : pick(r, VALID_OPERANDS);
}
const FUNCS = ['printf "%s"', 'index', 'include', 'includeTemplate', 'quote', 'default "x"', 'b64enc', 'not', 'and', 'eq .a', 'len', 'onepasswordRead', 'myfunc', 'toYaml'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function pipeline(r: () => number, depth = 0, declare = true): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.35 && i === 0) parts.push(operand(r));
    else if (k < 0.7 || i > 0) parts.push(`${pick(r, FUNCS)} ${operand(r)}`);
    else if (depth < 2) parts.push(`(${pipeline(r, depth + 1)})`);
    else parts.push(operand(r));
  }
  let p = parts.join(' | ');
  const d = declare && depth === 0 ? r() : 1;
  if (d < 0.15) p = `$x := ${p}`;
  else if (d < 0.2) p = `$x = ${p}`;
  return p;
}

function open(r: () => number): string {
  return r() < 0.97 ? pick(r, ['{{', '{{- ', '{{ ']) : pick(r, ['{{-', '{{\n']);
}

function close(r: () => number): string {
  return r() < 0.97 ? pick(r, ['}}', ' -}}', ' }}']) : pick(r, ['-}}', '\n}}']);
}

function body(r: () => number, depth: number): string {
  let out = '';
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) out += element(r, depth);
  return out;
}

function element(r: () => number, depth: number): string {
  const k = r();
  const o = open(r);
  const c = close(r);
  if (k < 0.25) return pick(r, ['text ', '\n', '  ', 'a: b\n', 'é→ ', '\t', '# x\n']);
  if (k < 0.5 || depth > 2) return `${o} ${pipeline(r)} ${c}`;
  if (k < 0.58) return `${pick(r, ['{{', '{{- '])}/* ${pick(r, ['c', 'multi\nline', '}}'])} */${pick(r, ['}}', ' -}}'])}`;
  const kw = pick(r, ['if', 'with', 'range', 'range $i, $e :=', 'with $x :=', 'if $x :=']);
  let s = `${o}${kw} ${pipeline(r, 0, !kw.includes(':='))}${c}${body(r, depth + 1)}`;
  if (r() < 0.4) {
    const els = kw.startsWith('if') ? pick(r, ['else', 'else if .z']) : kw.startsWith('with') ? pick(r, ['else', 'else with .z']) : 'else';
    s += `${open(r)}${els}${close(r)}${body(r, depth + 1)}`;
  }
  if (kw.startsWith('range') && r() < 0.3) s = s.replace(/(}})/, `$1{{break}}{{continue}}`);
  return s + `${open(r)}end${close(r)}`;
}

/** A template built from the grammar (often valid: some operands and spacings are not). */
export function validish(r: () => number): string {
  let out = r() < 0.7 ? '{{ $x := .x }}' : '';
  const n = 1 + Math.floor(r() * 5);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.08) out += `{{ define "d${Math.floor(r() * 2)}" }}${body(r, 1)}{{ end }}`;
    else if (k < 0.12) out += `{{ template "d0" ${operand(r)} }}`;
    else if (k < 0.15) out += `{{ block "b" . }}${body(r, 1)}{{ end }}`;
    else out += element(r, 0);
  }
  return out;
}

const FRAGMENTS = ['{{', '}}', '{{- ', ' -}}', '(', ')', '|', ':=', '=', ',', '"', '`', "'", '$', '.', ' ', '\n', 'end', 'else', '/*', '*/', '-', '\\', 'é', '\u00a0', '\u0001'];

/** A valid-ish template with 1–3 random edits. */
export function mutated(r: () => number): string {
  let s = validish(r);
  const edits = 1 + Math.floor(r() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (s.length + 1));
    const k = r();
    if (k < 0.4) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 3));
    else if (k < 0.8) s = s.slice(0, at) + pick(r, FRAGMENTS) + s.slice(at);
    else {
      const b = Math.floor(r() * (s.length + 1));
      const [x, y] = at < b ? [at, b] : [b, at];
      s = s.slice(0, x) + s.slice(y) + s.slice(x, y);
    }
  }
  return s;
}

/** Prefixes a chezmoi directive now and then (custom delimiters, line removal). */
export function withDirective(r: () => number, s: string): string {
  const k = r();
  if (k > 0.9) return s.replace(/\n/g, '\r\n');
  if (k < 0.1) return `# chezmoi:template:left-delimiter="[[" right-delimiter="]]"\n` + s.replace(/\{\{/g, '[[').replace(/\}\}/g, ']]');
  if (k < 0.15) return `a\n{{/* chezmoi:template:missing-key=zero */}}\n` + s;
  return s;
}
