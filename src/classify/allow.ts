/**
 * Inline allow markers, ours and the peers': a marker allows its own line and the line after it
 * (so it can sit on the line above, in a comment).
 */
export const ALLOW_MARKER = /chezmoi-sops:allow|gitleaks:allow|pragma: allowlist secret|secretlint-disable-line|secretlint-disable-next-line/;

/** Whether 1-based `line` of `text` is allowed by a marker on it or on the line above. */
export function isAllowedLine(text: string | undefined, line: number): boolean {
  if (!text || !/allow|secretlint-disable/.test(text)) return false;
  const lines = text.split('\n');
  return ALLOW_MARKER.test(lines[line - 1] ?? '') || ALLOW_MARKER.test(lines[line - 2] ?? '');
}
