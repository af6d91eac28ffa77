import type { Rule } from '../src/classify/types.js';
import { keywordIn } from '../src/classify/keywords.js';
import { isPlaceholder, looksLikeCredential, safeShape } from '../src/classify/shapes.js';

/** Keywords under which a short multi-word value is a passphrase, not a description. */
const PASSPHRASE_KEYWORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'secret']);

/**
 * The key name says "secret": `password`, `api_key`, `token` are strong hints on their own; `key`,
 * `auth`, `api`, `session` are weak (keybindings, auth methods) and need a value that looks like a
 * credential. Safe suffixes (`token_file`, `password_command`, `key_id`) cancel the hint.
 */
const nameKeyword: Rule = {
  id: 'name-keyword',
  description: 'key name contains a secret keyword (password, token, api key, …)',
  evaluate(ctx) {
    if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
    const embedded = ctx.origin !== 'file' ? embeddedCredential(ctx.valueString) : null;
    if (embedded) return { class: 'secret', confidence: 0.8, reason: `value embeds a '${embedded}' followed by a credential` };
    const hit = keywordIn(ctx.name);
    if (!hit || hit.safeSuffix) return null;
    const value = ctx.valueString.trim();
    if (value.length === 0) return null;
    const credentialLike = looksLikeCredential(value);
    if (hit.strength === 'weak') {
      if (!credentialLike) return null;
      return { class: 'secret', confidence: 0.6, reason: `key name contains '${hit.keyword}' and the value looks like a credential` };
    }
    // Strong keyword. In data files any value under `password` is the password; in arbitrary files
    // (code, configs) an assignment needs a credential-looking or quoted single-token value.
    if (/\s/.test(value) && !value.includes('\n')) {
      if (ctx.origin === 'file') return null;
      // Under `password:` or `secret:` in template data a few words are a passphrase
      // (`correct horse battery staple`); a longer sentence is more likely a description.
      const words = value.split(/\s+/).length;
      if (PASSPHRASE_KEYWORDS.has(hit.keyword) && words <= 6 && value.length >= 8 && !isPlaceholder(value)) {
        return { class: 'secret', confidence: 0.75, reason: `key name contains '${hit.keyword}' and the value is a passphrase` };
      }
      return { class: 'review', confidence: 0.55, reason: `key name contains '${hit.keyword}' but the value has spaces (a passphrase or a description)` };
    }
    const wordsOnly = !credentialLike && safeShape(value, ctx.name)?.kind === 'words';
    if (ctx.origin === 'file' && !credentialLike && (value.length < 6 || wordsOnly)) return null;
    // `secrets: error`, `password: hunter`: a bare word is more often a setting than a password.
    if (wordsOnly) return { class: 'review', confidence: 0.55, reason: `key name contains '${hit.keyword}' but the value is a plain word` };
    if (value.length < 4) return null;
    return { class: 'secret', confidence: credentialLike ? 0.85 : 0.75, reason: `key name contains '${hit.keyword}'` };
  },
};

// `machine x login rain password Zk29…` (netrc), `user=rain password=…` (connection strings, configs).
const EMBEDDED = /\b(password|passwd|passphrase|secret|token|api[_-]?key)\b["']?(?:\s*[:=]\s*|\s+)["']?([^\s"',;]{6,200})/i;

/** A data value that is itself a small config holding a password (a netrc line, a DSN with `password=`). */
function embeddedCredential(value: string): string | null {
  if (value.length > 4096 || !/\s|=/.test(value)) return null;
  const m = EMBEDDED.exec(value);
  if (!m) return null;
  const token = m[2]!;
  const shape = safeShape(token, m[1]!);
  if (shape && shape.kind !== 'words') return null;
  return looksLikeCredential(token) ? m[1]!.toLowerCase() : null;
}

export default nameKeyword;
