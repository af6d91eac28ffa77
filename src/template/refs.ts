/**
 * Data references of a parsed template, each resolved through with/range/$-variable scopes and
 * `index` calls to the data path it reads (or null when that cannot be known statically), plus
 * the functions called and the include/template names. Mirrors what the gotmpl-oracle reports
 * (refs of kind field/variable/chain, funcs, includes) and adds index/dot refs.
 */
import type { ChainNode, CommandNode, FieldNode, ListNode, Node, PipeNode, VariableNode } from './node.js';
import type { TemplateSource } from './source.js';
import { Bindings, bodyDot } from './scope.js';

export type Path = string[] | null;

export type RefKind =
  /** `.a.b` */
  | 'field'
  /** `$x.a`, `$.a` */
  | 'variable'
  /** fields applied to another operand: `(index . "k").b`, `now.Year` */
  | 'chain'
  /** `index BASE "k"…` with literal keys */
  | 'index'
  /** a bare `.` or `$x` that stands for a known, non-root data path (inside `with`, after `$x := .a`) */
  | 'dot';

export interface TemplateRef {
  kind: RefKind;
  text: string;
  path: string[] | null;
  line: number;
  column: number;
  offset: number;
  start: number;
  end: number;
  node: Node;
  flowsInto: string[];
  /** The define/block template the reference is in, if any. */
  tree?: string;
}

export interface IncludeCall {
  func: 'include' | 'includeTemplate' | 'template' | 'block';
  /** The literal name; absent when the argument is not a string literal. */
  name?: string;
  piped: boolean;
  /**
   * The data path handed to the included template as its dot (`includeTemplate "f" .cfg`,
   * `{{template "t" .cfg}}`): a path, null when not statically known, undefined when none is passed.
   */
  data?: Path;
  /** Original index of the name literal (or of the argument). */
  start: number;
  line: number;
  column: number;
  offset: number;
  node: Node;
  tree?: string;
}

export interface FuncCall {
  name: string;
  line: number;
  column: number;
  offset: number;
  node: Node;
  tree?: string;
}

export interface RefsResult {
  refs: TemplateRef[];
  funcs: string[];
  funcCalls: FuncCall[];
  includeCalls: IncludeCall[];
  includes: string[];
}

export interface ScopeOptions {
  /** The data path of dot in the file's own template (default: the root, []). */
  rootDot?: Path;
  /** The data path of dot in define/block bodies (default: unknown). */
  defineDot?: Path;
}

interface Scope {
  dot: Path;
  /** Dot at the start of the tree: what `$` means. */
  root: Path;
}

function extend(base: Path, more: readonly string[]): Path {
  // concat allocates exactly the elements (paths are kept in every ref).
  return base === null ? null : base.concat(more);
}

function samePath(a: Path, b: Path): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

class Collector {
  readonly refs: TemplateRef[] = [];
  readonly funcCalls: FuncCall[] = [];
  readonly includeCalls: IncludeCall[] = [];
  /** The variables in scope (Go's rules: scope.ts). */
  private readonly vars = new Bindings<string[]>(samePath);
  private tree: string | undefined;

  constructor(private readonly src: TemplateSource) {}

  walkTree(root: ListNode, dot: Path, tree: string | undefined): void {
    this.tree = tree;
    this.vars.start(dot);
    this.walkList(root, { dot, root: dot });
  }

  private walkList(list: ListNode | null, scope: Scope): void {
    if (!list) return;
    for (const n of list.nodes) this.walkNode(n, scope);
  }

  private walkNode(n: Node, scope: Scope): void {
    switch (n.type) {
      case 'Action':
        this.walkPipe(n.pipe, scope, true);
        return;
      case 'If':
      case 'With':
      case 'Range': {
        const mark = this.vars.mark();
        const value = this.walkPipe(n.pipe, scope, true, n.type === 'Range');
        const inner: Scope = n.type === 'If' ? scope : { dot: bodyDot(n.type, value, scope.dot), root: scope.root };
        this.vars.enter();
        const bodyMark = this.vars.mark();
        this.walkList(n.list, inner);
        this.vars.truncate(bodyMark);
        this.walkList(n.elseList, scope);
        this.vars.leave();
        this.vars.truncate(mark);
        return;
      }
      case 'Template':
        this.addInclude(n.block ? 'block' : 'template', n.name, false, n.nameStart, n, n.pipe ? this.valuePath(n.pipe, scope) : undefined);
        if (n.pipe) this.walkPipe(n.pipe, scope, false);
        return;
      default:
        return;
    }
  }

  /**
   * Walks a pipeline, declares its variables and returns the data path of its value.
   * `rangeDecl`: variables of a range pipeline hold elements, never the ranged value itself.
   */
  private walkPipe(pipe: PipeNode, scope: Scope, declare: boolean, rangeDecl = false): Path {
    let prev: CommandNode | null = null;
    for (const cmd of pipe.cmds) {
      this.walkCommand(cmd, prev, scope);
      prev = cmd;
    }
    const value = this.valuePath(pipe, scope);
    if (declare) {
      for (const d of pipe.decl) this.bind(d.ident[0], rangeDecl ? null : value, pipe.isAssign);
    }
    return rangeDecl ? null : value;
  }

