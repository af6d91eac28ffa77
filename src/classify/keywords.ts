// Key-name keywords: how strongly a variable's (or an assignment's) name says "this is a secret".

export type KeywordStrength = 'strong' | 'weak';

export interface KeywordHit {
  keyword: string;
  strength: KeywordStrength;
  /** A suffix that makes the name harmless (`token_file`, `password_command`, `key_id`), if present. */
  safeSuffix: string | null;
}

/** Split `apiKey`, `api-key`, `API_KEY`, `db.password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// Compounds written as one word that are strong signals (`apikey`, `clientsecret`, `passwd`).
const STRONG_COMPOUNDS = [
  'password', 'passwd', 'passphrase', 'passcode', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'clientsecret',
  'authtoken', 'accesstoken', 'refreshtoken', 'bearertoken', 'apitoken', 'apisecret', 'secret', 'token', 'credential',
  'webhooksecret', 'signingsecret', 'masterkey', 'encryptionkey', 'licensekey', 'sessionkey', 'privkey', 'presharedkey',
];
const STRONG_WORDS = new Set(['password', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'psk', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials', 'creds', 'bearer', 'pat', 'apikey', 'privkey']);
const WEAK_WORDS = new Set(['key', 'api', 'auth', 'cookie', 'cookies', 'session', 'private', 'sig', 'signature', 'salt', 'pin', 'otp', 'totp', 'mfa', 'dsn']);
// Pairs of words that form a strong signal (`api key`, `access key`, `client secret`, `private key`).
const STRONG_PAIRS = new Set(['api key', 'access key', 'secret key', 'private key', 'client secret', 'auth token', 'access token', 'refresh token', 'app password', 'consumer secret', 'encryption key', 'master key', 'license key', 'session key', 'signing secret', 'webhook secret', 'preshared key', 'pre shared']);

/** Last words that make a name harmless whatever it contains (the value is a path, a name, a switch…). */
const SAFE_LAST_WORDS = new Set([
  'id', 'ids', 'path', 'paths', 'file', 'files', 'dir', 'directory', 'url', 'uri', 'urls', 'endpoint', 'user',
  'username', 'usernames', 'login', 'name', 'names', 'email', 'mail', 'cmd', 'command', 'commands', 'program',
  'helper', 'type', 'types', 'method', 'methods', 'mode', 'enabled', 'enable', 'disable', 'disabled', 'length', 'len',
  'size', 'ttl', 'timeout', 'expiry', 'expires', 'expiration', 'lifetime', 'host', 'hostname', 'port', 'format', 'env',
  'var', 'variable', 'field', 'fields', 'item', 'vault', 'ref', 'reference', 'provider', 'prompt', 'store', 'manager',
  'backend', 'header', 'prefix', 'suffix', 'count', 'min', 'max', 'policy', 'server', 'account', 'region', 'location',
  'version', 'sha', 'hash', 'fingerprint', 'fpr', 'keyid', 'label', 'title', 'description', 'desc', 'hint', 'kind',
  'source', 'src', 'algorithm', 'algo', 'cipher', 'bits', 'keyring', 'keychain', 'agent', 'socket', 'sock', 'service',
  'binding', 'bindings', 'map', 'maps', 'mapping', 'keymap', 'keymaps', 'keybinding', 'keybindings', 'hotkey',
  'hotkeys', 'keys', 'board', 'keyboard', 'keycode', 'layout', 'repeat', 'delay', 'rate', 'check', 'checks',
  'required', 'optional', 'scope', 'scopes', 'audience', 'issuer', 'realm', 'domain', 'pattern', 'regex', 'template',
  'templates', 'style', 'color', 'colour', 'icon', 'position', 'width', 'height', 'output', 'input', 'filter', 'level',
  'retries', 'interval', 'limit', 'quota', 'flow', 'grant', 'strategy', 'schema', 'tool', 'client', 'plugin',
  'plugins', 'option', 'options', 'config', 'settings', 'action', 'actions', 'management',
]);
// Whole names that contain a keyword but never hold a secret.
const SAFE_NAMES = new Set(['keyboard', 'keybinding', 'keybindings', 'keymap', 'keymaps', 'keyserver', 'keyservers', 'keytab', 'keyfile', 'keyring', 'keychain',
  'tokenizer', 'passthrough', 'passthru', 'bypass', 'compass', 'passive', 'session_type', 'xdg_session_type', 'xdg_session_desktop', 'signingkey', 'signing_key', 'gpgkey', 'gpg_key', 'sshkey', 'ssh_key', 'pubkey', 'public_key', 'publickey', 'hostkey', 'host_key', 'authorized_keys', 'known_hosts', 'max_tokens', 'author', 'authors', 'authority', 'autho']);
const PUBLIC_WORDS = new Set(['public', 'pub', 'pubkey', 'publickey']);
// Words that cancel a keyword when present anywhere in the name (`public_key`, `ssh_pubkey`).
const CANCEL_WORDS = new Set(['public', 'pub', 'pubkey', 'publickey', 'gpg', 'pgp', 'signing', 'ssh', 'hostkey', 'known', 'authorized', 'fingerprint', 'author', 'authors', 'keyboard', 'keybind', 'keybinding', 'keybindings', 'keymap', 'hotkey', 'shortcut', 'shortcuts', 'bindkey', 'keybinds']);

// Product names that contain a keyword: `onepassword.account` names the manager, not a password.
const PASSWORD_MANAGER_WORDS = new Set(['onepassword', '1password', 'passwordstore', 'keepassxc', 'keepass']);

const memo = new Map<string, KeywordHit | null>();

/** The strongest secret keyword in a name, if any. Memoised: the same keys recur across files. */
export function keywordIn(name: string): KeywordHit | null {
  const cached = memo.get(name);
  if (cached !== undefined) return cached;
  const hit = computeKeyword(name);
  if (memo.size > 20000) memo.clear();
  memo.set(name, hit);
  return hit;
}

function computeKeyword(name: string): KeywordHit | null {
  const lowerName = name.toLowerCase();
  if (SAFE_NAMES.has(lowerName)) return null;
  const words = nameWords(name);
  if (words.length === 0) return null;
  const last = words[words.length - 1]!;
  const safeSuffix = words.length > 1 && SAFE_LAST_WORDS.has(last) ? last : null;

  let best: KeywordHit | null = null;
  const consider = (keyword: string, strength: KeywordStrength) => {
    if (!best || (best.strength === 'weak' && strength === 'strong')) best = { keyword, strength, safeSuffix };
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (i + 1 < words.length && STRONG_PAIRS.has(`${w} ${words[i + 1]}`)) consider(`${w}_${words[i + 1]}`, 'strong');
    if (STRONG_WORDS.has(w)) consider(w, 'strong');
    else if (WEAK_WORDS.has(w)) consider(w, 'weak');
    else if (!PASSWORD_MANAGER_WORDS.has(w)) {
      const compound = STRONG_COMPOUNDS.find((c) => w.includes(c));
      if (compound) consider(compound, 'strong');
      else if (w.endsWith('key') && w.length > 3 && !SAFE_NAMES.has(w)) consider('key', 'weak');
      else if (w.endsWith('auth') && w.length > 4) consider('auth', 'weak');
    }
  }
  const hit = best as KeywordHit | null;
  // `ssh_key`, `gpg_signing_key`, `keybinding_x`: the key is public or not a credential at all. A strong
  // word survives all but `public` (a Slack `signing_secret` is a secret).
  if (hit && words.some((w) => CANCEL_WORDS.has(w)) && (hit.strength === 'weak' || words.some((w) => PUBLIC_WORDS.has(w)))) return null;
  return hit;
}
