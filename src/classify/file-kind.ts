// Files nobody wrote by hand, recognised the way users expect: lock and checksum files (by name and
// by content), vendored third-party code and documentation (well-known vendor paths, and
// `linguist-vendored` / `linguist-generated` in .gitattributes), generated and very large
// machine-written files; application state committed by accident (IDE workspace files, AI-assistant
// chat logs and file snapshots, browser profiles); test fixtures. The finding grader (grade.ts)
// decides what each kind means for the gate. Paths are repository paths with chezmoi's source-state
// prefixes (`dot_`, `private_`, `executable_`, …) as they are: both spellings are matched.

export type FileKindName = 'lock-file' | 'vendored' | 'generated' | 'machine-written' | 'app-state' | 'test-fixture';

export interface FileKind {
  kind: FileKindName;
  /** Why, for reports: "npm lock file", "under node_modules/". */
  label: string;
}

/** A path segment as chezmoi source state may spell it: `dot_obsidian`, `private_dot_config`, `.config`. */
const SEG = String.raw`(?:(?:private_|readonly_|empty_|executable_|exact_|external_|encrypted_|create_|modify_|remove_|symlink_|literal_)*(?:dot_|dot-|\.)?)`;
const seg = (name: string) => new RegExp(String.raw`(?:^|/)${SEG}${name}(?:/|$)`, 'i');

const LOCK_NAMES: Array<[RegExp, string]> = [
  [/(?:^|\/)(?:[\w-]+_)*(?:package-lock|npm-shrinkwrap)\.json$/i, 'npm lock file'],
  [/(?:^|\/)(?:[\w-]+_)*(?:yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|deno\.lock)$/i, 'JavaScript lock file'],
  [/(?:^|\/)(?:[\w-]+_)*(?:poetry|Pipfile|uv|pdm|Cargo|Gemfile|composer|mix|flake|Podfile|Package\.resolved|pubspec|gradle|packages)\.lock$/i, 'lock file'],
  [/(?:^|\/)(?:[\w-]+_)*(?:Gemfile\.lock|go\.sum|Package\.resolved|MODULE\.bazel\.lock|WORKSPACE\.bazel\.lock|\.terraform\.lock\.hcl|conda-lock\.yml|requirements[\w.-]*\.lock)$/i, 'lock or checksum file'],
  // Plugin managers: lazy.nvim, packer, vim-plug snapshots, zinit/antidote/sheldon, tmux/asdf/mise, Nix.
  [/(?:^|\/)(?:[\w-]+_)*(?:lazy-lock\.json|lazyvim\.json|packer_compiled\.lua|plugin-lock\.json|snapshot\.vim|sheldon\.lock|antidote\.lock|\.?tool-versions\.lock|mise\.lock|flake\.lock|rocks\.lock|lock\.json)$/i, 'plugin-manager lock file'],
  [/\.(?:sha256sum|sha512sum|sha1sum|md5sum|sha256|sha512|sum)$|(?:^|\/)(?:SHA256SUMS|SHA512SUMS|CHECKSUMS|checksums\.txt)$/i, 'checksum file'],
];

