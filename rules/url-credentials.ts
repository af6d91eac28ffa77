import type { Rule } from '../src/classify/types.js';
import { isPlaceholder } from '../src/classify/shapes.js';

const USERINFO_PASSWORD = /^[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^/\s:@]{0,256}:([^/\s@]{1,256})@/;
const SECRET_QUERY = /[?&#;](access_?token|api_?key|apikey|auth|key|password|pass|passwd|pwd|secret|sig|signature|token|client_secret|private_token|x-api-key)=([^&#\s]{1,512})/i;

/**
 * A URL that carries a credential: `scheme://user:password@host` or `?token=…` in its query. The
 * `_url` suffix makes the name harmless; the URL itself may not be.
 */
const urlCredentials: Rule = {
  id: 'url-credentials',
  description: 'URL with a password in its user info or a token in its query string',
  evaluate(ctx) {
    if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
    const value = ctx.valueString.trim();
    if (value.length > 4096 || !value.includes('://')) return null;
    const pw = USERINFO_PASSWORD.exec(value)?.[1];
    if (pw && pw.length >= 4 && !isCredentialFiller(pw)) return { class: 'secret', confidence: 0.85, reason: 'URL with a password in its user info' };
    const q = SECRET_QUERY.exec(value);
    if (q && q[2]!.length >= 8 && !isCredentialFiller(q[2]!)) return { class: 'secret', confidence: 0.8, reason: `URL with a '${q[1]}' query parameter` };
    return null;
  },
};

/** Template text, variables and placeholders standing in for the credential. */
function isCredentialFiller(s: string): boolean {
  return /^(?:\{\{|\$\{?|%[A-Za-z_]|<)/.test(s) || isPlaceholder(s);
}

export default urlCredentials;
