// The template actions of a config template, as spans over its text: what the static-data
// extraction needs to know (where each `{{ … }}` is, whether it prints something, which
// functions, data references and `$variables` it uses, and the if/range/with structure).
//
// `scanActions` is a small lexer for this purpose only (delimiters from chezmoi:template
// directives, strings and comments skipped). `actionsFromTemplate` (template-adapter.ts) derives
// the same list from the project's Go-exact template parser when it is available.

export type ActionKind =
  /** prints something: `{{ .x }}`, `{{ $x | quote }}`, `{{ template "a" }}` */
  | 'output'
  /** declares or assigns variables only: `{{ $x := promptStringOnce . "x" "X" }}` */
  | 'assign'
  /** `{{/* … *\/}}` or a `chezmoi:template:` directive line */
  | 'comment'
  /** `if`, `range`, `with`, `define`, `block`: opens a structure ended by `end` */
  | 'open'
  /** `else`, `else if …`, `else with …` */
  | 'else'
  | 'end'
  /** `break`, `continue` */
  | 'control';

export interface TemplateAction {
  /** JS string index of the first character (the left delimiter) in the text. */
  start: number;
  /** JS string index after the right delimiter. */
  end: number;
  kind: ActionKind;
  /** For open/else: the keyword (`if`, `range`, `with`, `define`, `block`). */
  keyword?: string;
  functions: string[];
  /** Data references as written: `.chezmoi.hostname`, `$.email`. */
  refs: string[];
  /** Variables declared or assigned (`$x`), without the `$`. */
  declares: string[];
  /** Variables read, without the `$` (`$` alone is ''). */
  uses: string[];
  /** The pipeline starts with a lone string literal (`"hyprland"`, `"x" | quote`): its value. */
  literal?: string;
  /** The pipeline starts with a lone variable (`$x | quote`): its name, without the `$`. */
  passVar?: string;
  /** Function calls with their string-literal arguments (`promptStringOnce . "pw" "Password"`). */
  calls?: FunctionCall[];
}

/** A function call of an action and its string-literal arguments, in order (others skipped). */
export interface FunctionCall {
  fn: string;
  args: string[];
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'template', 'break', 'continue', 'true', 'false', 'nil']);
const OPENERS = new Set(['if', 'range', 'with', 'define', 'block']);

const DIRECTIVE_LINE = /^.*?chezmoi:template:(.*)$(?:\r?\n)?/gm;
const DIRECTIVE_KV = /\s*(\S+)=("(?:[^"\\]|\\.)*"|\S+)/g;

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  return v;
}

/** Delimiters from `chezmoi:template:` directives (later wins) and the directive lines themselves. */
export function templateDirectives(text: string): { left: string; right: string; lines: Array<[number, number]> } {
  let left = '{{';
  let right = '}}';
  const lines: Array<[number, number]> = [];
  for (const m of text.matchAll(DIRECTIVE_LINE)) {
    const start = m.index;
    const full = m[0];
    const end = start + full.replace(/\r?\n$/, '').length;
    lines.push([start, end]);
    for (const kv of m[1]!.matchAll(DIRECTIVE_KV)) {
      if (kv[1] === 'left-delimiter') left = unquote(kv[2]!) || '{{';
      if (kv[1] === 'right-delimiter') right = unquote(kv[2]!) || '}}';
    }
  }
  return { left, right, lines };
}

/** Replaces string and char literals with spaces so that words inside them are not read as code. */
function blankLiterals(code: string): string {
  return code.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'/gs, (s) => ' '.repeat(s.length));
}

const CALL_TOKEN = /"(?:[^"\\]|\\.)*"|`[^`]*`|:?=(?!=)|[()|,]|[$.]?[A-Za-z_][\w.]*|[^\s"`()|,]+/g;

/**
 * Function calls with their string arguments, as the parser adapter reports them: a command whose
 * first word is an identifier, found at the start of a pipeline, after `|`, `(` or an assignment.
 */
function lexCalls(inner: string): FunctionCall[] {
  const calls: FunctionCall[] = [];
  const open: Array<FunctionCall | null> = [null];
  let atStart = true;
  for (const m of inner.matchAll(CALL_TOKEN)) {
    const t = m[0];
    if (t === '(') { open.push(null); atStart = true; continue; }
    if (t === ')') { if (open.length > 1) open.pop(); atStart = false; continue; }
    if (t === '|' || t === ':=' || t === '=' || t === ',') { open[open.length - 1] = null; atStart = true; continue; }
    const isIdent = /^[A-Za-z_]\w*$/.test(t);
    if (atStart && isIdent && OPENERS_AND_ELSE.has(t)) continue;
    if (atStart && isIdent && !KEYWORDS.has(t)) {
      const call: FunctionCall = { fn: t, args: [] };
      calls.push(call);
      open[open.length - 1] = call;
    } else if (t.startsWith('"') || t.startsWith('`')) {
      open[open.length - 1]?.args.push(t.startsWith('`') ? t.slice(1, -1) : unquote(t));
    }
    atStart = false;
  }
  return calls;
}
const OPENERS_AND_ELSE = new Set(['if', 'range', 'with', 'else', 'block', 'template', 'define']);

