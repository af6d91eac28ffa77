// Rendering with the gotmpl-oracle (Go's text/template with chezmoi's functions), before and after
// a migration: old data, versus new data plus a secrets directory standing in for /run/secrets.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export { findOracle } from '../template/oracle.js';

export interface Rendered {
  status: number | null;
  stdout: string;
  stderr: string;
}

export class RenderSandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'cs-render-'));
  private n = 0;
  constructor(private readonly oracle: string) {}

  /** A secrets directory holding `value` (plus a newline, as editors leave one) per secret name. */
  secretsDir(secrets: { name: string; value: string }[], newline = true): string {
    const dir = join(this.dir, `secrets-${this.n++}`);
    for (const s of secrets) {
      mkdirSync(dirname(join(dir, s.name)), { recursive: true });
      writeFileSync(join(dir, s.name), newline ? `${s.value}\n` : s.value);
    }
    return dir;
  }

  render(template: string, data: unknown, secretsDir?: string): Rendered {
    const base = join(this.dir, `t-${this.n++}`);
    writeFileSync(`${base}.tmpl`, template);
    writeFileSync(`${base}.json`, JSON.stringify(data));
    const args = ['render', '--data', `${base}.json`, '--name', 't.tmpl', ...(secretsDir ? ['--secrets-dir', secretsDir] : []), `${base}.tmpl`];
    const r = spawnSync(this.oracle, args, { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A deep copy of `data` without the given leaf paths (maps that held them are left in place). */
export function withoutPaths(data: unknown, paths: string[][]): unknown {
  const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  for (const path of paths) {
    let node: Record<string, unknown> | undefined = copy;
    for (const seg of path.slice(0, -1)) node = node?.[seg] as Record<string, unknown> | undefined;
    if (node) delete node[path[path.length - 1]!];
  }
  return copy;
}

export function valueAt(data: unknown, path: string[]): string {
  let node: unknown = data;
  for (const seg of path) node = (node as Record<string, unknown>)[seg];
  return String(node);
}
