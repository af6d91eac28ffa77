/**
 * A port of the parser of Go's text/template/parse (parse.go): the same grammar, the same
 * three-token look-ahead (so errors are reported on the same line as Go reports them), the
 * same variable scopes and the same error messages. Mode is always ParseComments; function
 * names are checked only in strict mode (otherwise like SkipFuncCheck).
 */
import { checkNumber, goQuote, goUnquote } from './gostrconv.js';
import { itemString, Lexer, T, type Item, type ItemType } from './lexer.js';
import type {
  BreakNode, CommandNode, ContinueNode, IfNode, ListNode, Node, PipeNode, RangeNode, Tag, TemplateNode, VariableNode, WithNode,
} from './node.js';
import { nodeString, type NodeType } from './node.js';
import type { TemplateSource } from './source.js';

export interface ParserOptions {
  /** Template name used in Go-style messages (`template: NAME:LINE: …`). */
  name: string;
  left: string;
  right: string;
  /** Check function names like chezmoi does (`function "x" not defined`). */
  isFunction?: (name: string) => boolean;
  /** Accept `{{else with}}` (Go 1.23+). Go 1.19 rejects it. */
  elseWith: boolean;
  /** Reproduce Go's line count after multi-line comments in ParseComments mode (see lexer). */
  commentLineQuirk: boolean;
}

/** A parse error as Go reports it: `template: NAME:LINE: message`, LINE counted in the parsed text. */
export class GoParseError extends Error {
  constructor(
    readonly goMessage: string,
    readonly bare: string,
    readonly parsedLine: number,
    /** Index in the parsed text of the token the error is about, when known. */
    readonly pos: number | null,
  ) {
    super(goMessage);
  }
}

/** The else/end markers that close a list (Go's elseNode and endNode). */
interface Marker {
  type: 'Else' | 'End';
  tag: Tag;
  /** For else: the position Go reports (the `if`/`with` after else, or the right delimiter). */
  pos: number;
}

type ListItem = Node | Marker;

function isMarker(n: ListItem): n is Marker {
  return n.type === 'Else' || n.type === 'End';
}

function markerString(m: Marker): string {
  return m.type === 'End' ? '{{end}}' : '{{else}}';
}

/**
 * Every node: its span in the original file, and its line, column and byte offset computed from
 * `start` when asked (most are never asked for; computing them for every node costs time).
 */
class AstNode {
  parent: Node | null = null;
  constructor(
    readonly type: NodeType,
    public start: number,
    public end: number,
    private readonly src: TemplateSource,
  ) {}

  get line(): number {
    return this.src.lineOf(this.start);
  }

  get column(): number {
    return this.src.position(this.start).column;
  }

  get offset(): number {
    return this.src.byteOffset(this.start);
  }
}

/**
 * How deep lists (if/range/with/define/block bodies) and parenthesized pipelines may nest, together.
 * Go grows its stacks and newer versions cap parentheses (maxStackDepth); a JS stack holds a
 * little under 2000 of our levels, so the limit is explicit and leaves room for the callers.
 */
export const MAX_STACK_DEPTH = 1000;
export const TOO_DEEP = `template nested too deeply to analyse (more than ${MAX_STACK_DEPTH} levels)`;

type NodeOf<K extends NodeType> = Extract<Node, { type: K }>;
/** What a node type adds to the span and parent every node has. */
type NodeFields<K extends NodeType> = Omit<NodeOf<K>, 'type' | 'parent' | 'start' | 'end' | 'line' | 'column' | 'offset'>;

/** State shared by the main tree and the trees of define/block. */
class Shared {
  readonly trees = new Map<string, Tree>();
  /** Current nesting (lists and parentheses) across all trees. */
  depth = 0;
  constructor(
    readonly src: TemplateSource,
    readonly lex: Lexer,
    readonly opts: ParserOptions,
  ) {}
}

/** One template: the file's own, or a define/block body. Mirrors Go's parse.Tree. */
export class Tree {
  name: string;
  root: ListNode | null = null;
  private readonly token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  /** How many times each name is in `vars` (Go scans the list; a count is the same answer, faster). */
  private varCounts = new Map<string, number>([['$', 1]]);
  private actionLine = 0;
  private rangeDepth = 0;
  /** The left delimiter of the tag being parsed (for tag spans). */
  private delim: Item | null = null;
  /** The token that ended the last pipeline (right delimiter or right paren). */
  private lastEnd: Item | null = null;

  constructor(name: string, private readonly sh: Shared) {
    this.name = name;
  }

