/**
 * The default "path kind": two paths of the same kind make a scanner give the same findings for the same
 * content, so a blob is scanned once per (blob, kind). chezmoi data and config files are parsed by format,
 * templates are rendered-aware, encrypted files are ciphertext; for other files the extension is kept
 * because detectors may key on it. Callers whose scanner depends on more of the path pass their own.
 */
export function defaultPathKind(path: string): string {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  if (base.startsWith('encrypted_') || ext === 'age' || ext === 'asc') return 'encrypted';
  if (base.startsWith('.chezmoidata.') || /(^|\/)\.chezmoidata\//.test(path)) return `data:${ext}`;
  if (/^\.chezmoi\.[a-z]+\.tmpl$/.test(base)) return `config:${base}`;
  if (base.startsWith('.chezmoi')) return `special:${base}`;
  if (ext === 'tmpl' || path.includes('.chezmoitemplates/')) {
    const inner = base.slice(0, dot).lastIndexOf('.');
    return `template:${inner > 0 ? base.slice(inner + 1, dot) : ''}`;
  }
  return `text:${ext}`;
}
