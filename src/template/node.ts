/**
 * The syntax tree, modelled on Go's text/template/parse/node.go. Every node records its span in
 * the ORIGINAL file (`start`/`end`: JS string indices, so `original.slice(start, end)` is exactly
 * the source of the node, raw text included), the position of its start (`line`, `column` in
 * code points, UTF-8 byte `offset`; computed on first use) and its `parent`, so a rewriter can
 * tell in which context a node sits (see refPlace) and replace exactly its text. Nodes are
 * objects with getters: copy fields explicitly rather than with `{ ...node }`.
 */

export interface Position {
  /** JS index of the first character in the original file. */
  start: number;
  /** JS index after the last character in the original file. */
  end: number;
  line: number;
  column: number;
  offset: number;
}

/** One delimited tag `{{ … }}` (with its trim markers) in the original file. */
export interface Tag {
  start: number;
  end: number;
  /** `{{- `: the white space before the tag is removed. */
  trimLeft: boolean;
  /** ` -}}`: the white space after the tag is removed. */
  trimRight: boolean;
}

interface Base extends Position {
  parent: Node | null;
}

export interface ListNode extends Base { type: 'List'; nodes: Node[] }
/** Plain text. `text` is what Go sees (trimmed, directive lines removed); the span is in the original. */
export interface TextNode extends Base { type: 'Text'; text: string }
export interface CommentNode extends Base { type: 'Comment'; text: string; tag: Tag }
/** `{{ pipeline }}`: the span is the whole tag, delimiters and trim markers included. */
export interface ActionNode extends Base { type: 'Action'; pipe: PipeNode; tag: Tag }
/**
 * A pipeline: optional declarations then commands separated by `|`. A parenthesized pipeline
 * used as an operand spans its parentheses.
 */
export interface PipeNode extends Base {
  type: 'Pipe';
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
  parenthesized: boolean;
}
export interface CommandNode extends Base { type: 'Command'; args: Node[] }
export interface IdentifierNode extends Base { type: 'Identifier'; ident: string }
/** `$`, `$x`, `$x.a.b`: ident is ['$x', 'a', 'b']. */
export interface VariableNode extends Base { type: 'Variable'; ident: string[] }
export interface DotNode extends Base { type: 'Dot' }
export interface NilNode extends Base { type: 'Nil' }
/** `.a.b`: ident is ['a', 'b']. */
export interface FieldNode extends Base { type: 'Field'; ident: string[] }
/** Fields applied to another operand: `(x).a.b`, `fn.A`. `fieldStart` is where `.a` begins. */
export interface ChainNode extends Base { type: 'Chain'; node: Node; field: string[]; fieldStart: number }
export interface BoolNode extends Base { type: 'Bool'; value: boolean }
/** Numbers and character constants, as written. */
export interface NumberNode extends Base { type: 'Number'; text: string }
/** `quoted` is the literal as written, `text` its value. */
export interface StringNode extends Base { type: 'String'; quoted: string; text: string }

/**
 * if / range / with. The span runs from the opening tag to the end of `{{end}}`; an `else if`
 * (or `else with`) is a nested node in `elseList` whose `tag` is the `{{else if …}}` tag and
 * which has no `endTag` of its own.
 */
export interface BranchBase extends Base {
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
  tag: Tag;
  elseTag: Tag | null;
  endTag: Tag | null;
}
export interface IfNode extends BranchBase { type: 'If' }
export interface RangeNode extends BranchBase { type: 'Range' }
export interface WithNode extends BranchBase { type: 'With' }
/** `{{template "name" pipe}}`, or the call part of `{{block "name" pipe}}…{{end}}`. */
export interface TemplateNode extends Base {
  type: 'Template';
  name: string;
  /** The name literal as written and its span. */
  nameQuoted: string;
  nameStart: number;
  nameEnd: number;
  pipe: PipeNode | null;
  block: boolean;
  tag: Tag;
}
export interface BreakNode extends Base { type: 'Break'; tag: Tag }
export interface ContinueNode extends Base { type: 'Continue'; tag: Tag }

export type Node =
  | ListNode | TextNode | CommentNode | ActionNode | PipeNode | CommandNode | IdentifierNode
  | VariableNode | DotNode | NilNode | FieldNode | ChainNode | BoolNode | NumberNode | StringNode
  | IfNode | RangeNode | WithNode | TemplateNode | BreakNode | ContinueNode;

export type NodeType = Node['type'];

/** Go's Node.String() for operands: the source form. */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'Identifier': return n.ident;
    case 'Variable': return n.ident.join('.');
    case 'Field': return '.' + n.ident.join('.');
    case 'Dot': return '.';
    case 'Nil': return 'nil';
    case 'Bool': return n.value ? 'true' : 'false';
    case 'Number': return n.text;
    case 'String': return n.quoted;
    case 'Chain': {
      const inner = n.node.type === 'Pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return inner + '.' + n.field.join('.');
    }
    case 'Command': return n.args.map((a) => (a.type === 'Pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'Pipe': {
      const decl = n.decl.length ? n.decl.map((d) => d.ident.join('.')).join(', ') + (n.isAssign ? ' = ' : ' := ') : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    default: return `{{${n.type.toLowerCase()}}}`;
  }
}

/** The children of a node, in source order. */
export function children(n: Node): Node[] {
  switch (n.type) {
    case 'List': return n.nodes;
    case 'Action': return [n.pipe];
    case 'Pipe': return [...n.decl, ...n.cmds];
    case 'Command': return n.args;
    case 'Chain': return [n.node];
    case 'If': case 'Range': case 'With':
      return n.elseList ? [n.pipe, n.list, n.elseList] : [n.pipe, n.list];
    case 'Template': return n.pipe ? [n.pipe] : [];
    default: return [];
  }
}

/** Depth-first, source-order walk. */
export function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (const c of children(n)) walk(c, visit);
}