  private bind(name: string, path: Path, isAssign: boolean): void {
    if (!isAssign || !this.vars.assign(name, path)) this.vars.declare(name, path);
  }

  private lookup(name: string): Path {
    return this.vars.lookup(name);
  }

  private walkCommand(cmd: CommandNode, prev: CommandNode | null, scope: Scope): void {
    const first = cmd.args[0];
    if (first && first.type === 'Identifier') {
      const fn = first.ident;
      if (fn === 'include' || fn === 'includeTemplate') {
        if (cmd.args.length >= 2) {
          const arg = cmd.args[1];
          const data = fn === 'includeTemplate' && cmd.args.length >= 3 ? this.valuePath(cmd.args[2], scope) : undefined;
          this.addInclude(fn, arg.type === 'String' ? arg.text : undefined, false, arg.start, arg, data);
        } else if (prev && prev.args.length === 1) {
          const arg = prev.args[0];
          this.addInclude(fn, arg.type === 'String' ? arg.text : undefined, true, arg.start, arg);
        }
      } else if (fn === 'index' && cmd.args.length >= 3) {
        const keys = cmd.args.slice(2);
        if (keys.every((k) => k.type === 'String' || k.type === 'Number')) {
          this.addRef('index', this.src.original.slice(cmd.start, cmd.end), this.valuePath(cmd, scope), cmd, first.start);
        }
      }
    }
    for (const a of cmd.args) this.walkOperand(a, scope);
  }

  private walkOperand(n: Node, scope: Scope): void {
    switch (n.type) {
      case 'Identifier':
        this.addFunc(n.ident, n);
        return;
      case 'Field':
        this.addRef('field', '.' + n.ident.join('.'), extend(scope.dot, n.ident), n, n.start);
        return;
      case 'Variable':
        if (n.ident.length > 1) this.addRef('variable', n.ident.join('.'), this.valuePath(n, scope), n, n.start);
        else this.maybeDotRef(n, this.valuePath(n, scope));
        return;
      case 'Dot':
        this.maybeDotRef(n, scope.dot);
        return;
      case 'Chain':
        this.walkOperand(n.node, scope);
        this.addRef('chain', '.' + n.field.join('.'), this.valuePath(n, scope), n, n.fieldStart);
        return;
      case 'Pipe':
        this.walkPipe(n, scope, true);
        return;
      default:
        return;
    }
  }

  private maybeDotRef(n: Node, path: Path): void {
    if (path && path.length > 0) this.addRef('dot', this.src.original.slice(n.start, n.end), path, n, n.start);
  }

  /** The data path a node's value is, when statically known. */
  private valuePath(n: Node, scope: Scope): Path {
    switch (n.type) {
      case 'Dot': return scope.dot;
      case 'Field': return extend(scope.dot, n.ident);
      case 'Variable': {
        const base = n.ident[0] === '$' ? this.lookup('$') : this.lookup(n.ident[0]);
        return extend(base, n.ident.slice(1));
      }
      case 'Chain': return extend(this.valuePath(n.node, scope), n.field);
      case 'Pipe': return n.cmds.length === 1 ? this.valuePath(n.cmds[0], scope) : null;
      case 'Command': {
        if (n.args.length === 1) return this.valuePath(n.args[0], scope);
        const first = n.args[0];
        if (first.type === 'Identifier' && first.ident === 'index' && n.args.length >= 2) {
          const keys: string[] = [];
          for (const k of n.args.slice(2)) {
            if (k.type === 'String') keys.push(k.text);
            else if (k.type === 'Number') keys.push(k.text);
            else return null;
          }
          return extend(this.valuePath(n.args[1], scope), keys);
        }
        return null;
      }
      default: return null;
    }
  }

  private addRef(kind: RefKind, text: string, path: Path, node: Node, at: number): void {
    const p = this.src.position(at);
    // `tree` is set after the literal (same key order) rather than spread into it: a spread makes
    // V8 build every ref on its slow path.
    const ref: TemplateRef = {
      kind, text, path, line: p.line, column: p.column, offset: p.offset, start: node.start, end: node.end,
      node, flowsInto: flowsInto(node),
    };
    if (this.tree !== undefined) ref.tree = this.tree;
    this.refs.push(ref);
  }

  private addFunc(name: string, node: Node): void {
    // One lookup for all three (the node's getters would each find the line again).
    const p = this.src.position(node.start);
    const call: FuncCall = { name, line: p.line, column: p.column, offset: p.offset, node };
    if (this.tree !== undefined) call.tree = this.tree;
    this.funcCalls.push(call);
  }

  private addInclude(func: IncludeCall['func'], name: string | undefined, piped: boolean, at: number, node: Node, data?: Path): void {
    const p = this.src.position(at);
    this.includeCalls.push({
      func, ...(name !== undefined ? { name } : {}), ...(data !== undefined ? { data } : {}), piped, start: at, line: p.line, column: p.column, offset: p.offset, node,
      ...(this.tree !== undefined ? { tree: this.tree } : {}),
    });
  }
}

