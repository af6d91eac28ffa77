// Rewriting templates: every read of a secret variable becomes a read of the file sops-nix
// decrypts, `include "/run/secrets/NAME" | trim`, spliced in at the span the parser recorded, so
// every other byte of the file stays as it was. A use that cannot be rewritten safely (a map
// holding secrets passed to a function, printed, ranged over, …) is reported as manual work.
//
// The analysis follows the data through the template the way Go evaluates it: the dot inside
// `with`, `$` variables bound to maps, `(index . "k").f` chains and static `index` calls. A map
// that holds secrets may be bound (to the dot of `with`, to a variable) and read field by field;
// any other use of it would see the secrets disappear and is manual.
import { children, walk, type ChainNode, type CommandNode, type ListNode, type Node, type PipeNode } from '../template/node.js';
import type { ParsedTemplate } from '../template/index.js';
import { Bindings, bodyDot } from '../template/scope.js';

export type DataPath = readonly string[];

/** A secret being moved: its data path and the file the template reads instead. */
export interface SecretTarget {
  path: DataPath;
  /** Absolute file sops-nix creates, e.g. /run/secrets/github/token. */
  secretFile: string;
  /**
   * A template expression for the file instead of the literal path, built from chezmoi's data on the
   * machine that applies (home-manager: under the user's own config dir, whoever runs migrate).
   */
  secretFileExpr?: string;
  /** Pipe the file through `trim` (default true). Off for values with their own surrounding white space. */
  trim?: boolean;
}

export interface RewriteResult {
  text: string;
  /** Each replaced read: position, data path, and its span [start, end) in the ORIGINAL text. */
  replaced: { line: number; column: number; path: string[]; start: number; end: number }[];
  manual: { line: number; reason: string }[];
}

export interface RewriteOptions {
  /**
   * Every leaf path of the merged data. Used to tell whether a map still holds anything once its
   * secrets are gone (`{{ with .github }}` is skipped for an empty map). Without it, maps are
   * assumed to keep other keys.
   */
  dataPaths?: readonly DataPath[];
  /** Without dataPaths: leaves that tell the element indexes of lists (ranges over lists of secrets). */
  listLeaves?: readonly DataPath[];
}

/** The syntax the rewriter needs from a parse: the main tree and the define/block bodies. */
/** What the rewrite reads of a parsed template (parseTemplate's result). */
export type ParsedSyntax = Pick<ParsedTemplate, 'ok' | 'tree' | 'defines'>;

/** A stable key for a data path (segments may contain dots). */
export function pathKey(path: DataPath): string {
  return JSON.stringify(path);
}

/** Go string literal for a path (JSON escapes are valid Go escapes). */
function goString(s: string): string {
  return JSON.stringify(s);
}

export function includeExpr(target: SecretTarget): string {
  const file = target.secretFileExpr !== undefined ? `(${target.secretFileExpr})` : goString(target.secretFile);
  return `include ${file}${target.trim === false ? '' : ' | trim'}`;
}

interface Site {
  unit: Node;
  target: SecretTarget;
  path: DataPath;
  /** The expression instead of the include (a `stat` condition). */
  replacement?: string;
  /** A read of one element's secret inside a range: the file name is built with the range's index variable. */
  indexed?: { format: string; variable: string };
}

/** A range over a list of maps holding secrets: the index it needs, and where to declare it. */
interface ListRange {
  marker: string;
  path: DataPath;
  variable: string;
  /** Where the declaration goes and what it is (`$i, $_ := ` or `$i, `); null when one is there. */
  insert: { at: number; text: string } | null;
  used: boolean;
}

/** A path segment standing for "the element of this range" (never a real key: NUL). */
const MARKER = '\u0000range';
const isMarker = (seg: string): boolean => seg.startsWith(MARKER);

interface Value {
  /** The data path the expression denotes, or null when it is not known statically. */
  path: DataPath | null;
  /** The node to replace when `path` is a secret (the operand, a chain, or an index call). */
  unit: Node | null;
}

interface Scope {
  dot: DataPath | null;
}

const UNKNOWN: Value = { path: null, unit: null };

/** Functions that pass their template argument on as the dot of another template. */
const TEMPLATE_CALLS = new Set(['includeTemplate']);
/** Functions of one argument that only look at whether it is empty. */
const TRUTH_TESTS = new Set(['not', 'empty']);

