// Ways dotfiles write `name → value` without a `key = value` operator: XML elements, fish's
// `set -gx NAME value`, command arguments (`nmcli … wifi-sec.psk VALUE`), and query parameters of
// URLs inside commands. Each returns pairs with the value's index in the line, for literal.ts.
import { keywordAlternation } from './vocabulary.js';

export interface Assignment {
  key: string;
  value: string;
  /** The value was written in quotes. */
  quoted: boolean;
  /** Index of the value in the line. */
  valueStart: number;
  /**
   * Read from a loose form (a command argument after a keyword): an unquoted bare word there is
   * as likely prose (`password protected`) as a password, so only a credential-looking one counts.
   */
  loose?: boolean;
  /** A query parameter of a URL: judged as that URL reduced to this parameter. */
  url?: boolean;
}

// `<password>…</password>` (Maven settings, KeePass exports, plists' <string> aside).
const XML_ELEMENT = /<([A-Za-z_][\w.:-]{0,60})>([^<>\n]{1,512})<\/\1>/g;

// `<add key="ClearTextPassword" value="…"/>` (NuGet, .NET app settings), `<setting name="Password" value="…">`.
const XML_KEY_VALUE = /\b(?:key|name)=(["'])([^"'<>\n]{1,100})\1\s+value=(["'])([^"'<>\n]{1,512})\3/g;
// `<entry name="password">…</entry>`: the element is named by its attribute.
const XML_NAMED_ELEMENT = /<([A-Za-z_][\w.:-]{0,60})\s+(?:key|name)=(["'])([^"'<>\n]{1,100})\2\s*>([^<>\n]{1,512})<\/\1>/g;

export function xmlElementsIn(line: string): Assignment[] {
  const out: Assignment[] = [];
  if (line.includes('value=')) {
    for (const m of line.matchAll(XML_KEY_VALUE)) out.push({ key: m[2]!, value: m[4]!, quoted: true, valueStart: m.index! + m[0].length - 1 - m[4]!.length });
  }
  if (!line.includes('</')) return out;
  for (const m of line.matchAll(XML_NAMED_ELEMENT)) {
    const value = m[4]!.trim();
    if (value) out.push({ key: m[3]!, value, quoted: false, valueStart: m.index! + m[0].length - m[1]!.length - 3 - m[4]!.length + m[4]!.indexOf(value) });
  }
  for (const m of line.matchAll(XML_ELEMENT)) {
    // A plist's `<key>Password</key>` names the next element; it is not a value.
    if (m[1] === 'key') continue;
    const raw = m[2]!;
    const value = raw.trim();
    if (!value) continue;
    out.push({ key: m[1]!, value, quoted: false, valueStart: m.index! + m[1]!.length + 2 + raw.indexOf(value) });
  }
  return out;
}

// fish: `set -gx NAME value`, `set -Ux NAME 'value'` (flags optional).
const FISH_SET = /^(\s*set\s+(?:--?[A-Za-z][A-Za-z-]*\s+)*)([A-Za-z_]\w{0,100})(\s+)(["']?)([^\s"']{4,512})\4\s*$/;
// A keyword-named argument followed by its value: `wifi-sec.psk VALUE`, `802-1x.password VALUE`,
// `--token VALUE` is the flag form assignmentsIn knows, so the key here must not start with `-`.
// Matched in a lookahead so that pairs may overlap: in `wpa-psk wifi-sec.psk "v"` the value of the
// first candidate (`wifi-sec.psk`) is the key of the real one, and the first is dropped.
const COMMAND_ARG = new RegExp(`(?:^|[ \\t])(?=((?:-{1,2}|[A-Za-z0-9][\\w.-]{0,80}?)??(?:${keywordAlternation('argument')}))([ \\t]+)(["']?)([^\\s"'()[\\]{}<>;,|&\`]{4,512})\\3(?=[\\s"']|$))`, 'gi');
// Commands whose keyword arguments are credentials (`nmcli … password VALUE`): never prose.
const CREDENTIAL_COMMAND = /\b(?:nmcli|iwctl|wpa_passphrase|wpa_cli|sshpass|smbclient|mysql|mysqladmin|psql|curl|wget|rclone|restic|borg)\b/;
// PowerShell: `[Environment]::SetEnvironmentVariable('NAME', 'value', 'User')`.
const SET_ENV_VAR = /SetEnvironmentVariable\(\s*(["'])([A-Za-z_]\w{0,100})\1\s*,\s*(["'])([^"'\n]{1,512})\3/g;

// Cheap gates: the regexes below only run on lines that can match them.
const KEYWORD_THEN_SPACE = new RegExp(`(?:${keywordAlternation('argument')})[ \\t]`, 'i');
const FISH_START = /^\s*set\s/;

export function commandFormsIn(line: string): Assignment[] {
  const fish = FISH_START.test(line) ? FISH_SET.exec(line) : null;
  if (fish) {
    const valueStart = fish[1]!.length + fish[2]!.length + fish[3]!.length + fish[4]!.length;
    return [{ key: fish[2]!, value: fish[5]!, valueStart, quoted: fish[4] !== '' }];
  }
  const out: Assignment[] = [];
  if (line.includes('SetEnvironmentVariable')) {
    for (const m of line.matchAll(SET_ENV_VAR)) {
      out.push({ key: m[2]!, value: m[4]!, quoted: true, valueStart: m.index! + m[0].length - 1 - m[4]!.length });
    }
  }
  if (!KEYWORD_THEN_SPACE.test(line)) return out;
  const loose = !CREDENTIAL_COMMAND.test(line);
  const found: Array<Assignment & { keyStart: number }> = [];
  for (const m of line.matchAll(COMMAND_ARG)) {
    // `gopass show --password mail/work`: a switch followed by an entry name, not a value.
    if (/^[\w.@-]+(?:\/[\w.@-]+)+$/.test(m[4]!) && m[4]!.split('/').every((seg) => !/[A-Z]/.test(seg) || !/\d/.test(seg))) continue;
    const keyStart = m.index! + m[0].length;
    const valueStart = keyStart + m[1]!.length + m[2]!.length + m[3]!.length;
    found.push({ key: m[1]!, value: m[4]!, valueStart, keyStart, quoted: m[3] !== '', loose });
  }
  return [...out, ...found.filter((a) => !found.some((b) => b.keyStart === a.valueStart)).map(({ keyStart: _k, ...a }) => a)];
}

const URL_IN_LINE = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s"'<>`]{1,4096}/g;
const QUERY_PARAM = /[?&;]([A-Za-z_][\w.-]{0,80})=([^&#\s"'<>`]{1,512})/g;

/** Query parameters of every URL in the line (`curl "https://…?q=x&appid=…"`). */
export function urlParamsIn(line: string): Assignment[] {
  if (!line.includes('://') || !/[?&;]/.test(line)) return [];
  const out: Assignment[] = [];
  for (const u of line.matchAll(URL_IN_LINE)) {
    const q = u[0].indexOf('?');
    if (q < 0) continue;
    for (const p of u[0].slice(q).matchAll(QUERY_PARAM)) {
      const valueStart = u.index! + q + p.index! + p[0].length - p[2]!.length;
      out.push({ key: p[1]!, value: p[2]!, valueStart, quoted: false, url: true });
    }
  }
  return out;
}
