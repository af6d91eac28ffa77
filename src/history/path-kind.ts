/**
 * The default "path kind" is the path itself: a blob is scanned once per (blob, path), which is right
 * whatever the scanner does with the path, and costs little since the same content rarely sits at two
 * paths (renames and copies). Two paths of the same kind must make the scanner give the same findings
 * for the same content.
 */
export function exactPathKind(path: string): string {
  return path;
}

/**
 * A coarser kind for a scanner that only cares about what chezmoi makes of a file: data and config files
 * by format, templates, ciphertext, special files by name, other files by extension. Opt-in (pass it as
 * `pathKind`) once the scanner is known to depend on nothing else of the path.
 */
export function chezmoiPathKind(path: string): string {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  if (base.startsWith('encrypted_') || ext === 'age' || ext === 'asc') return 'encrypted';
  if (base.startsWith('.chezmoidata.') || /(^|\/)\.chezmoidata\//.test(path)) return `data:${ext}`;
  if (/^\.chezmoi\.[a-z]+\.tmpl$/.test(base)) return `config:${base}`;
  if (base.startsWith('.chezmoi')) return `special:${base}`;
  // A modify_ script is a template when its content says so (chezmoi:modify-template): keep it whole.
  if (base.startsWith('modify_')) return 'modify';
  if (ext === 'tmpl' || path.includes('.chezmoitemplates/')) {
    const inner = base.slice(0, dot).lastIndexOf('.');
    return `template:${inner > 0 ? base.slice(inner + 1, dot) : ''}`;
  }
  return `text:${ext}`;
}

/** Plain text (no chezmoi meaning, not a template or data): findings depend on lines, not on the file's structure. */
export function isLineOriented(path: string): boolean {
  return chezmoiPathKind(path).startsWith('text:');
}