function classify(inner: string, start: number, end: number): TemplateAction {
  const code = blankLiterals(inner);
  const trimmed = code.trim();
  const base = { start, end, functions: [] as string[], refs: [] as string[], declares: [] as string[], uses: [] as string[] };
  if (trimmed.startsWith('/*')) return { ...base, kind: 'comment' };
  const first = /^[A-Za-z_]\w*/.exec(trimmed)?.[0] ?? '';
  for (const m of code.matchAll(/(^|[^\w.$])([A-Za-z_]\w*)/g)) {
    if (!KEYWORDS.has(m[2]!) && !base.functions.includes(m[2]!)) base.functions.push(m[2]!);
  }
  for (const m of code.matchAll(/(?:^|[^\w.)\]])((?:\$\w*)?(?:\.[A-Za-z_]\w*)+)/g)) {
    if (!base.refs.includes(m[1]!)) base.refs.push(m[1]!);
  }
  for (const m of code.matchAll(/\$(\w*)/g)) if (!base.uses.includes(m[1]!)) base.uses.push(m[1]!);
  const decl = /^\s*(?:(?:range|with|if)\s+)?(\$\w*)\s*(?:,\s*(\$\w*)\s*)?(:=|=)(?!=)/.exec(code.trim());
  if (decl) {
    base.declares.push(decl[1]!.slice(1));
    if (decl[2]) base.declares.push(decl[2].slice(1));
  }
  // The first command of the pipeline (after a declaration), when it is a lone literal or variable.
  const head = /^\s*(?:\$\w*\s*(?:,\s*\$\w*\s*)?:?=(?!=)\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|\$\w*)\s*(?:\||$)/.exec(inner.trim());
  const calls = lexCalls(inner);
  if (calls.length) Object.assign(base, { calls });
  if (head) {
    const h = head[1]!;
    if (h.startsWith('$')) Object.assign(base, { passVar: h.slice(1) });
    else Object.assign(base, { literal: h.startsWith('`') ? h.slice(1, -1) : unquote(h) });
  }
  if (first === 'end') return { ...base, kind: 'end' };
  if (first === 'else') {
    const kw = /^else\s+(if|with)\b/.exec(trimmed)?.[1];
    return { ...base, kind: 'else', keyword: kw ?? 'else' };
  }
  if (OPENERS.has(first)) return { ...base, kind: 'open', keyword: first };
  if (first === 'break' || first === 'continue') return { ...base, kind: 'control' };
  if (decl && first === '') return { ...base, kind: 'assign' };
  return { ...base, kind: 'output' };
}

/**
 * Finds every action. Lenient where the Go parser is strict (an unclosed action runs to the end of
 * the text): the config extraction only needs spans, the template parser reports syntax errors.
 */
export function scanActions(text: string): TemplateAction[] {
  const { left, right, lines } = templateDirectives(text);
  const actions: TemplateAction[] = lines.map(([start, end]) => ({ start, end, kind: 'comment' as const, functions: [], refs: [], declares: [], uses: [] }));
  const inDirective = (i: number): boolean => lines.some(([s, e]) => i >= s && i < e);
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf(left, pos);
    if (open === -1) break;
    if (inDirective(open)) {
      pos = open + left.length;
      continue;
    }
    let i = open + left.length;
    if (text.startsWith('- ', i) || text.startsWith('-\t', i) || text.startsWith('-\n', i) || text.startsWith('-\r', i)) i += 1;
    const innerStart = i;
    let innerEnd = -1;
    let close = text.length;
    if (text.slice(i).trimStart().startsWith('/*')) {
      const c = text.indexOf('*/', i);
      const r = c === -1 ? -1 : text.indexOf(right, c + 2);
      if (r !== -1) {
        innerEnd = r;
        close = r + right.length;
      }
    } else {
      for (let j = i; j < text.length; j++) {
        const ch = text[j];
        if (ch === '"' || ch === "'") {
          for (j++; j < text.length && text[j] !== ch && text[j] !== '\n'; j++) if (text[j] === '\\') j++;
        } else if (ch === '`') {
          const e = text.indexOf('`', j + 1);
          j = e === -1 ? text.length : e;
        } else if (text.startsWith(right, j)) {
          innerEnd = j;
          close = j + right.length;
          break;
        }
      }
    }
    if (innerEnd === -1) innerEnd = text.length;
    let inner = text.slice(innerStart, innerEnd);
    if (/\s-$/.test(inner)) inner = inner.slice(0, -1);
    actions.push(classify(inner, open, close));
    pos = close;
  }
  return actions.sort((a, b) => a.start - b.start);
}