const VENDOR_PATHS: Array<[RegExp, string]> = [
  [seg('node_modules'), 'node_modules/'],
  [seg('bower_components'), 'bower_components/'],
  [seg('vendor'), 'vendor/'],
  [seg('site-packages'), 'site-packages/'],
  [seg('(?:venv|\\.venv|virtualenv)'), 'a Python virtualenv'],
  [seg('__pycache__'), '__pycache__/'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?oh-my-zsh\/(?!custom\/(?!plugins\/|themes\/))/i, 'oh-my-zsh checkout'],
  // $ZSH_CUSTOM kept outside the checkout (`.omz-custom/`): its plugins/ and themes/ subdirectories are
  // plugin clones (powerlevel10k), its own files are the user's.
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?(?:omz|oh-my-zsh|zsh)[-_]custom\/(?:plugins|themes)\/[^/]+\//i, 'oh-my-zsh custom plugin or theme checkout'],
  [/(?:^|\/)powerlevel10k\//i, 'powerlevel10k checkout'],
  // A language server checked out into an editor config (its docs and bundled library stubs).
  [/(?:^|\/)(?:[^/]*_)?lua-language-server\//i, 'lua-language-server checkout'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?(?:zinit|zplug|antigen|zgen|zgenom|zim|zprezto|antidote|sheldon\/repos)\//i, 'zsh plugin-manager checkout'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?tmux\/plugins\//i, 'tmux plugin checkout (tpm)'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?(?:vim|nvim|vimfiles|config\/nvim|local\/share\/nvim)\/(?:[^/]+\/)*?(?:pack\/[^/]+\/(?:start|opt)|plugged|bundle|lazy)\/[^/]+\//i, 'vim/neovim plugin checkout'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?obsidian\/plugins\/[^/]+\/(?!data\.json$)/i, 'Obsidian plugin (its data.json, the settings, is still judged)'],
  [/(?:^|\/)(?:[^/]*_)?BetterDiscord\/plugins\/[^/]*\.plugin\.js$/i, 'BetterDiscord plugin'],
  [/(?:^|\/)(?:[^/]*_)?spicetify\/(?:[^/]*_)?(?:CustomApps|Extensions|Themes)\//i, 'Spicetify app or extension'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?cargo\/(?:registry|git)\//i, 'cargo registry'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)(?:npm\/_cacache|yarn\/cache|pnpm-store|cache|gradle\/caches|m2\/repository)\//i, 'package or application cache'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?navi\/cheats\/[^/]+__/i, 'downloaded navi cheat repository'],
  // Skills and knowledge bundles that AI agents install (third-party docs and examples).
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?(?:agents|claude|codex|cursor|gemini|hermes|opencode|windsurf|continue|aider|goose|pi|config\/opencode|config\/goose)\/(?:[^/]+\/)*(?:skills?|knowledge|references)\//i, 'skill or knowledge bundle of an AI agent'],
];

const GENERATED_PATHS: Array<[RegExp, string]> = [
  [/\.min\.(?:js|css|mjs)$|\.(?:js|css)\.map$|\.bundle\.js$/i, 'minified or bundled file'],
  [/(?:^|\/)target\/(?:debug|release|[\w-]+\/(?:debug|release))\/|(?:^|\/)target\/CACHEDIR\.TAG$|(?:^|\/)(?:[^/]*_)?(?:dot_|\.)fingerprint\//i, 'Rust build output (target/)'],
  [/(?:^|\/)(?:dist|build|out)\/[^/]+\.(?:js|mjs|cjs|css)$/i, 'build output'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|\.)?(?:zcompdump|zwc)[^/]*$|\.zwc$/i, 'zsh compiled cache'],
];

const APP_STATE_PATHS: Array<[RegExp, string]> = [
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?idea\/(?:[^/]*_)?(?:workspace|usage\.statistics|tasks|shelf|dataSources\.local)[^/]*\.xml$/i, 'JetBrains IDE workspace state'],
  [/(?:^|\/)(?:[^/]*_)?(?:options|workspace)\/(?:[^/]*_)?(?:recentProjects|other|window\.state|usage\.statistics|updates|actionSummary|filetypes\.usage|jdk\.table)[^/]*\.xml$/i, 'JetBrains IDE state'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?claude(?:\.json|\/(?:[^/]+\/)*(?:file-history|projects|todos|shell-snapshots|statsig|history\.jsonl|sessions|transcripts)(?:\/|$))/i, 'Claude Code state (chat logs, file snapshots)'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?(?:codex\/(?:sessions|history)|gemini\/tmp|cursor\/(?:chats|ai-tracking)|aider\.(?:chat|input)\.history|local\/share\/opencode\/(?:storage|log)|goose\/sessions|continue\/sessions)/i, 'AI-assistant chat log or session'],
  [/(?:^|\/)(?:[^/]*_)?(?:Preferences|Secure Preferences|Local State|Bookmarks|TransportSecurity|Network Persistent State|Current Session|Last Session|Web Data|Login Data|History)$/, 'browser or Electron profile state'],
  [/(?:^|\/)(?:[^/]*_)?obs-studio\/(?:[^/]*_)?basic\/(?:[^/]*_)?scenes\//i, 'OBS scene collection state'],
  [/(?:^|\/)(?:[^/]*_)?(?:dot_|dot-|\.)?obsidian\/plugins\/[^/]+\/cache\//i, 'Obsidian plugin cache'],
  [/(?:^|\/)(?:[^/]*_)?plasma-org\.kde\.plasma\.desktop-appletsrc$|(?:^|\/)(?:[^/]*_)?BetterDiscord\/plugins\/[^/]*\.(?:data|config)\.json$/i, 'desktop application state'],
  [/\.(?:sqlite|sqlite3|db-journal|vscdb)$|(?:^|\/)(?:[^/]*_)?(?:dot_|\.)?(?:viminfo|lesshst|python_history|node_repl_history|zsh_history|bash_history|histfile|wget-hsts)$/i, 'history or database file'],
];

const TEST_FIXTURE = /(?:^|\/)(?:tests?|__tests__|spec|specs|fixtures?|testdata|test-data|__fixtures__|examples?)\//i;

/** Patterns from .gitattributes marking paths vendored or generated (linguist). */
export interface AttributeMatcher {
  (path: string): FileKind | null;
}

/**
 * The `linguist-vendored` / `linguist-generated` (and `-diff`/`binary` do not count) attributes of
 * one or more .gitattributes files, as a matcher on repository paths. `dir` is the directory of the
 * .gitattributes file ('' for the top level).
 */
export function gitattributesMatcher(files: Array<{ dir: string; text: string }>): AttributeMatcher {
  const rules: Array<{ re: RegExp; kind: FileKind | null }> = [];
  for (const { dir, text } of files) {
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const [pattern, ...attrs] = line.split(/\s+/);
      if (!pattern) continue;
      for (const a of attrs) {
        const m = /^(-|!)?linguist-(vendored|generated)(?:=(true|false))?$/.exec(a);
        if (!m) continue;
        const off = m[1] !== undefined || m[3] === 'false';
        const kind: FileKind | null = off ? null : m[2] === 'vendored' ? { kind: 'vendored', label: 'linguist-vendored in .gitattributes' } : { kind: 'generated', label: 'linguist-generated in .gitattributes' };
        rules.push({ re: globToRegex(pattern, dir), kind });
      }
    }
  }
  if (rules.length === 0) return () => null;
  return (path) => {
    let out: FileKind | null = null;
    for (const r of rules) if (r.re.test(path)) out = r.kind; // last match wins, as in git
    return out;
  };
}

/** gitattributes glob (gitignore-like: no slash matches at any depth; `**`; a trailing `/` is not used). */
function globToRegex(pattern: string, dir: string): RegExp {
  let p = pattern.replace(/^\//, '');
  const anchored = pattern.includes('/') && !pattern.endsWith('/');
  if (p.endsWith('/')) p += '**';
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      re += '.*';
      i++;
      if (p[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const base = dir ? `${dir.replace(/[.+^${}()|[\]\\]/g, '\\$&')}/` : '';
  return new RegExp(`^${base}${anchored ? '' : '(?:.*/)?'}${re}(?:/.*)?$`);
}

/** Content markers of lock files whatever their name (a renamed or templated lock file). */
const LOCK_CONTENT = /^\s*(?:\{\s*"name":[^\n]*\n\s*"(?:version|lockfileVersion)"|# THIS IS AN AUTOGENERATED FILE\. DO NOT EDIT THIS FILE DIRECTLY\.\n# yarn lockfile|lockfileVersion:|# This file is automatically @generated by Cargo|# This file is automatically @generated by Poetry|\{\s*"lockFileVersion")/;
const GENERATED_MARKER = /^(?:.{0,4}(?:@generated|DO NOT EDIT|Code generated .* DO NOT EDIT|This file (?:is|was) (?:auto(?:matically)?[- ]?)?generated))/im;
/** A file of this size with lines this long on average is machine-written (minified, bundled, dumped). */
const MACHINE_MIN_SIZE = 64 * 1024;
const MACHINE_MIN_LINE = 1000;

/**
 * The kind of file `path` is, from its path and (when given) its text. `attributes` adds what
 * .gitattributes says. Returns null for an ordinary file.
 */
export function fileKind(path: string, text?: string, attributes?: AttributeMatcher): FileKind | null {
  const byAttr = attributes?.(path);
  if (byAttr) return byAttr;
  for (const [re, label] of LOCK_NAMES) if (re.test(path)) return { kind: 'lock-file', label };
  for (const [re, label] of APP_STATE_PATHS) if (re.test(path)) return { kind: 'app-state', label };
  for (const [re, label] of VENDOR_PATHS) if (re.test(path)) return { kind: 'vendored', label: `vendored: ${label}` };
  for (const [re, label] of GENERATED_PATHS) if (re.test(path)) return { kind: 'generated', label };
  if (text !== undefined) {
    const head = text.slice(0, 600);
    if (LOCK_CONTENT.test(head)) return { kind: 'lock-file', label: 'lock file (by content)' };
    if (GENERATED_MARKER.test(text.slice(0, 400))) return { kind: 'generated', label: 'marked generated in its first lines' };
    if (text.length >= MACHINE_MIN_SIZE) {
      const lines = text.length / (countNewlines(text) + 1);
      if (lines >= MACHINE_MIN_LINE) return { kind: 'machine-written', label: 'large machine-written file (very long lines)' };
    }
  }
  if (TEST_FIXTURE.test(path)) return { kind: 'test-fixture', label: 'test fixture or example' };
  return null;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
