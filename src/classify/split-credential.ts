// A credential split over variables so that no single line looks like one (push protection, a
// scanner, an over-the-shoulder glance): `A=ghp_1234…` `B=…rest` then `TOKEN="$A$B"`. Each part
// alone is at best a weak signal (two warnings); joined, they are a provider token, so each part is
// reported as an error. Recognised for shell-style assignments (sh, bash, zsh, fish `set -x`, .env).

import { hasVerifiedToken } from './verified-token.js';
import { knownPatternScan } from './patterns.js';

export interface SplitPart {
  name: string;
  value: string;
  /** 1-based line; column in code points; end exclusive. */
  line: number;
  column: number;
  endColumn: number;
}

export interface SplitCredential {
  parts: SplitPart[];
  label: string;
}

const ASSIGN = /^[ \t]*(?:export[ \t]+|local[ \t]+|readonly[ \t]+|declare(?:[ \t]+-\w+)*[ \t]+|typeset(?:[ \t]+-\w+)*[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"$`\\]*)"|'([^']*)'|([^\s"'`$;#|&<>()]*))/;
const FISH_SET = /^[ \t]*set[ \t]+(?:-[A-Za-z]+[ \t]+)*([A-Za-z_][A-Za-z0-9_]*)[ \t]+(?:"([^"$\\]*)"|'([^']*)'|([^\s"'$;#|&<>()]+))[ \t]*$/;
// Two or more expansions written next to each other (quotes between them allowed: "$A""$B").
const CONCAT = /(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?["']{0,2}){2,4}/g;
const NAME_IN = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;

/** Credentials in `text` that only exist once variables are joined. */
export function findSplitCredentials(text: string): SplitCredential[] {
  if (!/\$\{?[A-Za-z_]\w*\}?["']{0,2}\$/.test(text)) return [];
  const vars = new Map<string, SplitPart>();
  const lines = text.split('\n');
  const out: SplitCredential[] = [];
  const seen = new Set<string>();
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const m = ASSIGN.exec(line) ?? FISH_SET.exec(line);
    if (m) {
      const value = m[2] ?? m[3] ?? m[4] ?? '';
      if (value.length > 0) {
        const valueStart = m.index + m[0].length - value.length - (m[2] !== undefined || m[3] !== undefined ? 1 : 0);
        const column = [...line.slice(0, valueStart)].length + 1;
        vars.set(m[1]!, { name: m[1]!, value, line: i + 1, column, endColumn: column + [...value].length });
      }
    }
    for (const c of line.matchAll(CONCAT)) {
      const names = [...c[0].matchAll(NAME_IN)].map((n) => n[1]!);
      const parts = names.map((n) => vars.get(n));
      if (parts.some((p) => p === undefined)) continue;
      const joined = parts.map((p) => p!.value).join('');
      const label = providerToken(joined);
      const key = parts.map((p) => `${p!.line}:${p!.column}`).join(',');
      if (label && !seen.has(key) && !parts.every((p) => providerToken(p!.value))) {
        seen.add(key);
        out.push({ parts: parts as SplitPart[], label: `${label} split over ${names.join(' + ')}` });
      }
    }
  });
  return out;
}

/** The provider format `value` is exactly, if any. */
function providerToken(value: string): string | null {
  if (hasVerifiedToken(value) && /^(?:gh[pousr]|npm)_[A-Za-z0-9]{36}$/.test(value)) return value.startsWith('npm_') ? 'npm token' : 'GitHub token';
  if (/^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/.test(value)) return 'GitHub fine-grained token';
  const hit = knownPatternScan(value).find((h) => h.start === 0 && h.end === value.length && h.id !== 'jwt' && h.id !== 'bearer-token');
  return hit ? hit.label : null;
}