class Analysis {
  readonly sites: Site[] = [];
  readonly manual: { line: number; reason: string }[] = [];
  /** The data paths `hasKey` tests for (base path plus the key). */
  readonly keyTests: DataPath[] = [];
  /** Every moved secret path the template touches (read, or inside a map it uses). */
  readonly touched = new Map<string, DataPath>();
  private readonly secrets = new Map<string, SecretTarget>();
  /** Keys of strict prefixes of secret paths (maps holding secrets), with the root `[]`. */
  private readonly holders = new Map<string, DataPath[]>();
  private readonly remainingLeaves: DataPath[] | null;
  private readonly leaves: readonly DataPath[];
  readonly ranges = new Map<string, ListRange>();
  private readonly usedNames = new Set<string>();
  /** The variables in scope (Go's rules: src/template/scope.ts); `$` is the tree's dot. */
  private readonly vars = new Bindings<DataPath>((a, b) => pathKey(a ?? ['\0']) === pathKey(b ?? ['\0']));

  constructor(
    private readonly text: string,
    targets: readonly SecretTarget[],
    opts: RewriteOptions,
  ) {
    for (const t of targets) {
      this.secrets.set(pathKey(t.path), t);
      for (let n = 0; n < t.path.length; n++) {
        const key = pathKey(t.path.slice(0, n));
        const list = this.holders.get(key) ?? [];
        list.push(t.path);
        this.holders.set(key, list);
      }
    }
    this.remainingLeaves = opts.dataPaths ? opts.dataPaths.filter((p) => !this.secrets.has(pathKey(p))) : null;
    this.leaves = opts.dataPaths ?? opts.listLeaves ?? [];
  }

  secretAt(path: DataPath | null): SecretTarget | undefined {
    if (!path) return undefined;
    const k = path.findIndex(isMarker);
    if (k < 0) return this.secrets.get(pathKey(path));
    // Inside a range over a list: a secret of every element (the range was checked to be uniform).
    const concrete = this.expand(path);
    const targets = concrete.map((c) => this.secretAt(c));
    if (concrete.length === 0 || targets.some((t) => !t)) return undefined;
    return targets[0];
  }

  /** The secrets under `path` when it is a map holding some (the root `[]` included). */
  secretsUnder(path: DataPath | null): DataPath[] {
    if (!path) return [];
    if (path.some(isMarker)) return this.expand(path).flatMap((c) => this.secretsUnder(c));
    return this.holders.get(pathKey(path)) ?? [];
  }

  /** Every concrete path a path with range markers stands for (one per element, nested ranges too). */
  expand(path: DataPath): DataPath[] {
    const k = path.findIndex(isMarker);
    if (k < 0) return [path];
    const base = path.slice(0, k);
    return this.indicesOf(base).flatMap((i) => this.expand([...base, i, ...path.slice(k + 1)]));
  }

  /** The element indexes of the list at `path` ('0', '1', …), from the data's leaves. */
  private indicesOf(path: DataPath): string[] {
    const out = new Set<string>();
    for (const leaf of this.leaves) {
      if (leaf.length > path.length && path.every((s, i) => leaf[i] === s) && /^\d+$/.test(leaf[path.length]!)) out.add(leaf[path.length]!);
    }
    return [...out].sort((a, b) => Number(a) - Number(b));
  }

  /**
   * A list of maps whose secrets sit at the same keys in every element (`accounts[*].password`):
   * a range over it can read each element's secret through the index. Null for anything else.
   */
  private listOfSecrets(path: DataPath | null): DataPath[] | null {
    if (!path || path.some(isMarker)) return null;
    const held = this.secretsUnder(path);
    const indices = this.indicesOf(path);
    if (held.length === 0 || indices.length === 0) return null;
    if (!held.every((h) => /^\d+$/.test(h[path.length]!) && h.length > path.length + 1)) return null;
    const suffixes = new Set(held.map((h) => pathKey(h.slice(path.length + 1))));
    for (const i of indices) {
      for (const sfx of suffixes) if (!this.secrets.has(pathKey([...path, i, ...JSON.parse(sfx)]))) return null;
    }
    return held;
  }