  // --- token stream (parse.go next/backup/peek) -------------------------------------------

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.sh.lex.nextItem();
    return this.token[this.peekCount];
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.sh.lex.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.typ === T.Space);
    return token;
  }

  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // --- errors ----------------------------------------------------------------------------------

  private errorf(message: string, at?: Item): never {
    this.root = null;
    const line = this.token[0]?.line ?? 0;
    const pos = at ? at.pos : this.token[0] ? this.token[0].pos : null;
    throw new GoParseError(`template: ${this.sh.opts.name}:${line}: ${message}`, message, line, pos);
  }

  private expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(e1: ItemType, e2: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.typ === T.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.sh.opts.name}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`, token);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`, token);
  }

  // --- nodes -----------------------------------------------------------------------------------

  private tagFrom(open: Item | null, close: Item): Tag {
    const src = this.sh.src;
    const startIdx = open ? open.pos : close.pos;
    const endIdx = close.pos + close.val.length;
    return {
      start: src.toOriginal(startIdx),
      end: src.endToOriginal(endIdx, startIdx),
      trimLeft: Boolean(open?.trim),
      trimRight: Boolean(close.trim),
    };
  }

  private list(pos: number): ListNode {
    return this.mk('List', pos, pos, { nodes: [] });
  }

  private appendTo(list: ListNode, n: Node): void {
    list.nodes.push(n);
    n.parent = list;
    if (list.nodes.length === 1) list.start = n.start;
    list.end = n.end;
  }

  /** A node spanning [start, end) of the parsed text, with every field of its type. */
  private mk<K extends NodeType>(type: K, start: number, end: number, fields: NodeFields<K>): NodeOf<K> {
    const src = this.sh.src;
    return this.mkOrig(type, src.toOriginal(start), src.endToOriginal(end, start), fields);
  }

  /** A node spanning a token. */
  private tok<K extends NodeType>(type: K, token: Item, fields: NodeFields<K>): NodeOf<K> {
    return this.mk(type, token.pos, token.pos + token.val.length, fields);
  }

  /**
   * A node spanning [start, end) of the original text: the one constructor of every node. The
   * compiler checks at every call that `fields` are the fields the type adds to the position and
   * parent AstNode gives; TypeScript cannot see through the generic join, hence the one assertion.
   */
  private mkOrig<K extends NodeType>(type: K, start: number, end: number, fields: NodeFields<K>): NodeOf<K> {
    const node = new AstNode(type, start, end, this.sh.src) as unknown as Record<string, unknown>;
    // A plain loop: Object.assign is slower here, and the parse makes a node per token.
    for (const key in fields) node[key] = (fields as Record<string, unknown>)[key];
    return node as unknown as NodeOf<K>;
  }

  // --- grammar ---------------------------------------------------------------------------------

  /** Parses the file's own template (Go's Tree.Parse + parse). */
  parseMain(): void {
    this.root = this.list(this.peek().pos);
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === T.Define) {
          new Tree('definition', this.sh).parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (isMarker(n)) this.errorf(`unexpected ${markerString(n)}`);
      this.appendTo(this.root, n);
    }
    this.root.nodes = exact(this.root.nodes);
    this.add();
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameTok = this.expectOneOf(T.String, T.RawString, context);
    const name = goUnquote(nameTok.val);
    if (name === null) this.errorf('invalid syntax');
    this.name = name;
    this.expect(T.RightDelim, context);
    const [root, end] = this.itemList();
    this.root = root;
    if (end.type !== 'End') this.errorf(`unexpected ${markerString(end)} in ${context}`);
    this.add();
  }

  /** Go's Tree.add: a non-empty redefinition is an error; an empty one is dropped. */
  private add(): void {
    const trees = this.sh.trees;
    const existing = trees.get(this.name);
    if (!existing || isEmptyTree(existing.root)) {
      trees.set(this.name, this);
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${goQuote(this.name)}`);
  }

  private itemList(): [ListNode, Marker] {
    this.enter();
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (isMarker(n)) {
        list.nodes = exact(list.nodes);
        this.sh.depth--;
        return [list, n];
      }
      this.appendTo(list, n);
    }
    this.errorf('unexpected EOF');
  }

  /** One level deeper (see MAX_STACK_DEPTH); the caller steps back out when the level is done. */
  private enter(): void {
    if (++this.sh.depth > MAX_STACK_DEPTH) this.errorf(TOO_DEEP);
  }

  private textOrAction(): ListItem {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Text: {
        return this.tok('Text', token, { text: token.val });
      }
      case T.LeftDelim: {
        this.actionLine = token.line;
        this.delim = token;
        const n = this.action();
        this.actionLine = 0;
        return n;
      }
      case T.Comment: {
        const tagStart = token.tagStart >= 0 ? token.tagStart : token.pos;
        const tagEnd = token.tagEnd >= 0 ? token.tagEnd : token.pos + token.val.length;
        const start = this.sh.src.toOriginal(tagStart);
        const end = this.sh.src.endToOriginal(tagEnd, tagStart);
        return this.mkOrig('Comment', start, end, { text: token.val, tag: { start, end, trimLeft: token.trimLeft, trimRight: token.trim } });
      }
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): ListItem {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Block: return this.blockControl();
      case T.Break: return this.breakControl(token, 'Break');
      case T.Continue: return this.breakControl(token, 'Continue');
      case T.Else: return this.elseControl();
      case T.End: return this.endControl();
      case T.If: return this.branchControl('If');
      case T.Range: return this.branchControl('Range');
      case T.Template: return this.templateControl();
      case T.With: return this.branchControl('With');
    }
    this.backup();
    const open = this.delim;
    this.peek();
    const pipe = this.pipeline('command', T.RightDelim);
    const tag = this.tagFrom(open, this.lastEnd!);
    const node = this.mkOrig('Action', tag.start, tag.end, { pipe, tag });
    pipe.parent = node;
    return node;
  }

  private breakControl(token: Item, kind: 'Break' | 'Continue'): BreakNode | ContinueNode {
    const open = this.delim;
    const word = kind === 'Break' ? '{{break}}' : '{{continue}}';
    const close = this.nextNonSpace();
    if (close.typ !== T.RightDelim) this.unexpected(close, word);
    if (this.rangeDepth === 0) this.errorf(`${word} outside {{range}}`);
    const tag = this.tagFrom(open, close);
    return this.mkOrig(kind, tag.start, tag.end, { tag });
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const first = this.peekNonSpace();
    const pipe = this.mk('Pipe', first.pos, first.pos, { isAssign: false, decl: [], cmds: [], parenthesized: false });
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== T.Variable) break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === T.Assign || next.typ === T.Declare) {
        pipe.isAssign = next.typ === T.Assign;
        this.nextNonSpace();
        this.addDecl(pipe, v);
      } else if (next.typ === T.Char && next.val === ',') {
        this.nextNonSpace();
        this.addDecl(pipe, v);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().typ;
          if (t === T.Variable || t === T.RightDelim || t === T.RightParen) continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === T.Space) {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        pipe.cmds = exact(pipe.cmds);
        pipe.decl = exact(pipe.decl);
        this.lastEnd = token;
        const last = pipe.cmds.length ? pipe.cmds[pipe.cmds.length - 1] : pipe.decl[pipe.decl.length - 1];
        if (last) pipe.end = last.end;
        return pipe;
      }
      switch (token.typ) {
        case T.Bool: case T.CharConstant: case T.Complex: case T.Dot: case T.Field: case T.Identifier:
        case T.Number: case T.Nil: case T.RawString: case T.String: case T.Variable: case T.LeftParen: {
          this.backup();
          const cmd = this.command();
          cmd.parent = pipe;
          pipe.cmds.push(cmd);
          break;
        }
        default:
          this.unexpected(token, context);
      }
    }
  }

  private popVars(n: number): void {
    while (this.vars.length > n) {
      const name = this.vars.pop()!;
      const c = this.varCounts.get(name)! - 1;
      if (c === 0) this.varCounts.delete(name);
      else this.varCounts.set(name, c);
    }
  }

  private addDecl(pipe: PipeNode, v: Item): void {
    const node = this.tok('Variable', v, { ident: v.val.split('.') });
    node.parent = pipe;
    pipe.decl.push(node);
    this.vars.push(v.val);
    this.varCounts.set(v.val, (this.varCounts.get(v.val) ?? 0) + 1);
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      switch (pipe.cmds[i].args[0].type) {
        case 'Bool': case 'Dot': case 'Nil': case 'Number': case 'String':
          this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  /** if/range/with (Go's parseControl and its callers). */
  private branchControl(kind: 'If' | 'Range' | 'With'): IfNode | RangeNode | WithNode {
    const open = this.delim;
    const context = kind.toLowerCase();
    const varsMark = this.vars.length;
    const pipe = this.pipeline(context, T.RightDelim);
    const tag = this.tagFrom(open, this.lastEnd!);
    if (kind === 'Range') this.rangeDepth++;
    const [list, next0] = this.itemList();
    let next = next0;
    if (kind === 'Range') this.rangeDepth--;
    let elseList: ListNode | null = null;
    let elseTag: Tag | null = null;
    let endTag: Tag | null = null;
    if (next.type === 'End') {
      endTag = next.tag;
    } else {
      elseTag = next.tag;
      const chained =
        (kind === 'If' && this.peek().typ === T.If) || (kind === 'With' && this.sh.opts.elseWith && this.peek().typ === T.With);
      if (chained) {
        const inner = this.next();
        elseList = this.list(next.pos);
        this.delim = this.delimOfElse;
        const nested = this.branchControl(inner.typ === T.If ? 'If' : 'With');
        this.appendTo(elseList, nested);
        elseList.nodes = exact(elseList.nodes);
        elseTag = nested.tag;
        endTag = null;
      } else {
        [elseList, next] = this.itemList();
        if (next.type !== 'End') this.errorf(`expected end; found ${markerString(next)}`);
        endTag = next.tag;
      }
    }
    this.popVars(varsMark);
    const lastTag = endTag ?? lastEndTag(elseList);
    const node = this.mkOrig(kind, tag.start, lastTag ? lastTag.end : tag.end, { pipe, list, elseList, tag, elseTag, endTag });
    pipe.parent = node;
    list.parent = node;
    if (elseList) elseList.parent = node;
    return node;
  }

  /** The left delimiter of the last `{{else …}}`, for the tag of an `else if`/`else with`. */
  private delimOfElse: Item | null = null;

  private elseControl(): Marker {
    const open = this.delim;
    const peek = this.peekNonSpace();
    if (peek.typ === T.If || (this.sh.opts.elseWith && peek.typ === T.With)) {
      this.delimOfElse = open;
      // The tag of a chained else ends where the nested if/with's pipeline ends; the nested node
      // records it. Here only its start matters.
      return { type: 'Else', tag: this.tagFrom(open, peek), pos: peek.pos };
    }
    const token = this.expect(T.RightDelim, 'else');
    return { type: 'Else', tag: this.tagFrom(open, token), pos: token.pos };
  }

  private endControl(): Marker {
    const open = this.delim;
    const token = this.expect(T.RightDelim, 'end');
    return { type: 'End', tag: this.tagFrom(open, token), pos: token.pos };
  }

  private blockControl(): TemplateNode {
    const open = this.delim;
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, T.RightDelim);
    const callTag = this.tagFrom(open, this.lastEnd!);
    const block = new Tree(name, this.sh);
    const [root, end] = block.itemList();
    block.root = root;
    if (end.type !== 'End') this.errorf(`unexpected ${markerString(end)} in ${context}`);
    block.add();
    const node = this.templateNode(token, name, pipe, callTag, true);
    node.end = end.tag.end;
    return node;
  }

  private templateControl(): TemplateNode {
    const open = this.delim;
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    const close = this.nextNonSpace();
    let closer = close;
    if (close.typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
      closer = this.lastEnd!;
    }
    return this.templateNode(token, name, pipe, this.tagFrom(open, closer), false);
  }

  private templateNode(token: Item, name: string, pipe: PipeNode | null, tag: Tag, block: boolean): TemplateNode {
    const src = this.sh.src;
    const node = this.mkOrig('Template', tag.start, tag.end, {
      name, nameQuoted: token.val, nameStart: src.toOriginal(token.pos), nameEnd: src.endToOriginal(token.pos + token.val.length, token.pos),
      pipe, block, tag,
    });
    if (pipe) pipe.parent = node;
    return node;
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === T.String || token.typ === T.RawString) {
      const s = goUnquote(token.val);
      if (s === null) this.errorf('invalid syntax');
      return s;
    }
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const first = this.peekNonSpace();
    const cmd = this.mk('Command', first.pos, first.pos, { args: [] });
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) {
        operand.parent = cmd;
        cmd.args.push(operand);
      }
      const token = this.next();
      if (token.typ === T.Space) continue;
      if (token.typ === T.RightDelim || token.typ === T.RightParen) this.backup();
      else if (token.typ !== T.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    cmd.end = cmd.args[cmd.args.length - 1].end;
    cmd.args = exact(cmd.args);
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === T.Field) {
      const fieldStart = this.peek().pos;
      const fields: string[] = [];
      let last: Item = this.peek();
      while (this.peek().typ === T.Field) {
        last = this.next();
        fields.push(last.val.slice(1));
      }
      const endIdx = this.sh.src.endToOriginal(last.pos + last.val.length, last.pos);
      switch (node.type) {
        case 'Field':
        case 'Variable':
          // term() made this node just now: extend it in place.
          node.ident = node.ident.concat(fields);
          node.end = endIdx;
          break;
        case 'Bool': case 'String': case 'Number': case 'Nil': case 'Dot':
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
        // falls through (errorf never returns)
        default: {
          const chain = this.mkOrig('Chain', node.start, endIdx, { node, field: exact(fields), fieldStart: this.sh.src.toOriginal(fieldStart) });
          node.parent = chain;
          node = chain;
        }
      }
    }
    return node;
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Identifier: {
        const isFunction = this.sh.opts.isFunction;
        if (isFunction && !isFunction(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return this.tok('Identifier', token, { ident: token.val });
      }
      case T.Dot: return this.tok('Dot', token, {});
      case T.Nil: return this.tok('Nil', token, {});
      case T.Variable: return this.useVar(token);
      case T.Field: {
        return this.tok('Field', token, { ident: [token.val.slice(1)] });
      }
      case T.Bool: {
        return this.tok('Bool', token, { value: token.val === 'true' });
      }
      case T.CharConstant: case T.Complex: case T.Number: {
        const err = checkNumber(token.val, token.typ === T.CharConstant ? 'char' : token.typ === T.Complex ? 'complex' : 'number');
        if (err) this.errorf(err);
        return this.tok('Number', token, { text: token.val });
      }
      case T.LeftParen: {
        this.enter();
        const pipe = this.pipeline('parenthesized pipeline', T.RightParen);
        this.sh.depth--;
        const close = this.lastEnd!;
        pipe.start = this.sh.src.toOriginal(token.pos);
        pipe.end = this.sh.src.endToOriginal(close.pos + close.val.length, token.pos);
        pipe.parenthesized = true;
        return pipe;
      }
      case T.String: case T.RawString: {
        const s = goUnquote(token.val);
        if (s === null) this.errorf('invalid syntax');
        return this.tok('String', token, { quoted: token.val, text: s });
      }
    }
    this.backup();
    return null;
  }

  private useVar(token: Item): VariableNode {
    const v = this.tok('Variable', token, { ident: token.val.split('.') });
    if (this.varCounts.has(v.ident[0])) return v;
    this.errorf(`undefined variable ${goQuote(v.ident[0])}`, token);
  }
}

/**
 * A copy of a short array built by push() with no spare capacity: V8 grows a pushed array to 17
 * slots, and these arrays (arguments, commands, list items) live as long as the tree.
 */
function exact<X>(a: X[]): X[] {
  return a.length > 0 && a.length < 17 ? a.slice() : a;
}

function lastEndTag(list: ListNode | null): Tag | null {
  if (!list || list.nodes.length === 0) return null;
  const n = list.nodes[list.nodes.length - 1];
  if (n.type === 'If' || n.type === 'With' || n.type === 'Range') return n.endTag ?? lastEndTag(n.elseList);
  return null;
}

/** bytes.TrimSpace(s) == "" (unicode.IsSpace; unlike JS trim(), no U+FEFF). */
const GO_SPACE_ONLY = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** Go's IsEmptyTree: only white-space text and comments. */
function isEmptyTree(n: ListNode | null): boolean {
  if (!n) return true;
  for (const c of n.nodes) {
    if (c.type === 'Comment') continue;
    if (c.type === 'Text' && GO_SPACE_ONLY.test(c.text)) continue;
    return false;
  }
  return true;
}

export interface ParseResult {
  root: ListNode;
  defines: Record<string, ListNode>;
  /** Names of define/block templates in the order they were parsed. */
  defineNames: string[];
}

/** Parses `src.text`; throws GoParseError. */
export function parseGo(src: TemplateSource, opts: ParserOptions): ParseResult {
  const isFunction = opts.isFunction;
  const lex = new Lexer(src.text, {
    left: opts.left,
    right: opts.right,
    emitComment: true,
    breakOK: !(isFunction?.('break') ?? false),
    continueOK: !(isFunction?.('continue') ?? false),
    commentLineQuirk: opts.commentLineQuirk,
  });
  const sh = new Shared(src, lex, opts);
  const main = new Tree(opts.name, sh);
  main.parseMain();
  const mainTree = sh.trees.get(opts.name) ?? main;
  const defines: Record<string, ListNode> = {};
  const defineNames: string[] = [];
  for (const [name, tree] of sh.trees) {
    if (tree === mainTree || !tree.root) continue;
    defines[name] = tree.root;
    defineNames.push(name);
  }
  return { root: mainTree.root ?? main.root!, defines, defineNames };
}
