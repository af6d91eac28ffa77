// The secret vocabulary: every word that says "this names a secret", every suffix that says "but
// this one only points at it", and every password-manager name, in one place. Key-name judgement
// (keywords.ts) reads the word sets; every regex that matches a keyword inside a line, a template
// slot, a URL or a placeholder is built from TERMS below by `keywordAlternation(form)`, so a word
// is added (or dropped) here once and each form follows. Import-free: the template parser reads
// PASSWORD_MANAGER_FUNCS from here too.

// --- Key names, word by word (keywords.ts: `keywordIn`) ---

/** Compounds written as one word that are strong signals (`apikey`, `clientsecret`, `passwd`). */
export const STRONG_COMPOUNDS: readonly string[] = [
  'password', 'passwd', 'passphrase', 'passcode', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'clientsecret',
  'authtoken', 'accesstoken', 'refreshtoken', 'bearertoken', 'apitoken', 'apisecret', 'secret', 'token', 'credential',
  'webhooksecret', 'signingsecret', 'masterkey', 'encryptionkey', 'licensekey', 'sessionkey', 'privkey', 'presharedkey',
];
export const STRONG_WORDS: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'psk', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials', 'creds', 'bearer', 'pat', 'apikey', 'privkey']);
export const WEAK_WORDS: ReadonlySet<string> = new Set(['key', 'api', 'auth', 'cookie', 'cookies', 'session', 'private', 'sig', 'signature', 'salt', 'pin', 'otp', 'totp', 'mfa', 'dsn']);
/** Pairs of words that form a strong signal (`api key`, `access key`, `client secret`, `private key`). */
export const STRONG_PAIRS: ReadonlySet<string> = new Set(['api key', 'access key', 'secret key', 'private key', 'client secret', 'auth token', 'access token', 'refresh token', 'app password', 'consumer secret', 'encryption key', 'master key', 'license key', 'session key', 'signing secret', 'webhook secret', 'preshared key', 'pre shared']);

