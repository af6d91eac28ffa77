import { children, type ListNode, type Node } from '../template/node.js';

/**
 * The parts of a template that are neither plain text nor string literals (actions, comments,
 * control tags, removed directive lines), as JS index ranges: literal detection skips them, since
 * `{{ .x }}` is template code, never a secret value.
 */
export function nonTextSpans(textLength: number, trees: ListNode[]): Array<[number, number]> {
  const text: Array<[number, number]> = [];
  const visit = (n: Node | null | undefined) => {
    if (!n) return;
    if (n.type === 'Text') {
      text.push([n.start, n.end]);
      return;
    }
    // A string literal inside an action is data written in the repo (`{{ $t := "ghp_…" }}`):
    // scanned like text, without its quotes.
    if (n.type === 'String') {
      if (n.end - n.start > 2) text.push([n.start + 1, n.end - 1]);
      return;
    }
    for (const child of children(n)) visit(child);
  };
  for (const t of trees) visit(t);
  text.sort((a, b) => a[0] - b[0]);
  const skip: Array<[number, number]> = [];
  let at = 0;
  for (const [s, e] of text) {
    if (s > at) skip.push([at, s]);
    at = Math.max(at, e);
  }
  if (at < textLength) skip.push([at, textLength]);
  return skip;
}
