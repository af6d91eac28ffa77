/** Inline allow markers honoured on a line or the line above (ours and the peers'). */
const ALLOW_MARKERS = ['chezmoi-sops:allow', 'gitleaks:allow', 'pragma: allowlist secret'];

export function isAllowedLine(text: string | undefined, line: number): boolean {
  if (!text) return false;
  const lines = text.split('\n');
  const here = lines[line - 1] ?? '';
  const above = lines[line - 2] ?? '';
  return ALLOW_MARKERS.some((m) => here.includes(m) || above.includes(m));
}