  private freshVariable(base = '$i'): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}${n}`;
      if (this.usedNames.has(name) || new RegExp(`\\${name}(?![A-Za-z0-9_])`).test(this.text)) continue;
      this.usedNames.add(name);
      return name;
    }
  }

  private touch(paths: DataPath[]): void {
    for (const p of paths) this.touched.set(pathKey(p), p);
  }

  private src(n: Node): string {
    return this.text.slice(n.start, n.end).replace(/\s+/g, ' ');
  }

  private flag(n: Node, reason: string, paths: DataPath[]): void {
    this.touch(paths);
    // Suggest the read that replaces the first secret involved.
    const first = paths.map((p) => this.secretAt(p)).find((t) => t !== undefined);
    const hint = first && first.secretFile !== '/' && reason.endsWith('rewrite by hand') ? `, e.g. {{ ${includeExpr(first)} }} reads ${first.path.join('.')}` : '';
    this.manual.push({ line: n.line, reason: reason + hint });
  }

  // ---- walking the tree -------------------------------------------------------------------

  /** Walk a tree whose dot (and `$`) is `dot`: the data root in the main template, the argument in a define body. */
  walkTree(root: ListNode, dot: DataPath | null): void {
    this.vars.start(dot);
    this.list(root, { dot });
  }

  private list(list: ListNode | null, scope: Scope): void {
    if (!list) return;
    for (const n of list.nodes) this.node(n, scope);
  }

  private node(n: Node, scope: Scope): void {
    switch (n.type) {
      case 'Action':
        this.pipe(n.pipe, scope, 'action');
        return;
      case 'If':
      case 'With':
      case 'Range': {
        const mark = this.vars.mark();
        const value = this.pipe(n.pipe, scope, n.type === 'If' ? 'if' : n.type === 'With' ? 'with' : 'range');
        const bodyMark = this.vars.mark();
        // A `with` over a secret read: after the rewrite its dot is the file's content, no data path.
        let dot = bodyDot(n.type, this.secretAt(value.path) ? null : value.path, scope.dot);
        const list = n.type === 'Range' ? this.ranges.get(`${n.start}`) : undefined;
        if (list) {
          // The element's dot (and its variable) read [list, marker, …]; the index variable names the file.
          dot = [...list.path, list.marker];
          const decl = n.pipe.decl;
          if (decl.length > 0) this.vars.refine(decl[decl.length - 1]!.ident[0]!, dot);
        }
        this.vars.enter();
        this.list(n.list, { dot });
        this.vars.truncate(bodyMark);
        this.list(n.elseList, scope);
        this.vars.leave();
        this.vars.truncate(mark);
        return;
      }
      case 'Template': {
        if (n.pipe) this.pipe(n.pipe, scope, 'template');
        return;
      }
      default:
        return;
    }
  }

  /**
   * A pipeline in a context. Returns its value when it is a single operand (or a static index
   * call); binds its declared variables. The value's use is judged here, by the context.
   */
  private pipe(p: PipeNode, scope: Scope, context: 'action' | 'if' | 'with' | 'range' | 'template' | 'paren'): Value {
    const value = this.pipeValue(p, scope);
    const decl = p.decl.length > 0;
    if (context !== 'paren') this.useOfPipe(p, value, context, decl);
    if (!decl) return value;
    if (context === 'range') {
      for (const v of p.decl) this.bind(v.ident[0]!, null, p.isAssign, v);
      return value;
    }
    // A variable bound to a secret read holds the file's content after the rewrite: no data path.
    const bound = this.secretAt(value.path) ? null : value.path;
    for (const v of p.decl) this.bind(v.ident[0]!, bound, p.isAssign, v);
    return value;
  }

  private bind(name: string, path: DataPath | null, assign: boolean, at: Node): void {
    if (assign) {
      const old = this.vars.lookup(name);
      // Either binding may reach a later use (an assignment in a branch may not have run).
      const held = [...this.secretsUnder(old), ...this.secretsUnder(path)];
      if (held.length > 0 && pathKey(old ?? ['\0']) !== pathKey(path ?? ['\0'])) {
        this.flag(at, `${name} is reassigned while it holds data with secrets; rewrite its uses by hand`, held);
      }
      this.vars.assign(name, path);
      return;
    }
    this.vars.declare(name, path);
  }

  /** Judge the value of a whole pipeline by what its context does with it. */
  private useOfPipe(p: PipeNode, value: Value, context: 'action' | 'if' | 'with' | 'range' | 'template', decl: boolean): void {
    if (this.secretAt(value.path)) {
      this.site(value, p);
      return;
    }
    const held = this.secretsUnder(value.path);
    if (held.length === 0 || value.path === null) return;
    const what = this.src(value.unit ?? p);
    if (context === 'range') {
      if (this.listOfSecrets(value.path) && !(p.isAssign && p.decl.length === 1)) {
        this.listRange(p, value.path);
        return;
      }
      this.flag(p, `range over ${what}, which holds secrets: its keys would change; rewrite by hand`, held);
    } else if (context === 'template') {
      // Partials are analysed with the whole data as their dot; any other map would be misread.
      if (value.path.length > 0) this.flag(p, `${what}, which holds secrets, is passed to a template; rewrite by hand`, held);
    } else if (context === 'if' || context === 'with') {
      if (this.emptiedBy(value.path)) this.existsSite(value, p, held, `this ${context} changes its outcome`);
    } else if (!decl) {
      this.flag(p, `prints ${what}, which holds secrets; rewrite by hand`, held);
    }
  }

  /** True when the map at `path` has nothing left once the moved secrets are removed. */
  private emptiedBy(path: DataPath): boolean {
    if (this.remainingLeaves === null) return false;
    if (path.some(isMarker)) return this.expand(path).every((c) => this.emptiedBy(c));
    return !this.remainingLeaves.some((leaf) => leaf.length > path.length && path.every((seg, i) => leaf[i] === seg));
  }

  /** Evaluate a pipeline's commands; the value is known only for a lone operand or static index. */
  private pipeValue(p: PipeNode, scope: Scope): Value {
    if (p.cmds.length === 1) return this.command(p.cmds[0]!, 0, scope, true);
    p.cmds.forEach((c, i) => this.command(c, i, scope, false));
    return UNKNOWN;
  }

  /**
   * A command. `sole`: it is the whole pipeline, so a lone operand is the pipeline's value and
   * its use is decided by the caller; otherwise every operand is consumed by a function or by the
   * next stage of the pipeline.
   */
  private command(c: CommandNode, index: number, scope: Scope, sole: boolean): Value {
    const head = c.args[0];
    if (head?.type === 'Identifier') {
      const fn = head.ident;
      if ((fn === 'index' || fn === 'get' || fn === 'dig') && index === 0) {
        const r = fn === 'dig' ? this.staticDig(c, scope) : fn === 'get' ? (c.args.length === 3 ? this.staticIndex(c, scope) : null) : this.staticIndex(c, scope);
        if (r) return sole ? r : this.consume(r, c, 'the next stage of a pipeline');
      }
      if (fn === 'hasKey' && c.args.length === 3 && c.args[2]!.type === 'String') {
        // Only the tested key matters: maps that held secrets stay (left empty), other keys stay.
        const base = this.operand(c.args[1]!, scope);
        const key = base.path ? [...base.path, (c.args[2] as { text: string }).text] : null;
        if (key) this.keyTests.push(key);
        if (this.secretAt(key)) this.flag(c, `hasKey tests ${key!.join('.')}, which will no longer exist; rewrite by hand`, [key!]);
        return UNKNOWN;
      }
      for (let i = 1; i < c.args.length; i++) {
        const arg = c.args[i]!;
        const v = this.operand(arg, scope);
        if (TEMPLATE_CALLS.has(fn) && i === 2 && v.path && v.path.length === 0 && !this.secretAt(v.path)) continue;
        // `not`/`empty` only test a map for emptiness: safe while the map keeps other keys.
        if (TRUTH_TESTS.has(fn) && c.args.length === 2 && v.path && !this.secretAt(v.path) && this.secretsUnder(v.path).length > 0) {
          if (this.emptiedBy(v.path)) this.existsSite(v, arg, this.secretsUnder(v.path), `${fn} changes its result`);
          continue;
        }
        this.consume(v, arg, fn);
      }
      return UNKNOWN;
    }
    if (c.args.length === 1 && head) {
      const v = this.operand(head, scope);
      if (sole) return v;
      return this.consume(v, head, 'the next stage of a pipeline');
    }
    // A method-like call with arguments (`.Method a b`) or anything else: every operand is consumed.
    for (const arg of c.args) this.consume(this.operand(arg, scope), arg, 'a call');
    return UNKNOWN;
  }

  /** `index BASE "k1" "k2"` (or sprig's `get BASE "k"`) with string keys: the path BASE.k1.k2; else null (dynamic). */
  private staticIndex(c: CommandNode, scope: Scope): Value | null {
    if (c.args.length < 2) return null;
    const keys = c.args.slice(2);
    if (!keys.every((k) => k.type === 'String')) return null;
    const base = this.operand(c.args[1]!, scope);
    if (!base.path) {
      this.consume(base, c.args[1]!, 'index');
      return UNKNOWN;
    }
    return { path: [...base.path, ...keys.map((k) => (k as { text: string }).text)], unit: c };
  }

  /** `dig "k1" … "kn" DEFAULT BASE` with string keys: the path BASE.k1…kn (DEFAULT is consumed). */
  private staticDig(c: CommandNode, scope: Scope): Value | null {
    if (c.args.length < 4) return null;
    const keys = c.args.slice(1, -2);
    if (!keys.every((k) => k.type === 'String')) return null;
    const fallback = c.args[c.args.length - 2]!;
    this.consume(this.operand(fallback, scope), fallback, 'dig');
    const base = this.operand(c.args[c.args.length - 1]!, scope);
    if (!base.path) {
      this.consume(base, c.args[c.args.length - 1]!, 'dig');
      return UNKNOWN;
    }
    return { path: [...base.path, ...keys.map((k) => (k as { text: string }).text)], unit: c };
  }

  /** A value handed to a function or printed: a secret read is rewritten; a map with secrets is manual. */
  private consume(v: Value, at: Node, by: string): Value {
    if (this.secretAt(v.path)) {
      this.site(v, at);
      return UNKNOWN;
    }
    const held = this.secretsUnder(v.path);
    if (held.length > 0) {
      const what = v.path!.length === 0 ? 'the whole data (.)' : this.src(v.unit ?? at);
      this.flag(at, `${what}, which holds secrets, is passed to ${by}; rewrite by hand`, held);
    }
    return UNKNOWN;
  }

  /** The value of an operand; nested pipelines are walked (their own uses judged there). */
  private operand(n: Node, scope: Scope): Value {
    switch (n.type) {
      case 'Field':
        return { path: scope.dot ? [...scope.dot, ...n.ident] : null, unit: n };
      case 'Variable': {
        const base = this.vars.lookup(n.ident[0]!);
        return { path: base ? [...base, ...n.ident.slice(1)] : null, unit: n };
      }
      case 'Dot':
        return { path: scope.dot, unit: n };
      case 'Chain': {
        const inner = this.chainBase(n, scope);
        return { path: inner ? [...inner, ...n.field] : null, unit: n };
      }
      case 'Pipe': {
        const v = this.pipe(n, scope, 'paren');
        return v.path && v.unit ? v : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /** The path of the operand a chain applies its fields to (it is read, not consumed). */
  private chainBase(n: ChainNode, scope: Scope): DataPath | null {
    if (n.node.type === 'Identifier') return null;
    const v = this.operand(n.node, scope);
    if (this.secretAt(v.path)) {
      this.flag(n, `reads a field of the secret ${v.path!.join('.')}; rewrite by hand`, [v.path!]);
      return null;
    }
    return v.path;
  }

  private site(v: Value, fallback: Node): void {
    const target = this.secretAt(v.path)!;
    const path = v.path!;
    this.touch(this.expand(path));
    if (!v.unit) {
      this.flag(fallback, `reads ${shown(path)} in a way that cannot be rewritten; rewrite by hand`, this.expand(path));
      return;
    }
    if (this.sites.some((s) => s.unit === v.unit)) return;
    const k = path.findIndex(isMarker);
    if (k < 0) {
      this.sites.push({ unit: v.unit, target, path });
      return;
    }
    const list = [...this.ranges.values()].find((r) => r.marker === path[k]);
    if (!list || path.slice(k + 1).some(isMarker)) {
      this.flag(fallback, `reads ${shown(path)} across nested ranges; rewrite by hand`, this.expand(path));
      return;
    }
    list.used = true;
    // SECRETS_DIR/a/b/0/c: one file-name segment per data-path segment, the index among them.
    const parts = target.secretFile.split('/');
    const first = parts.length - path.length;
    const format = parts.map((seg, i) => (i === first + k ? '%d' : seg.replace(/%/g, '%%'))).join('/');
    this.sites.push({ unit: v.unit, target, path, indexed: { format, variable: list.variable } });
  }

  /** A map that holds only moved secrets, tested for emptiness: test whether its first secret's file exists. */
  private existsSite(v: Value, at: Node, held: DataPath[], effect: string): void {
    const what = this.src(v.unit ?? at);
    const first = [...held].sort((a, b) => pathKey(a).localeCompare(pathKey(b)))[0];
    const target = first ? this.secretAt(first) : undefined;
    if (!v.unit || !target || v.path?.some(isMarker)) {
      this.flag(at, `${what} holds only secrets: once they move it is empty and ${effect}; rewrite by hand`, held);
      return;
    }
    this.touch(held);
    if (!this.sites.some((s) => s.unit === v.unit)) this.sites.push({ unit: v.unit, target, path: v.path!, replacement: `stat ${goString(target.secretFile)}` });
  }

  /** Record a range over a list of maps holding secrets, with the index variable it needs. */
  private listRange(p: PipeNode, path: DataPath): void {
    const range = p.parent;
    if (!range || range.type !== 'Range' || this.ranges.has(`${range.start}`)) return;
    const decl = p.decl;
    let variable: string;
    let insert: ListRange['insert'] = null;
    if (decl.length === 2) variable = decl[0]!.ident[0]!;
    else {
      variable = this.freshVariable();
      insert = decl.length === 1 ? { at: decl[0]!.start, text: `${variable}, ` } : { at: p.cmds[0]!.start, text: `${variable}, ${this.freshVariable('$_')} := ` };
    }
    this.ranges.set(`${range.start}`, { marker: `${MARKER}${this.ranges.size}`, path, variable, insert, used: false });
  }

  // ---- defines ----------------------------------------------------------------------------

  /** The dot each define body gets: the path all its callers in this file pass, else the data root. */
  defineDots(root: ListNode, defines: Record<string, ListNode>): Map<string, DataPath | null> {
    const passed = new Map<string, (DataPath | null)[]>();
    // Call sites count only where the dot is plainly the data root (not inside with/range or a define).
    const visit = (n: Node, dot: DataPath | null): void => {
      if (n.type === 'Template') {
        const list = passed.get(n.name) ?? [];
        list.push(n.pipe && n.pipe.cmds.length === 1 && n.pipe.decl.length === 0 ? operandOf(n.pipe, dot) : null);
        passed.set(n.name, list);
      }
      const inner = n.type === 'With' || n.type === 'Range' ? null : dot;
      for (const child of children(n)) visit(child, child === (n as { pipe?: Node }).pipe ? dot : inner);
    };
    visit(root, []);
    for (const body of Object.values(defines)) visit(body, null);
    const dots = new Map<string, DataPath | null>();
    for (const name of Object.keys(defines)) {
      const calls = passed.get(name) ?? [];
      if (calls.length === 0) dots.set(name, []);
      else if (calls.every((c) => c !== null && pathKey(c) === pathKey(calls[0]!))) dots.set(name, calls[0]!);
      else dots.set(name, null);
    }
    return dots;
  }

  /** In a define body whose dot is unknown, a field that could name a secret cannot be judged. */
  unknownDotReads(body: ListNode, targets: readonly SecretTarget[]): void {
    walk(body, (n) => {
      if (n.type !== 'Field') return;
      const t = targets.find((t) => t.path.length >= n.ident.length && pathKey(t.path.slice(-n.ident.length)) === pathKey(n.ident));
      if (t) this.flag(n, `.${n.ident.join('.')} may read ${t.path.join('.')} but the template's dot is not known; rewrite by hand`, [t.path]);
    });
  }
}

