// The config template (`.chezmoi.$FORMAT.tmpl`) as parseable data: the action spans come from the
// data loader (`configTemplateActions`: the project's Go-exact template parser, its lenient lexer
// as a fallback); each action is replaced by an equal-length placeholder so every offset stays
// valid — a quoted string where an action prints a value, filler letters inside a string, spaces
// for everything else — and the static keys are located by the format's own parser. When if/else
// branches define the same key, each branch is masked and parsed on its own (a variant).
// Edits never touch an action nor a blanked branch.
import { configTemplateActions, type TemplateAction } from '../../data/index.js';
import type { Span } from './text.js';

export interface Chain {
  /** Body of each branch, between its tags. */
  branches: Span[];
  define: boolean;
}

export function templateActions(relPath: string, text: string): TemplateAction[] {
  return [...configTemplateActions(relPath, text)].sort((a, b) => a.start - b.start);
}

export function branchChains(actions: readonly TemplateAction[]): Chain[] {
  const chains: Chain[] = [];
  const stack: { chain: Chain; bodyStart: number }[] = [];
  for (const a of actions) {
    if (a.kind === 'open') stack.push({ chain: { branches: [], define: a.keyword === 'define' }, bodyStart: a.end });
    else if (a.kind === 'else' && stack.length > 0) {
      const top = stack[stack.length - 1]!;
      top.chain.branches.push({ start: top.bodyStart, end: a.start });
      top.bodyStart = a.end;
    } else if (a.kind === 'end' && stack.length > 0) {
      const top = stack.pop()!;
      top.chain.branches.push({ start: top.bodyStart, end: a.start });
      chains.push(top.chain);
    }
  }
  return chains;
}

/** How many variants to try when the whole masked text does not parse (0: none). */
export function variantCount(chains: readonly Chain[]): number {
  const multi = chains.filter((c) => !c.define && c.branches.length > 1);
  return multi.length === 0 ? 0 : Math.max(...multi.map((c) => c.branches.length));
}

/** Regions blanked for a variant (`-1`: every branch kept): define bodies and the other branches. */
export function blankedRegions(chains: readonly Chain[], variant: number): Span[] {
  const out: Span[] = [];
  for (const c of chains) {
    if (c.define) out.push(...c.branches);
    else if (variant >= 0 && c.branches.length > 1) {
      const keep = Math.min(variant, c.branches.length - 1);
      c.branches.forEach((b, i) => { if (i !== keep) out.push(b); });
    }
  }
  return out;
}

const blank = (s: string): string => s.replace(/[^\r\n]/gu, ' ');

/** The text with actions and blanked regions replaced by equal-length placeholders. */
export function maskTemplate(text: string, actions: readonly TemplateAction[], blanked: readonly Span[]): string {
  const chars = text.split('');
  const fill = (start: number, end: number, make: (s: string) => string): void => {
    const replaced = make(text.slice(start, end));
    for (let i = start; i < end; i += 1) chars[i] = replaced[i - start]!;
  };
  for (const region of blanked) fill(region.start, region.end, blank);
  for (const a of actions) {
    if (chars[a.start] === ' ' && text[a.start] !== ' ') continue; // inside a blanked region
    if (a.kind !== 'output') {
      fill(a.start, a.end, blank);
      continue;
    }
    const lineStart = text.lastIndexOf('\n', a.start - 1) + 1;
    const before = chars.slice(lineStart, a.start).join('');
    const lineEnd = text.indexOf('\n', a.end);
    const after = text.slice(a.end, lineEnd < 0 ? text.length : lineEnd);
    const action = text.slice(a.start, a.end);
    const quotes = (before.match(/(?<!\\)"/gu) ?? []).length;
    if (quotes % 2 === 1) fill(a.start, a.end, (s) => s.replace(/[^\r\n]/gu, 'x'));
    else if (before.trim() === '' && after.trim() === '') fill(a.start, a.end, blank); // a line of unknown output
    else if (/(?:[=:,[{]|^\s*-)\s*$/u.test(before) && !action.includes('\n') && action.length >= 2) {
      fill(a.start, a.end, (s) => `"${'x'.repeat(s.length - 2)}"`);
    } else fill(a.start, a.end, blank);
  }
  return chars.join('');
}

/** True when an edit overlaps a protected span (an empty edit strictly inside one counts too). */
export function touchesAny(start: number, end: number, spans: readonly Span[]): boolean {
  return spans.some((s) => (start < s.end && end > s.start) || (start === end && start > s.start && start < s.end));
}
