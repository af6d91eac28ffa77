import type { Rule } from '../src/classify/types.js';
import { keywordIn } from '../src/classify/keywords.js';
import { keywordAlternation, REFERENCE_VALUE } from '../src/classify/vocabulary.js';
import { isPlaceholder, looksLikeCredential, randomLetters, safeShape } from '../src/classify/shapes.js';

/** Keywords under which a short multi-word value is a passphrase, not a description. */
const PASSPHRASE_KEYWORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'pw', 'pass', 'psk', 'secret', 'app_password']);

/**
 * Shapes that are not the credential even under a strong name: the value stands for it (template
 * text, `$VAR`, a placeholder, an encrypted value), is public (a public key, a certificate), or is
 * a setting of another type (a boolean, a number, a path, a URL, a host). Words, dotted words and
 * bare hex are NOT here: under `password` they are the password.
 */
const HARMLESS_UNDER_SECRET_NAME = new Set([
  'empty', 'template', 'env-reference', 'sops-encrypted', 'placeholder', 'ssh-public-key', 'age-recipient', 'public-block',
  'public-key', 'boolean', 'number', 'version', 'date', 'colour', 'checksum', 'path', 'url', 'ip-address', 'keybinding',
  'env-name', 'sequence',
]);
const HEX = /^[0-9a-fA-F]+$/;
// A dotted value under `password` is a host only with a common top-level domain (`amber.falcon.river` is a passphrase).
const COMMON_TLD = /\.(?:com|org|net|io|dev|app|de|uk|fr|nl|eu|us|ca|au|ch|at|se|no|fi|dk|pl|it|es|jp|cn|ru|br|in|me|co|info|biz|xyz|cloud|tech|sh|ai|gg|tv|fm|local|lan|home|internal|localdomain|arpa|test|example|invalid|localhost)\.?$/i;

/**
 * Single words that are settings, not secrets, under a secret-like key (`secrets: keyring`,
 * `token: prompt`, `password: required`, postgres' `password: scram-sha-256`).
 */
const SETTING_WORDS = new Set([
  'required', 'optional', 'prompt', 'ask', 'none', 'auto', 'default', 'disabled', 'enabled', 'keyring', 'keychain', 'osxkeychain',
  'wincred', 'libsecret', 'manager', 'manager-core', 'store', 'cache', 'env', 'environment', 'file', 'stdin', 'agent', 'builtin',
  'system', 'inherit', 'error', 'warn', 'warning', 'ignore', 'strict', 'plain', 'plaintext', 'md5', 'scram-sha-256', 'trust', 'peer',
  'bearer', 'basic', 'digest', 'oauth', 'oauth2', 'pass', 'gopass', 'bitwarden', 'onepassword', '1password', 'lastpass', 'keepassxc',
  'vault', 'sops', 'age', 'gpg', 'pgp', 'ssh', 'hidden', 'masked', 'access', 'refresh', 'id', 'off', 'on', 'local', 'remote', 'session',
  'command', 'cmd', 'script', 'external', 'internal', 'never', 'always', 'once', 'login', 'interactive', 'kwallet', 'gnome-keyring',
  'unlimited', 'infinite', 'max', 'all', 'any', 'wpa', 'wpa2', 'wpa3', 'wep', 'sae', 'owe', 'open', 'psk', 'eap',
]);

/** The value is the key's own name or keyword written as a label (`"password": "Password"`). */
function isLabel(value: string, keyword: string, name: string): boolean {
  const letters = value.toLowerCase().replace(/[^a-z]/g, '');
  return letters.length > 0 && (letters === keyword.replace(/[^a-z]/g, '') || letters === name.toLowerCase().replace(/[^a-z]/g, ''));
}

const CODE_ROOTS = new Set(['self', 'this', 'settings', 'config', 'cfg', 'conf', 'os', 'env', 'process', 'secrets', 'vars', 'inputs', 'args', 'opts', 'options', 'params', 'props', 'data', 'ctx', 'context', 'app', 'module', 'window', 'global', 'vim', 'lib', 'pkgs']);

/**
 * A dotted value that reads as code (`settings.SECRET_KEY`, `self.password`, `secrets.GH_TOKEN`)
 * rather than a dotted passphrase (`amber.falcon.river`): a code-like root, a segment in capitals
 * or camelCase, or a segment that names a secret itself.
 */