/**
 * The functions a value is handed to: the function whose argument it is, then each function of
 * the later stages of the pipeline, continuing outwards through parenthesized pipelines.
 */
export function flowsInto(node: Node): string[] {
  const out: string[] = [];
  let cur: Node = node;
  // A field chain's value is the chain's: start from the outermost chain around the node.
  while (cur.parent && cur.parent.type === 'Chain') cur = cur.parent;
  for (;;) {
    const cmd = cur.parent;
    if (!cmd || cmd.type !== 'Command') break;
    const first = cmd.args[0];
    if (first !== cur && first.type === 'Identifier') out.push(first.ident);
    else if (first !== cur) break; // an argument of a method call: its result is not this value
    const pipe = cmd.parent;
    if (!pipe || pipe.type !== 'Pipe') break;
    const i = pipe.cmds.indexOf(cmd);
    for (const later of pipe.cmds.slice(i + 1)) {
      const f = later.args[0];
      if (f.type === 'Identifier') out.push(f.ident);
    }
    if (!pipe.parenthesized) break;
    cur = pipe;
    while (cur.parent && cur.parent.type === 'Chain') cur = cur.parent;
  }
  // Kept in every ref: no spare capacity from push().
  return out.length > 0 ? out.slice() : out;
}

/** Collects refs, function calls and includes of the file's tree and its define/block trees. */
export function collectRefs(
  src: TemplateSource,
  root: ListNode,
  defines: Record<string, ListNode>,
  opts: ScopeOptions = {},
): RefsResult {
  const c = new Collector(src);
  c.walkTree(root, opts.rootDot === undefined ? [] : opts.rootDot, undefined);
  for (const name of Object.keys(defines).sort()) {
    c.walkTree(defines[name], opts.defineDot === undefined ? null : opts.defineDot, name);
  }
  const byOffset = <X extends { offset: number }>(a: X, b: X) => a.offset - b.offset;
  const refs = c.refs.sort(byOffset);
  const funcCalls = c.funcCalls.sort(byOffset);
  const includeCalls = c.includeCalls.sort(byOffset);
  const funcs = [...new Set(funcCalls.map((f) => f.name))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const includes = includeCalls.filter((i) => i.name !== undefined).map((i) => i.name!);
  return { refs, funcs, funcCalls, includeCalls, includes };
}

export type { FieldNode, VariableNode, ChainNode };

/** Where a reference sits, for a rewriter that must replace it (or its whole action) exactly. */
export type RefContext =
  /** the whole pipeline of an output action `{{ .a }}`: `owner` is the ActionNode */
  | 'action'
  /** the whole condition of if/with/range: `owner` is the branch node */
  | 'condition'
  /** the value of `$x := .a` / `$x = .a` (any owner) */
  | 'declaration'
  /** the whole pipeline passed by `{{template "x" .a}}` */
  | 'template'
  /** the only operand of one stage of a longer pipeline: `{{ .a | quote }}` */
  | 'stage'
  /** an argument of a function call: `{{ quote .a }}`, `{{ index .a "k" }}` */
  | 'argument'
  /** the operand fields are applied to: `.a` in `(.a).b` */
  | 'chain-base'
  /** the whole content of a parenthesized pipeline used as an operand: `(.a)` */
  | 'parenthesized';

export interface RefPlace {
  context: RefContext;
  /** The command whose operand (or which) the reference is, when there is one. */
  command: CommandNode | null;
  pipe: PipeNode | null;
  /** The node that owns the pipeline: Action, If/With/Range, Template, or the parenthesized Pipe's parent. */
  owner: Node | null;
}

/** Classifies the syntactic place of a reference's node (see RefContext). */
export function refPlace(node: Node): RefPlace {
  const parent = node.parent;
  if (parent && parent.type === 'Chain') return { context: 'chain-base', command: null, pipe: null, owner: parent };
  const command = node.type === 'Command' ? node : parent && parent.type === 'Command' ? parent : null;
  if (!command) return { context: 'argument', command: null, pipe: null, owner: parent };
  const pipe = command.parent && command.parent.type === 'Pipe' ? command.parent : null;
  if (command !== node && command.args.length > 1) return { context: command.args[0] === node ? 'stage' : 'argument', command, pipe, owner: pipe?.parent ?? null };
  if (!pipe) return { context: 'argument', command, pipe, owner: null };
  const owner = pipe.parent;
  if (pipe.decl.length > 0 && pipe.cmds.length === 1) return { context: 'declaration', command, pipe, owner };
  if (pipe.cmds.length > 1) return { context: 'stage', command, pipe, owner };
  if (pipe.parenthesized) return { context: 'parenthesized', command, pipe, owner };
  switch (owner?.type) {
    case 'Action': return { context: 'action', command, pipe, owner };
    case 'If': case 'With': case 'Range': return { context: 'condition', command, pipe, owner };
    case 'Template': return { context: 'template', command, pipe, owner };
    default: return { context: 'argument', command, pipe, owner };
  }
}