/** The data path a template call passes, for the simple forms `.`, `.a.b`, `$`, `$.a`. */
function operandOf(p: PipeNode, dot: DataPath | null): DataPath | null {
  const c = p.cmds[0]!;
  if (c.args.length !== 1) return null;
  const a = c.args[0]!;
  if (a.type === 'Dot') return dot;
  if (a.type === 'Field') return dot ? [...dot, ...a.ident] : null;
  if (a.type === 'Variable' && a.ident[0] === '$') return a.ident.slice(1);
  return null;
}

function analyse(text: string, parsed: ParsedSyntax, targets: readonly SecretTarget[], opts: RewriteOptions): Analysis {
  const a = new Analysis(text, targets, opts);
  if (!parsed.ok || !parsed.tree) return a;
  a.walkTree(parsed.tree, []);
  const dots = a.defineDots(parsed.tree, parsed.defines);
  for (const [name, body] of Object.entries(parsed.defines)) {
    const dot = dots.get(name) ?? null;
    if (dot === null) a.unknownDotReads(body, targets);
    else a.walkTree(body, dot);
  }
  return a;
}

/** Shown in messages: a range element as `[*]`. */
function shown(path: DataPath): string {
  return path.map((s) => (isMarker(s) ? '[*]' : s)).join('.');
}

