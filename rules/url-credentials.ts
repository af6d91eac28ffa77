import type { Rule } from '../src/classify/types.js';
import { isPlaceholder, looksLikeCredential } from '../src/classify/shapes.js';
import { keywordAlternation } from '../src/classify/vocabulary.js';

const USERINFO_PASSWORD = /^[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^/\s:@]{0,256}:([^/\s@]{1,256})@/;
// Query (or fragment, or `;`) parameters: name and value.
const PARAM = /[?&#;]([A-Za-z_][\w.-]{0,80})=([^&#\s]{1,512})/g;
// Names that carry a credential whatever the value looks like (OpenWeather's `appid` is its API key).
const SECRET_PARAM = new RegExp(`^(?:${keywordAlternation('param')}|${keywordAlternation('param-exact')})$`, 'i');
// A longer name ending in one of them (`SubscriptionApiKey`, `ocp-apim-subscription-key`, `authToken`): the value must look like a credential too.
const SECRET_PARAM_SUFFIX = new RegExp(`(?:${keywordAlternation('param-suffix')})$`, 'i');

/**
 * A URL that carries a credential: `scheme://user:password@host`, or a token in its query
 * (`?token=…`, `&appid=…`, `?…ApiKey=…`). The `_url` suffix makes the name harmless; the URL itself
 * may not be.
 */
const urlCredentials: Rule = {
  id: 'url-credentials',
  judges: 'both',
  description: 'URL with a password in its user info or a token in its query string',
  matches: { urls: ['url-credentials'] },
  evaluate(ctx) {
    if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
    const value = ctx.valueString.trim();
    if (value.length > 4096 || !value.includes('://')) return null;
    const pw = USERINFO_PASSWORD.exec(value)?.[1];
    if (pw && pw.length >= 4 && !isCredentialFiller(pw)) return { class: 'secret', confidence: 0.85, reason: 'URL with a password in its user info' };
    const q = secretQueryParam(value);
    if (q) return { class: 'secret', confidence: 0.8, reason: `URL with a '${q}' query parameter` };
    return null;
  },
};

/** The name of the first query parameter of `url` that holds a credential, if any. */
export function secretQueryParam(url: string): string | null {
  for (const m of url.matchAll(PARAM)) {
    const [, name, v] = m as unknown as [string, string, string];
    if (v.length < 8 || isCredentialFiller(v)) continue;
    if (SECRET_PARAM.test(name)) return name;
    if (SECRET_PARAM_SUFFIX.test(name) && (looksLikeCredential(v) || /^[0-9a-f]{16,}$/i.test(v))) return name;
  }
  return null;
}

/** Template text, variables and placeholders standing in for the credential. */
function isCredentialFiller(s: string): boolean {
  return /^(?:\{\{|\$\{?|%[A-Za-z_]|<)/.test(s) || isPlaceholder(s);
}

export default urlCredentials;