/** Last words that make a name harmless whatever it contains (the value is a path, a name, a switch…). */
export const SAFE_LAST_WORDS: ReadonlySet<string> = new Set([
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
/**
 * The suffixes that make a template slot harmless (`password_file = {{ … }}`, `token-cmd: …`): the
 * common SAFE_LAST_WORDS a value is written after in a config line, plus `eval` (msmtp's
 * `passwordeval`). Fewer than SAFE_LAST_WORDS: a slot is judged by a regex, not word by word.
 */
export const SAFE_SLOT_SUFFIXES: readonly string[] = ['file', 'path', 'cmd', 'command', 'eval', 'id', 'user', 'username', 'name', 'url', 'dir', 'helper', 'env'];
/** Whole names that contain a keyword but never hold a secret. */
export const SAFE_NAMES: ReadonlySet<string> = new Set(['keyboard', 'keybinding', 'keybindings', 'keymap', 'keymaps', 'keyserver', 'keyservers', 'keytab', 'keyfile', 'keyring', 'keychain',
  'tokenizer', 'passthrough', 'passthru', 'bypass', 'compass', 'passive', 'session_type', 'xdg_session_type', 'xdg_session_desktop', 'signingkey', 'signing_key', 'gpgkey', 'gpg_key', 'sshkey', 'ssh_key', 'pubkey', 'public_key', 'publickey', 'hostkey', 'host_key', 'authorized_keys', 'known_hosts', 'max_tokens', 'author', 'authors', 'authority', 'autho']);
export const PUBLIC_WORDS: ReadonlySet<string> = new Set(['public', 'pub', 'pubkey', 'publickey']);
/** Words that cancel a keyword when present anywhere in the name (`public_key`, `ssh_pubkey`). */
export const CANCEL_WORDS: ReadonlySet<string> = new Set(['public', 'pub', 'pubkey', 'publickey', 'gpg', 'pgp', 'signing', 'ssh', 'hostkey', 'known', 'authorized', 'fingerprint', 'author', 'authors', 'keyboard', 'keybind', 'keybinding', 'keybindings', 'keymap', 'hotkey', 'shortcut', 'shortcuts', 'bindkey', 'keybinds']);

// --- Keywords inside text: one table, one alternation per form ---

/**
 * Where a keyword counts when it is matched inside text rather than as a whole key name:
 * - `embedded`: a data value that is itself a small config (`user=x password=…`, a netrc line);
 * - `argument`: a command argument followed by its value (`nmcli … wifi-sec.psk VALUE`);
 * - `line-start`: the first word of an operator-less config line (msmtprc `password VALUE`);
 * - `slot`: a key a template writes a value after (`db_password = {{ … }}`);
 * - `flag`: a command-line flag a template writes a value after (`--api-key {{ … }}`);
 * - `param`: a URL query parameter name that is a credential whatever its value (in the safe-shape
 *   test, also the end of a longer name); `param-exact`: only as the whole name;
 * - `param-suffix`: the end of a longer parameter name (`SubscriptionApiKey`), value checked too;
 * - `placeholder`: the noun of a placeholder (`your_api_token_here`, `example-key-1`);
 * - `secret-name`: an identifier that names a secret rather than holding one (`cur_pass`, `nopasswd`).
 * Each row is a regex fragment (case-insensitive where used) and the forms it counts in; where a
 * form needs a stricter spelling (`api-key` as a flag, `api_?key` in a URL) that is its own row.
 */
type Form = 'embedded' | 'argument' | 'line-start' | 'slot' | 'flag' | 'param' | 'param-exact' | 'param-suffix' | 'placeholder' | 'secret-name';
const TERMS: ReadonlyArray<readonly [fragment: string, forms: readonly Form[]]> = [
  ['psk', ['argument', 'secret-name']],
  ['passs?wo?r?d', ['secret-name']],
  ['password', ['embedded', 'argument', 'line-start', 'slot', 'flag', 'param', 'param-suffix', 'placeholder']],
  ['passwd', ['embedded', 'argument', 'line-start', 'slot', 'flag', 'param', 'param-suffix']],
  ['passphrase', ['embedded', 'argument', 'slot', 'secret-name']],
  ['pass', ['line-start', 'flag', 'param', 'secret-name']],
  ['pwd', ['slot', 'param']],
  ['secret', ['embedded', 'argument', 'line-start', 'slot', 'flag', 'param', 'param-suffix', 'placeholder', 'secret-name']],
  ['client_secret', ['param']],
  ['token', ['embedded', 'argument', 'line-start', 'slot', 'flag', 'param', 'param-suffix', 'placeholder', 'secret-name']],
  ['access_?token', ['param']],
  ['private_token', ['param']],
  ['auth-token', ['flag']],
  ['api[_-]?key', ['embedded', 'argument', 'line-start', 'slot']],
  ['api-key', ['flag']],
  ['api_?key', ['param', 'param-suffix', 'secret-name']],
  ['apikey', ['flag', 'secret-name']],
  ['x-api-key', ['param']],
  ['app[_-]?password', ['line-start']],
  ['access[_-]?key', ['slot']],
  ['private[_-]?key', ['slot']],
  ['credential', ['slot']],
  ['credentials?', ['secret-name']],
  ['key', ['param', 'param-suffix', 'placeholder']],
  ['auth', ['param']],
  ['sig', ['param']],
  ['signature', ['param']],
  // OpenWeather's `appid` is its API key; only the whole name (`happid`, `myappid` are not it).
  ['appid', ['param-exact']],
];

/** The keywords of one form as a regex alternation (no group: wrap it in `(?:…)` or `(…)`). */
export function keywordAlternation(form: Form): string {
  return TERMS.filter(([, forms]) => forms.includes(form)).map(([fragment]) => fragment).join('|');
}

/**
 * Substrings that make a line worth reading for a `key = value` pair (literal detection's
 * candidate scan): every STRONG_WORDS, WEAK_WORDS and STRONG_COMPOUNDS entry contains one, except
 * `pat` and `mfa` (as substrings they are in every `path` and `pattern`; such a key with a short
 * value is not read). `pw` must end a word, `appid` is the URL parameter.
 */
export const LINE_STEMS: readonly string[] = ['pass', 'pwd', 'pw\\b', 'secret', 'token', 'key', 'api', 'appid', 'auth', 'cred', 'cookie', 'session', 'private', 'bearer', 'salt', 'pin', 'otp', 'dsn', 'sig', 'psk'];

// --- Password managers ---

/** chezmoi's template functions whose result is read from a password manager or secret store, not from the repo. */
export const PASSWORD_MANAGER_FUNCS: readonly string[] = [
  'onepassword', 'onepasswordRead', 'onepasswordDocument', 'onepasswordDetailsFields', 'onepasswordItemFields',
  'onepasswordSDKItemsGet', 'onepasswordSDKSecretsResolve',
  'bitwarden', 'bitwardenFields', 'bitwardenAttachment', 'bitwardenAttachmentByRef', 'bitwardenSecrets',
  'rbw', 'rbwFields', 'pass', 'passRaw', 'passFields', 'gopass', 'gopassRaw',
  'keepassxc', 'keepassxcAttribute', 'keepassxcAttachment', 'lastpass', 'lastpassRaw',
  'vault', 'secret', 'secretJSON', 'keyring', 'awsSecretsManager', 'awsSecretsManagerRaw', 'azureKeyVault',
  'doppler', 'dopplerProjectJson', 'dashlanePassword', 'dashlaneNote',
  'keeper', 'keeperDataFields', 'keeperFindPassword', 'ejsonDecrypt', 'ejsonDecryptWithKey',
  'passhole', 'protonPass', 'protonPassJSON', 'hcpVaultSecret', 'hcpVaultSecretJson', 'decrypt',
];
/** The same, as a set: a value passed to them is a lookup key for a secret held elsewhere. */
export const PASSWORD_MANAGER_FUNCTIONS: ReadonlySet<string> = new Set(PASSWORD_MANAGER_FUNCS);
/** Product names that contain a keyword: `onepassword.account` names the manager, not a password. */
export const PASSWORD_MANAGER_WORDS: ReadonlySet<string> = new Set(['onepassword', '1password', 'passwordstore', 'keepassxc', 'keepass']);
/** Commands that print a secret from a store (`security find-generic-password -w`, `pass show x`). */
export const SECRET_COMMANDS: ReadonlySet<string> = new Set([
  'secret-tool', 'pass', 'passage', 'gopass', 'op', 'bw', 'bws', 'rbw', 'lpass', 'security', 'keepassxc-cli', 'kwallet-query',
  'vault', 'doppler', 'sops', 'age', 'rage', 'gpg', 'gpg2', 'pass-cli', 'keyring', 'ksecretservice', 'dcli', 'keeper', 'ejson',
]);
/** Values that name a secret stored elsewhere: password-manager URIs, sops-nix / systemd secret paths, Home Assistant's `!secret name`. */
export const REFERENCE_VALUE = /^(?:!secret\s+[\w.-]+|op:\/\/[^/\s][^/\n]*\/[^\n]*\S|bw:\/\/\S+|pass:\/\/\S+|keepassxc:\/\/\S+|vault:\/\/\S+|gopass:\/\/\S+|secret:\/\/\S+|(?:\/run\/secrets(?:-for-users)?|\/run\/agenix|%r\/secrets|\$XDG_RUNTIME_DIR\/secrets|\$\{XDG_RUNTIME_DIR\}\/secrets|\/run\/user\/\d+\/secrets)\/\S+|\$\{?config\.sops\.(?:secrets|placeholder)\.\S+|~?\/?[^\s]*\/sops-nix\/secrets\/\S+)$/;
