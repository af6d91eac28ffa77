// Go's scope rules for template variables and the dot, followed by everything that tracks data
// through a template: the reference collector (refs.ts) and the migration rewriter
// (src/migrate/rewrite.ts). What a variable or the dot stands for (a data path, or null when that
// cannot be known) is the caller's; which binding a name means, and when, is decided here.
//
// text/template (exec.go): a tree starts with `$` bound to its dot; `{{ $x := … }}` declares in the
// innermost control structure and its scope ends with it (`{{ end }}`, and the `else` of the same
// structure still sees the pipeline's own variables); `$x = …` assigns the nearest declaration.

interface Binding<P> {
  name: string;
  path: P | null;
  /** Control nesting where it was declared: an assignment deeper than this may not have run. */
  depth: number;
  /** The binding of the same name this one shadows. */
  shadows: Binding<P> | undefined;
}

export type BodyKind = 'If' | 'With' | 'Range';

/** The dot inside the body of `if`, `with` or `range`: unchanged, the pipeline's value, an element (unknown here). */
export function bodyDot<P>(kind: BodyKind, value: P | null, outer: P | null): P | null {
  return kind === 'With' ? value : kind === 'Range' ? null : outer;
}

/**
 * The variables in scope while a tree is walked. `mark` / `truncate` bracket a control structure's
 * declarations, `enter` / `leave` its body; lookups are O(1) (a file's top-level variables stay in
 * scope to its end, so searching a list per use would be quadratic in long files).
 */
export class Bindings<P> {
  /** In scope, oldest first; popped by truncating to a mark. */
  private vars: Binding<P>[] = [];
  private innermost = new Map<string, Binding<P>>();
  private depth = 0;

  constructor(private readonly same: (a: P | null, b: P | null) => boolean) {}

  /** A new tree: no variables but `$`, its dot. */
  start(root: P | null): void {
    this.vars = [];
    this.innermost.clear();
    this.depth = 0;
    this.declare('$', root);
  }

  mark(): number {
    return this.vars.length;
  }

  /** End the scope of every variable declared since `mark`. */
  truncate(mark: number): void {
    while (this.vars.length > mark) {
      const b = this.vars.pop()!;
      if (b.shadows) this.innermost.set(b.name, b.shadows);
      else this.innermost.delete(b.name);
    }
  }

  /** Into the body (and else) of a control structure: assignments there are conditional. */
  enter(): void {
    this.depth++;
  }

  leave(): void {
    this.depth--;
  }

  declare(name: string, path: P | null): void {
    const b: Binding<P> = { name, path, depth: this.depth, shadows: this.innermost.get(name) };
    this.vars.push(b);
    this.innermost.set(name, b);
  }

  /**
   * `$x = value`: false when `$x` is not declared. An assignment nested deeper than the declaration
   * may or may not have run, so afterwards `$x` is unknown unless both values agree.
   */
  assign(name: string, path: P | null): boolean {
    const b = this.innermost.get(name);
    if (!b) return false;
    b.path = b.depth === this.depth || this.same(b.path, path) ? path : null;
    return true;
  }

  /** Rebind the innermost `name` to what the caller knows better (a range's element variable). */
  refine(name: string, path: P | null): void {
    const b = this.innermost.get(name);
    if (b) b.path = path;
  }

  lookup(name: string): P | null {
    return this.innermost.get(name)?.path ?? null;
  }
}
