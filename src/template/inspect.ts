/**
 * `inspect`: what the parser sees in each template file, in the shape INTERFACE.md gives
 * (`inspect --format json`) and as readable text.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { redact } from '../report/redact.js';
import { escapeForTerminal } from '../report/escape.js';
import { parseTemplate, type TemplateOptions } from './index.js';
import type { RefKind } from './refs.js';

export interface InspectRef {
  text: string;
  path: string[] | null;
  line: number;
  column: number;
  kind: RefKind;
  /** Functions the value is handed to (`b64enc`, `quote`, …). */
  flowsInto: string[];
  /** The define/block template the reference is in. */
  tree?: string;
}

export interface InspectFileResult {
  file: string;
  ok: boolean;
  error: { message: string; line: number; column: number | null } | null;
  delims: { left: string; right: string };
  refs: InspectRef[];
  funcs: string[];
  includes: string[];
  unknownFuncs: string[];
  directives: { line: number; text: string; options: Record<string, string> }[];
}

export interface InspectOptions extends Pick<TemplateOptions, 'left' | 'right' | 'strictFuncs'> {
  showSecrets?: boolean;
}

/**
 * Go quotes offending tokens in some messages (`unexpected "ghp_1234567"... in operand`); such a
 * token may be a secret. Names (functions, variables, templates) are kept.
 */
function redactMessage(message: string, showSecrets: boolean): string {
  if (showSecrets || /^(function|undefined variable|template: multiple)/.test(message)) return message;
  return message.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, body: string) => (body.length > 6 ? `"${redact(body)}"` : whole));
}

export async function inspectFile(file: string, opts: InspectOptions = {}): Promise<InspectFileResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return {
      file, ok: false, error: { message: `cannot read file (${code})`, line: 0, column: null },
      delims: { left: opts.left || '{{', right: opts.right || '}}' }, refs: [], funcs: [], includes: [], unknownFuncs: [], directives: [],
    };
  }
  const t = parseTemplate(text, {
    name: basename(file), left: opts.left, right: opts.right, strictFuncs: opts.strictFuncs, modify: basename(file).startsWith('modify_'),
  });
  return {
    file,
    ok: t.ok,
    error: t.error ? { message: redactMessage(t.error.message, Boolean(opts.showSecrets)), line: t.error.line, column: t.error.column ?? null } : null,
    delims: t.delims,
    refs: t.refs.map((r) => ({
      text: r.text, path: r.path, line: r.line, column: r.column, kind: r.kind, flowsInto: r.flowsInto,
      ...(r.tree !== undefined ? { tree: r.tree } : {}),
    })),
    funcs: t.funcs,
    includes: t.includes,
    unknownFuncs: t.unknownFuncs,
    directives: t.directives,
  };
}

export function formatInspectText(results: InspectFileResult[]): string {
  const out: string[] = [];
  const e = escapeForTerminal;
  for (const r of results) {
    out.push(`${e(r.file)}: ${r.ok ? 'ok' : 'parse error'}`);
    if (r.error) out.push(`  error: line ${r.error.line}${r.error.column ? `, column ${r.error.column}` : ''}: ${e(r.error.message)}`);
    out.push(`  delimiters: ${e(r.delims.left)} ${e(r.delims.right)}${r.directives.length ? ` (${r.directives.length} directive${r.directives.length > 1 ? 's' : ''})` : ''}`);
    if (r.refs.length) {
      out.push(`  references (${r.refs.length}):`);
      for (const ref of r.refs) {
        const path = ref.path ? ref.path.map(e).join('.') || '(root)' : '(unknown)';
        const via = ref.flowsInto.length ? `  via ${ref.flowsInto.join(' | ')}` : '';
        const tree = ref.tree ? `  in define ${e(ref.tree)}` : '';
        out.push(`    ${ref.line}:${ref.column}  ${e(ref.text)}  -> ${path}${via}${tree}`);
      }
    }
    if (r.funcs.length) out.push(`  functions: ${r.funcs.map(e).join(', ')}`);
    if (r.unknownFuncs.length) out.push(`  unknown functions: ${r.unknownFuncs.map(e).join(', ')}`);
    if (r.includes.length) out.push(`  includes: ${r.includes.map((i) => JSON.stringify(i)).map(e).join(', ')}`);
  }
  return out.join('\n') + '\n';
}