function looksLikeCode(value: string): boolean {
  const segs = value.split('.');
  if (CODE_ROOTS.has(segs[0]!)) return true;
  return segs.some((seg) => /^[A-Z][A-Z0-9_]+$/.test(seg) || /[a-z]{2}[A-Z][a-z]/.test(seg) || seg.includes('_') || keywordIn(seg) !== null);
}

/** Under a strong key name, whether a single-token value is something other than the secret itself. */
function harmlessUnderSecretName(value: string, keyword: string, name: string): boolean {
  if (REFERENCE_VALUE.test(value) || SETTING_WORDS.has(value.toLowerCase()) || isLabel(value, keyword, name)) return true;
  // A shell or template expression (`$DIR/token`, `${X:-}`, `%(pw)s`, a backquoted command) stands for the value.
  if (/^(?:\$[{(A-Za-z_]|`)/.test(value)) return true;
  const shape = safeShape(value, name);
  if (!shape) return false;
  // A bare hex run under `psk` is the key; the safe-shape rule still speaks when the name says hash.
  if (HEX.test(value) && shape.kind !== 'number') return false;
  if (shape.kind === 'hostname') return COMMON_TLD.test(value);
  if (shape.kind === 'code-reference') return looksLikeCode(value);
  return HARMLESS_UNDER_SECRET_NAME.has(shape.kind);
}

/**
 * The key name says "secret": `password`, `api_key`, `token`, `psk` are strong hints on their own
 * and, with a value that is not a placeholder, an expression, a reference or public material, make
 * it a secret whatever its alphabet (a letters-only app password, a dotted passphrase, a 64-hex
 * psk). `key`, `auth`, `api`, `session` are weak (keybindings, auth methods) and need a value that
 * looks like a credential. Safe suffixes (`token_file`, `password_command`, `key_id`) cancel the hint.
 */
const nameKeyword: Rule = {
  id: 'name-keyword',
  judges: 'both',
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
      // Mixed-case letters that read as words could still be a key (`acoustid_api: mtorLyyv`):
      // a hint too weak alone, enough with a credential slot in the templates (context rule).
      if (!credentialLike && !randomLetters(value)) {
        if (/^[A-Za-z]{8,64}$/.test(value) && /[A-Z].*[A-Z]/.test(value) && /[a-z].*[a-z]/.test(value)) {
          return { class: 'secret', confidence: 0.45, reason: `key name contains '${hit.keyword}' and the value mixes cases` };
        }
        return null;
      }
      return { class: 'secret', confidence: 0.6, reason: `key name contains '${hit.keyword}' and the value looks like a credential` };
    }
    // Strong keyword. In data files any value under `password` is the password; in arbitrary files
    // (code, configs) an assignment needs a credential-looking or quoted single-token value.
    if (/\s/.test(value) && !value.includes('\n')) {
      if (ctx.origin === 'file') return null;
      // Under `password:` or `secret:` in template data a few words are a passphrase
      // (`correct horse battery staple`, an app password shown in groups of four); a longer
      // sentence is more likely a description.
      const words = value.split(/\s+/).length;
      if (PASSPHRASE_KEYWORDS.has(hit.keyword) && words <= 6 && value.length >= 8 && !isPlaceholder(value)) {
        return { class: 'secret', confidence: 0.75, reason: `key name contains '${hit.keyword}' and the value is a passphrase` };
      }
      return { class: 'review', confidence: 0.55, reason: `key name contains '${hit.keyword}' but the value has spaces (a passphrase or a description)` };
    }
    if (harmlessUnderSecretName(value, hit.keyword, ctx.name)) return null;
    if (ctx.origin === 'file') {
      // In any file a short bare word is more often a setting or a label than a password.
      if (!credentialLike && value.length < 6) return null;
      if (/^[A-Za-z]+$/.test(value) && value.length < 8 && !randomLetters(value)) return null;
    }
    if (value.length < 4) return null;
    // 0.92: above the ambiguous shapes it can meet here (a dotted word read as a host name, 0.9).
    return { class: 'secret', confidence: 0.92, reason: `key name contains '${hit.keyword}'` };
  },
};

// `machine x login rain password Zk29…` (netrc), `user=rain password=…` (connection strings, configs).
const EMBEDDED = new RegExp(`\\b(${keywordAlternation('embedded')})\\b["']?(?:\\s*[:=]\\s*|\\s+)["']?([^\\s"',;]{6,200})`, 'i');

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