/** Where a replaced operand sits decides its form: a whole pipeline head, or an argument. */
function replacementFor(site: Site): string {
  const indexed = site.indexed ? `include (printf ${goString(site.indexed.format)} ${site.indexed.variable})${site.target.trim === false ? '' : ' | trim'}` : null;
  const bare = site.replacement ?? indexed ?? includeExpr(site.target);
  const unit = site.unit;
  const command = unit.type === 'Command' ? unit : unit.parent?.type === 'Command' ? unit.parent : null;
  const pipe = command?.parent?.type === 'Pipe' ? command.parent : null;
  const wholeHead = command !== null && pipe !== null && pipe.cmds[0] === command && (unit === command || command.args.length === 1);
  // `{{ .x | quote }}` and `$t := .x` take the bare pipeline; a condition or an argument gets parentheses.
  if (wholeHead && (pipe!.parenthesized || pipe!.parent?.type === 'Action')) return bare;
  return `(${bare})`;
}

/**
 * Rewrite every read of the given secrets. When any use is manual, the text is returned
 * unchanged (the file is left alone) with the manual items; `replaced` then lists nothing.
 */
export function rewriteTemplateTargets(text: string, parsed: ParsedSyntax, targets: readonly SecretTarget[], opts: RewriteOptions = {}): RewriteResult {
  const a = analyse(text, parsed, targets, opts);
  if (a.manual.length > 0) return { text, replaced: [], manual: a.manual };
  const sites = [...a.sites].sort((x, y) => y.unit.start - x.unit.start);
  const edits = [
    ...sites.map((s) => ({ start: s.unit.start, end: s.unit.end, text: replacementFor(s) })),
    ...[...a.ranges.values()].flatMap((r) => (r.used && r.insert ? [{ start: r.insert.at, end: r.insert.at, text: r.insert.text }] : [])),
  ].sort((x, y) => y.start - x.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  // A read inside a range over a list stands for the secret of every element.
  const replaced = sites.reverse().flatMap((s) => a.expand(s.path).map((path) => ({ line: s.unit.line, column: s.unit.column, path: [...path], start: s.unit.start, end: s.unit.end })));
  return { text: out, replaced, manual: [] };
}

/**
 * The API of the brief: secrets keyed by dotted data path (`github.token`). Use
 * rewriteTemplateTargets when a key may itself contain a dot.
 */
export function rewriteTemplate(text: string, parsed: ParsedSyntax, secrets: Map<string, { secretFile: string; trim?: boolean }>, opts: RewriteOptions = {}): RewriteResult {
  const targets = [...secrets].map(([dotted, t]) => ({ path: dotted.split('.'), secretFile: t.secretFile, trim: t.trim }));
  return rewriteTemplateTargets(text, parsed, targets, opts);
}

/** The secret paths among `paths` that a template reads or uses through a map holding them. */
export function readsOf(parsed: ParsedSyntax, paths: readonly DataPath[], text = ''): string[][] {
  // The secrets' own paths tell the indexes of a list of maps holding them (a range over it reads none).
  const a = analyse(text, parsed, paths.map((path) => ({ path, secretFile: '/' })), { listLeaves: paths });
  return [...a.touched.values()].map((p) => [...p]);
}

/**
 * The data paths whose existence a template depends on besides the values it reads: what `hasKey`
 * tests, and every path it reads (a map read whole, or a key that must be there).
 */
export function pathsNeeded(parsed: ParsedSyntax & { refs?: readonly { path: readonly string[] | null }[] }, text = ''): DataPath[] {
  const a = analyse(text, parsed, [], {});
  return [...a.keyTests, ...(parsed.refs ?? []).flatMap((r) => (r.path ? [r.path] : []))];
}
