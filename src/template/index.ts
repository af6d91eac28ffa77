/**
 * Parsing chezmoi templates exactly as chezmoi (Go's text/template) reads them, with every
 * node and reference positioned in the ORIGINAL file.
 *
 *   const t = parseTemplate(text, { name: 'dot_gitconfig.tmpl' });
 *   if (t.ok) for (const r of t.refs) console.log(r.text, r.path, r.line, r.column);
 */
import { isKnownFunc } from './functions.js';
import type { ListNode } from './node.js';
import { GoParseError, parseGo } from './parser.js';
import { collectRefs, type FuncCall, type IncludeCall, type Path, type TemplateRef } from './refs.js';
import { TemplateSource, type Directive } from './source.js';

export interface TemplateOptions {
  /** Template name in Go-style messages (default "template"). */
  name?: string;
  /** Default delimiters (a directive in the file wins, as in chezmoi). */
  left?: string;
  right?: string;
  /** A modify_ file: its `chezmoi:modify-template` line is removed before parsing. */
  modify?: boolean;
  /** Fail on unknown function names like chezmoi does (`function "x" not defined`). */
  strictFuncs?: boolean;
  /**
   * Which Go to follow. 'current' (default): Go ≥ 1.23 (`{{else with}}`). 'go1.19': exactly what
   * the gotmpl-oracle (Go 1.19, ParseComments) answers, including its error lines after
   * multi-line comments.
   */
  go?: 'current' | 'go1.19';
  /** Data path of dot in the file's own template (default: the root, []). */
  rootDot?: Path;
  /** Data path of dot inside define/block bodies (default: null, unknown). */
  defineDot?: Path;
}

export interface TemplateError {
  /** Go's message without the `template: NAME:LINE: ` prefix, e.g. `unexpected <with> in else`. */
  message: string;
  /** 1-based line in the original file. */
  line: number;
  column?: number;
  /** Go's full message, e.g. `template: x.tmpl:3: unclosed action` (line counted as Go counts). */
  goMessage?: string;
}

export interface ParsedTemplate {
  ok: boolean;
  error: TemplateError | null;
  delims: { left: string; right: string };
  directives: Directive[];
  tree: ListNode | null;
  defines: Record<string, ListNode>;
  refs: TemplateRef[];
  funcs: string[];
  includes: string[];
  unknownFuncs: string[];
  funcCalls: FuncCall[];
  includeCalls: IncludeCall[];
  /** The text handed to Go's parser (directive lines removed). */
  parsedText: string;
  /** The source with its position maps (original index → line/column/byte offset). */
  source: TemplateSource;
}

/** Parses a chezmoi template. Never throws: a syntax error is returned in `error`. */
export function parseTemplate(text: string, opts: TemplateOptions = {}): ParsedTemplate {
  const src = new TemplateSource(text, { modify: opts.modify });
  const { left, right } = src.delimiters(opts.left || '{{', opts.right || '}}');
  const base: ParsedTemplate = {
    ok: false, error: null, delims: { left, right }, directives: src.directives, tree: null, defines: {},
    refs: [], funcs: [], includes: [], unknownFuncs: [], funcCalls: [], includeCalls: [], parsedText: src.text, source: src,
  };
  const go119 = opts.go === 'go1.19';
  if (src.directiveError && !go119) {
    base.error = { message: src.directiveError.message, line: src.directiveError.line };
    return base;
  }
  try {
    const parsed = parseGo(src, {
      name: opts.name ?? 'template',
      left,
      right,
      isFunction: opts.strictFuncs ? isKnownFunc : undefined,
      elseWith: !go119,
      commentLineQuirk: go119,
    });
    const r = collectRefs(src, parsed.root, parsed.defines, { rootDot: opts.rootDot, defineDot: opts.defineDot });
    return {
      ...base, ok: true, tree: parsed.root, defines: parsed.defines, refs: r.refs, funcs: r.funcs, includes: r.includes,
      unknownFuncs: r.funcs.filter((f) => !isKnownFunc(f)), funcCalls: r.funcCalls, includeCalls: r.includeCalls,
    };
  } catch (err) {
    base.error = toTemplateError(err, src);
    return base;
  }
}

function toTemplateError(err: unknown, src: TemplateSource): TemplateError {
  if (err instanceof GoParseError) {
    const line = src.originalLineOfParsedLine(err.parsedLine);
    const e: TemplateError = { message: err.bare, line: line > 0 ? line : 1, goMessage: err.goMessage };
    if (err.pos !== null) {
      const p = src.position(src.toOriginal(err.pos));
      if (p.line === e.line) e.column = p.column;
    }
    return e;
  }
  // Not expected: report it as an error of the template rather than crash the caller.
  return { message: `internal parser error: ${(err as Error)?.message ?? String(err)}`, line: 1 };
}

export type { TemplateRef, FuncCall, IncludeCall, Path, RefKind } from './refs.js';
export { flowsInto, refPlace, type RefContext, type RefPlace } from './refs.js';
export type { Directive } from './source.js';
export { TemplateSource } from './source.js';
export * from './node.js';
export {
  CHEZMOI_FUNCS, GO_BUILTIN_FUNCS, KNOWN_FUNCS, PASSWORD_MANAGER_FUNCS, SPRIG_FUNCS, isKnownFunc,
} from './functions.js';
export { Lexer, T as ItemTypes, ITEM_NAMES, type Item } from './lexer.js';
