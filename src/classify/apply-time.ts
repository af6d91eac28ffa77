// Config-template values produced when chezmoi runs, not stored in the repo: typed at `chezmoi
// init` (promptString), read from a password manager, a secret file (`include "/run/secrets/x"`)
// or a secret-store command (`output "secret-tool" …`). Such a value is a `reference`.
import { PASSWORD_MANAGER_FUNCTIONS, REFERENCE_VALUE, SECRET_COMMANDS } from './vocabulary.js';
import { keywordIn } from './keywords.js';

export interface ApplyTimeCall {
  fn: string;
  args: string[];
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'fish', 'dash', 'pwsh', 'powershell', 'cmd']);
const PROMPT_STRING = new Set(['promptString', 'promptStringOnce']);

const base = (cmd: string) => cmd.split(/[/\\]/).pop()!.replace(/\.exe$/i, '');

/** The first word of each shell script argument (`sh -c "pass show mail | head -1"` → pass). */
function secretCommandOf(args: string[]): string | null {
  const [cmd, ...rest] = args;
  if (!cmd) return null;
  if (SECRET_COMMANDS.has(base(cmd))) return base(cmd);
  if (!SHELLS.has(base(cmd))) return null;
  for (const script of rest) {
    const word = script.trim().split(/\s+/)[0] ?? '';
    if (SECRET_COMMANDS.has(base(word))) return base(word);
  }
  return null;
}

// Words of a prompt's text that make it ask for something else than the secret ("Path to the password file").
const NOT_THE_SECRET = /\b(?:file|path|dir|directory|url|command|cmd|user|username|name|length|manager|store|hint|account|vault|item|id)\b/i;

/** What a prompt asks for, when it is a secret: from its key, its text (word by word), or the variable's name. */
function promptAsksFor(args: string[], name: string): string | null {
  for (const s of [...args, name]) {
    const sentence = /\s/.test(s.trim());
    if (sentence && NOT_THE_SECRET.test(s)) continue;
    for (const w of sentence ? s.split(/\s+/) : [s]) {
      const hit = keywordIn(w);
      if (!hit || hit.strength !== 'strong' || hit.safeSuffix) continue;
      return /pass|pwd|^pw$/.test(hit.keyword) ? 'a password' : `a secret ('${hit.keyword}')`;
    }
  }
  return null;
}

function isSecretName(name: string): boolean {
  const hit = keywordIn(name);
  return hit !== null && hit.strength === 'strong' && hit.safeSuffix === null;
}

/** Why a config-template value is only a reference, or null when nothing says so. */
export function applyTimeReference(functions: readonly string[], calls: readonly ApplyTimeCall[], name: string): string | null {
  const pm = functions.filter((f) => PASSWORD_MANAGER_FUNCTIONS.has(f));
  if (pm.length) return `value read at apply time through ${[...new Set(pm)].join(', ')}`;
  for (const c of calls) {
    const path = c.args[0];
    if (c.fn === 'include' && path !== undefined && REFERENCE_VALUE.test(path)) return 'value read at apply time from a secret file (include of a secret path)';
    // An absolute path is outside the source directory, so its content is not in the repo.
    if (c.fn === 'include' && path !== undefined && /^(?:\/|~\/|[A-Za-z]:[\\/])/.test(path)) return 'value read at apply time from a file outside the repo (include of an absolute path)';
    if (c.fn === 'env' && c.args[0] !== undefined && isSecretName(c.args[0])) return `value read at apply time from the environment variable ${c.args[0]}`;
    if (c.fn === 'output' || c.fn === 'outputList') {
      const cmd = secretCommandOf(c.args);
      if (cmd) return `value produced at apply time by the secret store command '${cmd}'`;
    }
  }
  const prompt = calls.find((c) => PROMPT_STRING.has(c.fn));
  if (prompt) {
    const asks = promptAsksFor(prompt.args, name);
    return `value typed at chezmoi init (${prompt.fn}), not stored in the repo${asks ? `; the prompt asks for ${asks}` : ''}`;
  }
  return null;
}
