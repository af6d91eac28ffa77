// Values that are code, template syntax, placeholders or plain settings rather than a literal
// secret: shell expansions cut at an inner quote (`"$(f "$x")"` reads as `$(f `), interpolations
// (`${a}${b}`, `~${pwd.slice(n)}`), JS expressions (`++this.x`, `usage?.tokens`), tmux/zsh prompt
// formats, `{env:NAME}` references, `{INSERT_TOKEN_HERE}` and `sk-...` placeholders, CLI flags,
// durations (`minutes=10`), GitHub Action refs, relative file paths, `anonymous`, a word of prose.
// The literal detector already skips whole `$VAR`s (shapes.ts); these are the shapes real dotfiles
// showed it reading as values.
import { isPasswordHash } from './public-material.js';
import { keywordAlternation } from './vocabulary.js';

/**
 * `$NAME`, `${…}`, `$(…)`, zsh `%{…%}` and tmux `#{…}`, on nesting-free text. `%x%` and special
 * parameters are left out: a generated password may well hold `%ab%` or `$1`.
 */
const EXPANSION = /\$\{[^{}]*\}|\$\([^()]*\)|\$\(\([^()]*\)\)|\$[A-Za-z_][A-Za-z0-9_]{1,}|%\{[^{}]*%\}|#\{[^{}]*\}/g;
const OPEN_EXPANSION = /^(?:\$\(|\$\{|\$\(\(|`|#\{|%\{)/;
const REFERENCE_BRACES = /^\{(?:env|file|secret|secrets|vault|keychain|op|bw|pass):[^{}\s]{1,200}\}$/i;
const PLACEHOLDER_BRACES = /^[{<[]\s*[A-Z][A-Z0-9_ -]{2,80}\s*[}>\]]$/;
// `sk-...`, `ghp_…`, `comfyui-...`: a prefix and an ellipsis.
const ELLIPSIS_PLACEHOLDER = /^[A-Za-z0-9_-]{0,16}(?:\.{3,}|\u2026)$/;
const YOUR_PLACEHOLDER = /(?:^|[-_])(?:YOUR|INSERT|REPLACE|ENTER|PUT)[-_]?[A-Z_]*(?:KEY|TOKEN|SECRET|PASSWORD|HERE)\b/i;
// `--prompt=` (the next flag read as the value of `--password`) too.
const CLI_FLAG = /^--?[a-z][a-z0-9-]{1,40}=?$/;
const DURATION = /^(?:(?:weeks|days|hours|minutes|seconds|milliseconds)=\d+;?)+$/;
const ACTION_REF = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@(?:[0-9a-f]{40}|v?\d+(?:\.\d+){0,2})$/;
// `keepassxc/keepassxc.token`, `secrets/db.pass`: a relative path to a file holding the secret.
const RELATIVE_FILE = /^(?:[A-Za-z0-9_.-]+\/)+[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.[A-Za-z]{2,10}$/;
const REGISTRY_VALUE = /^(?:dword|qword|hex(?:\([0-9a-f]\))?):[0-9a-fA-F,]{1,64}$/;
const STYLE_VALUE = /^(?:(?:bg|fg|border):)?#[0-9a-fA-F]{3,8}$/;
const YOUR_VALUE = new RegExp(`^(?:your|my|insert|enter|put)[-_][-_a-z0-9]{0,40}(?:${keywordAlternation('placeholder')}|pass|here)$`, 'i');
const ANONYMOUS = /^anonymous(?:@[\w.-]*)?$|^guest$/i;
const PROSE_WORD = /^[A-Za-z]{2,30}[.,;:!?]$/;
// A word of prose as Markdown and typography write it: `manager**`, `source**:`, `Manager.”`, `manager’s`.
const MARKED_PROSE_WORD = /^[A-Za-z]{2,30}(?:[\u2019'](?:s|d|ll|re|ve|t)|(?=[^A-Za-z])[*_\u201d\u2019"\u00bb)]{0,3}[.,;:!?]?[*_\u201d\u2019"\u00bb)]{0,3})$/;
// Text in a script of words without spaces (Chinese, Japanese) or with full-width punctuation: prose.
const CJK_PROSE = /[\u3000-\u303F\uFF0C\uFF1A\uFF1B\uFF01\uFF1F]|^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,}$/u;
// Box drawing and arrows (a diagram in a README), no letter or digit.
const DRAWING = /^[^A-Za-z0-9]*[\u2190-\u21FF\u2500-\u25FF][^A-Za-z0-9]*$/;
// The name of a secret rather than the secret: an identifier holding the key word itself
// (`cur_pass`, `existing_psk`, `openwrt_root_password`, `nopasswd`, `ADGUARDHOMEPASSWORD`, `AGE-SECRET`).
const SECRET_WORD = `(?:${keywordAlternation('secret-name')})`;
// No digit: `dev-teal-db-password-2031` is a password someone chose (a name never needs a year).
const NAMED_SECRET = new RegExp(String.raw`^(?:[a-z]+[_-])*[a-z]*${SECRET_WORD}[a-z]*(?:[_-][a-z]+)*$|^(?:[A-Z]+[_-])*[A-Z]*${SECRET_WORD.toUpperCase()}[A-Z]*(?:[_-][A-Z]+)*$`);
// `sk-xxx`, `gho_xxxx`, `glpat-xxxx`: a provider prefix and filler.
const FILLER_PLACEHOLDER = /^[A-Za-z0-9]{1,16}[-_](?:x{3,}|X{3,}|\*{3,}|#{3,}|0{6,})$/;
// `replace_with_lengthy_secure_hex`, `change-me-please`: an instruction in place of the value.
const INSTRUCTION = /^(?:replace|change|fill|insert|enter|put|set)[-_ ](?:with|me|in|this|it|your|here)(?:[-_ ]|$)/i;
// `HHHH-HHHHHHHH-HHHH`: one character repeated, maybe grouped.
const REPEATED = /^([A-Za-z0-9])\1{2,}(?:[-_.:]\1+)*$/;
// `abc123def456`, `123456`: keyboard and alphabet runs, the filler of examples.
const SEQUENCE = /^(?:abc|def|ghi|xyz|123|456|789|012|000)(?:[-_]?(?:abc|def|ghi|xyz|123|456|789|012|000))+$/i;
// `feh.desktop`, `app.service`: a file name with a well-known extension.
const FILE_NAME = /^[\w-]+(?:\.[\w-]+)*\.(?:desktop|service|timer|socket|target|mount|conf|cfg|ini|json|ya?ml|toml|xml|plist|sh|zsh|fish|lua|py|js|ts|rb|txt|log|md|fit|png|jpe?g|svg|gif)$/;
// `120.00s`, `10ms`, `24h`, `1.5em`: a quantity with its unit.
const QUANTITY = /^\d+(?:\.\d+)?(?:ns|us|ms|s|m|h|d|w|px|em|rem|pt|%|[kKMGT]i?[bB]?)$/;
// JS/TS expressions: member access with operators around it, optional chaining, increments.
const JS_EXPRESSION = /^(?:\+\+|--|!|~)?(?:this|self|[A-Za-z_$][\w$]*)(?:\??\.[A-Za-z_$][\w$]*|\[[^\]]{1,40}\])+(?:\(\))?$|^[A-Za-z_$][\w$]*\?\.[A-Za-z_$][\w$?.]*$/;
const CAMEL_IDENTIFIER = /^[a-z]{2,20}(?:[A-Z][a-z]{2,20}){1,4}$/;

export interface ValueContext {
  /** The value was written in quotes. */
  quoted?: boolean;
  /** The file is source code or documentation with code samples (an unquoted identifier there is code). */
  code?: boolean;
  /** A value read from a file (not template data): the file-only shapes apply. */
  file?: boolean;
}

/** Why `value` is code, a placeholder or a plain setting rather than a secret; null when it may be a secret. */
export function codeOrPlaceholder(raw: string, ctx: ValueContext = {}): string | null {
  const value = raw.trim();
  if (value.length === 0 || isPasswordHash(value)) return null; // `$6$salt$…` is not `$6` and `$salt`
  if (REFERENCE_BRACES.test(value)) return 'a reference to a value held elsewhere ({env:NAME})';
  if (PLACEHOLDER_BRACES.test(value) || YOUR_PLACEHOLDER.test(value)) return 'a placeholder';
  if (ELLIPSIS_PLACEHOLDER.test(value)) return 'a placeholder (prefix and an ellipsis)';
  if (OPEN_EXPANSION.test(value) && !closes(value)) return 'shell or template code (an expansion cut at an inner quote)';
  if (/[$#%]/.test(value)) {
    const rest = value.replace(EXPANSION, '');
    if (rest.length < value.length && !hasCredentialRun(rest)) return 'shell or template code (variable expansions)';
  }
  if (ctx.code && !ctx.quoted && JS_EXPRESSION.test(value) && !value.split(/[.?[\]]/).some(tokenLike)) return 'code (an expression)';
  if (ctx.code && !ctx.quoted && CAMEL_IDENTIFIER.test(value)) return 'code (an identifier)';
  if (CLI_FLAG.test(value)) return 'a command-line flag';
  if (DURATION.test(value)) return 'a duration setting';
  if (ACTION_REF.test(value)) return 'a GitHub Action reference';
  if (RELATIVE_FILE.test(value) && !/[A-Z]/.test(value.replace(/\.[A-Za-z]+$/, '').replace(/[^/]*$/, ''))) return 'a relative file path';
  if (ANONYMOUS.test(value)) return 'an anonymous login';
  if (REGISTRY_VALUE.test(value)) return 'a Windows registry value';
  if (STYLE_VALUE.test(value)) return 'a colour or style';
  if (YOUR_VALUE.test(value)) return 'a placeholder';
  if (PROSE_WORD.test(value)) return 'a word of prose';
  if (!ctx.file) return null;
  // Shapes real dotfiles showed under a strong key name (issue 13), judged in files only: in
  // template data a variable's value is what the user typed there.
  if (MARKED_PROSE_WORD.test(value) || CJK_PROSE.test(value)) return 'a word of prose';
  if (DRAWING.test(value)) return 'a drawing (box characters and arrows)';
  if (NAMED_SECRET.test(value)) return 'the name of a secret (an identifier holding the key word), not its value';
  if (FILLER_PLACEHOLDER.test(value) || INSTRUCTION.test(value) || REPEATED.test(value) || SEQUENCE.test(value)) return 'a placeholder (prefix and filler, an instruction, one character repeated)';
  if (FILE_NAME.test(value)) return 'a file name';
  if (QUANTITY.test(value)) return 'a quantity with its unit';
  // In documentation and code, an unquoted lowercase word or hyphenated words is prose or an identifier.
  if (ctx.code && !ctx.quoted && /^[a-z]{2,30}(?:-[a-z]{2,30}){0,4}$/.test(value)) return 'a word of prose or an identifier';
  return null;
}

/** A segment mixing letters and digits over 6 characters reads as a token, not an identifier. */
function tokenLike(seg: string): boolean {
  return seg.length > 6 && /\d/.test(seg) && /[A-Za-z]/.test(seg);
}

/** Whether an expansion opened at the start of the value is closed in it. */
function closes(value: string): boolean {
  const open = value.startsWith('`') ? '`' : value[1] === '(' ? '(' : '{';
  const close = open === '`' ? '`' : open === '(' ? ')' : '}';
  if (open === '`') return value.indexOf('`', 1) > 0;
  let depth = 0;
  for (const c of value) {
    if (c === open) depth++;
    else if (c === close && --depth === 0) return true;
  }
  return false;
}

/** What is left after removing expansions still holds a token that could be a credential. */
function hasCredentialRun(rest: string): boolean {
  return rest.split(/[^A-Za-z0-9+/=_-]+/).some((t) => t.length >= 8 && /\d/.test(t) && /[A-Za-z]/.test(t));
}

/** A URL's credential part that is a variable, template text or a placeholder: `postgres://$user:$pass@…`. */
export function urlCredentialIsFiller(url: string): boolean {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/([^/\s@]*)@/.exec(url.trim());
  if (!m) return false;
  const userinfo = m[1]!;
  const colon = userinfo.indexOf(':');
  const password = colon >= 0 ? userinfo.slice(colon + 1) : '';
  if (password === '') return true;
  if (/[[\]<>]/.test(userinfo)) return true; // `[user[:password]@]`, `<user>:<password>` (documentation syntax)
  if (/^(?:\$\{?[A-Za-z_]\w*\}?|%[A-Za-z_]\w*%|\{\{.*\}\}|\{[A-Za-z_]\w*\})$/.test(password)) return true;
  // `postgres:postgres@`, `postiz-user:postiz-password@`: the user name again, or the word password.
  const user = colon >= 0 ? userinfo.slice(0, colon) : '';
  if (password === user || /password/i.test(password)) return true;
  return /^(?:pass|passwd|secret|pwd|changeme|xxx+|\*+)$/i.test(password);
}

// Words that default, sample and example passwords are made of (`s0m3g00dp4ssw0rd`, `adminPas$word`,
// `PasswordGoesHere`, `hunter2`): the passwords of copied upstream configs and docs.
const EXAMPLE_WORDS = ['password', 'pasword', 'passwd', 'pass', 'secret', 'admin', 'root', 'test', 'example', 'sample', 'change', 'changeme',
  'default', 'demo', 'dummy', 'fake', 'hunter', 'letmein', 'qwerty', 'welcome', 'some', 'good', 'random', 'your', 'my', 'here', 'goes',
  'value', 'super', 'master', 'user', 'guest', 'db', 'postgres', 'mysql', 'redis', 'mongo', 'key', 'token', 'api', 'dev', 'local', 'app', 'me', 'the', 'it', 'this', 'strong', 'very', 'insecure', 'not', 'a', 'hardcoded', 'goes', 'ansible', 'vagrant', 'docker',
  // "password" in other languages (French, German, Dutch, Spanish, Portuguese, Italian, Polish, Finnish).
  'motdepasse', 'passwort', 'kennwort', 'wachtwoord', 'contrasena', 'senha', 'parola', 'haslo', 'salasana'];
const CORE_WORDS = new Set(['password', 'pasword', 'passwd', 'pass', 'secret', 'admin', 'test', 'example', 'sample', 'changeme', 'default', 'demo', 'dummy', 'fake', 'hunter', 'letmein', 'qwerty',
  'motdepasse', 'passwort', 'kennwort', 'wachtwoord', 'contrasena', 'senha', 'parola', 'haslo', 'salasana']);
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's' };

/**
 * A password that reads as words like `password`, `secret`, `admin`, `example` (leetspeak undone)
 * with at most a few digits or symbols around them: a default or documentation value, not one a
 * person or a generator chose to keep something safe.
 */
export function isExamplePassword(raw: string): boolean {
  const v = raw.trim();
  if (v.length < 6 || v.length > 64 || /\s/.test(v)) return false;
  // Leetspeak undone (`p4ssw0rd`), or digits and symbols simply dropped (`password8388**`).
  const leet = v.replace(/[013457@$]/g, (c) => LEET[c]!).toLowerCase().replace(/[^a-z]/g, '');
  const plain = v.toLowerCase().replace(/[^a-z]/g, '');
  const rest = v.replace(/[A-Za-z]/g, '');
  return rest.length <= 8 && (wordsOnly(leet) || wordsOnly(plain));
}

/** Greedy longest-word segmentation into EXAMPLE_WORDS, at least one of them a CORE_WORDS one. */
function wordsOnly(letters: string): boolean {
  if (letters.length < 6) return false;
  let i = 0;
  let core = false;
  while (i < letters.length) {
    const w = EXAMPLE_WORDS.filter((x) => letters.startsWith(x, i)).sort((a, b) => b.length - a.length)[0];
    if (!w) return false;
    if (CORE_WORDS.has(w)) core = true;
    i += w.length;
  }
  return core;
}
