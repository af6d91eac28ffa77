// TEMPORARY approach for the config template (`.chezmoi.$FORMAT.tmpl`) until the data loader's
// `extractConfigData` positions can be used: every template action is replaced by a placeholder
// of the same length (so every offset stays valid) that keeps the file parseable — a quoted
// string in value position, filler letters inside a string, spaces elsewhere — and the static
// keys are then located by the format's own parser. Edits that would touch an action are refused.
import type { Span } from './text.js';

export interface Delimiters {
  left: string;
  right: string;
}

/** chezmoi's directive lines may change the delimiters (the last directive wins). */
export function delimitersOf(text: string): Delimiters {
  let left = '{{';
  let right = '}}';
  for (const m of text.matchAll(/^.*?chezmoi:template:(.*)$/gmu)) {
    for (const kv of m[1]!.matchAll(/\s*(\S+?)=("(?:[^"\\]|\\.)*"|\S+)/gu)) {
      const value = kv[2]!.startsWith('"') ? (JSON.parse(kv[2]!) as string) : kv[2]!;
      if (kv[1] === 'left-delimiter') left = value;
      if (kv[1] === 'right-delimiter') right = value;
    }
  }
  return { left, right };
}

/** Spans of template actions (comments included), honouring strings inside actions. */
export function actionSpans(text: string, delims: Delimiters = delimitersOf(text)): Span[] {
  const spans: Span[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf(delims.left, at);
    if (start < 0) return spans;
    let i = start + delims.left.length;
    let end = -1;
    while (i < text.length) {
      const c = text[i]!;
      if (text.startsWith(delims.right, i)) {
        end = i + delims.right.length;
        break;
      }
      if (c === '"' || c === "'") {
        i += 1;
        while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      } else if (c === '`') {
        i = text.indexOf('`', i + 1);
        if (i < 0) break;
      } else if (text.startsWith('/*', i)) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) break;
        i = close + 1;
      }
      i += 1;
    }
    if (end < 0) end = text.length; // an unclosed action: mask the rest (the parse will tell)
    spans.push({ start, end });
    at = end;
  }
}

/** The text with each action replaced by an equal-length placeholder (newlines kept). */
export function maskActions(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    out += text.slice(at, start);
    const lineStart = out.lastIndexOf('\n') + 1;
    const before = out.slice(lineStart);
    const action = text.slice(start, end);
    const quotes = (before.match(/(?<!\\)"/gu) ?? []).length;
    let placeholder: string;
    if (quotes % 2 === 1) {
      placeholder = action.replace(/[^\n]/gu, 'x');
    } else if (/(?:[=:,[]|^\s*-)\s*$/u.test(before) && !action.includes('\n') && action.length >= 2) {
      placeholder = `"${'x'.repeat(action.length - 2)}"`;
    } else {
      placeholder = action.replace(/[^\n]/gu, ' ');
    }
    out += placeholder;
    at = end;
  }
  return out + text.slice(at);
}

export function touchesAction(start: number, end: number, spans: readonly Span[]): boolean {
  return spans.some((s) => (start < s.end && end > s.start) || (start === end && start > s.start && start < s.end));
}
