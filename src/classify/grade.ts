// The last word on every finding before it is reported: what fails the gate (error) is what we are
// confident is a credential; a weaker signal is a warning; some findings are not findings at all.
//
//  1. A match that ran too far is cut back (a provider pattern across a line end, a URL running on
//     into escaped JSON): the value reported, and purged, is the credential itself.
//  2. Public material, documented examples, placeholders and code are dropped, whichever rule saw them.
//  3. In lock files, vendored code, generated and machine-written files (file-kind.ts), the weak
//     signals (key name, entropy, URL shape) are skipped and provider patterns are warnings, unless
//     the value has a provider's verified format (a checksummed ghp_ is a secret anywhere).
//     Turned off with `rules: { vendored-files: false }`.
//  4. In application state (IDE workspaces, AI chat logs, browser profiles), test fixtures and files
//     that only look machine-written (large, very long lines: a one-line config may be the user's),
//     weak signals are warnings; provider patterns keep their severity. Off: `rules: { app-state: false }`.
//  5. Password hashes (crypt formats) are warnings: not the password, but crackable.
//  6. A credential split over variables (`$A$B`) becomes errors on each part (split-credential.ts).
// Each warning carries a kind (Finding.warningKind), listed in docs/user-guide.md.
import type { Finding, Note } from '../model.js';
import { fingerprint } from '../fingerprint.js';
import { ruleEnabled, type ClassifyConfig } from '../config/index.js';
import { fileKind, type AttributeMatcher, type FileKind } from './file-kind.js';
import { isPasswordHash, publicMaterial } from './public-material.js';
import { codeOrPlaceholder, isExamplePassword, urlCredentialIsFiller } from './code-expression.js';
import { isPlaceholder } from './shapes.js';
import { hasVerifiedToken } from './verified-token.js';
import { findSplitCredentials } from './split-credential.js';
import type { Rule } from './types.js';

export type WarningKind = 'weak-signal' | 'lock-file' | 'vendored' | 'generated' | 'machine-written' | 'app-state' | 'test-fixture' | 'password-hash' | 'example-password' | 'example-file';

export interface GradeOptions {
  config: ClassifyConfig;
  /** linguist attributes from .gitattributes. */
  attributes?: AttributeMatcher;
  /** Files whose findings are reported (scan --staged reads unstaged context files too). */
  reported?: (file: string) => boolean;
  /** The rules of the scan: a detector or scanner that declares `multiline` matches a block of lines. */
  rules?: readonly Rule[];
}

export interface Graded {
  findings: Finding[];
  notes: Note[];
}

// What the rules declare their findings are (Rule.matches; a detector's `multiline`).
const multilineRules = (rules: readonly Rule[] = []): ReadonlySet<string> =>
  new Set(rules.flatMap((r) => [...(r.detector?.multiline ? [r.id] : []), ...(r.matches?.lines ?? [])]));
/** Prefixes of the findings that recognise a provider's format (the others judge key names, entropy, URL shape). */
const formatPrefixes = (rules: readonly Rule[] = []): readonly string[] => rules.flatMap((r) => r.matches?.formats ?? []);
// Rules whose match is a URL with credentials, as the rules declare.
const urlRules = (rules: readonly Rule[] = []): ReadonlySet<string> => new Set(rules.flatMap((r) => r.matches?.urls ?? []));
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kts?|swift|lua|rb|c|h|cc|cpp|hpp|cs|php|scala|dart|el|vim|fnl|nix|zig|exs?|md|mdx|markdown|rst|adoc|org|txt)(?:\.tmpl)?$/i;

export function gradeFindings(findings: Finding[], texts: Map<string, string>, opts: GradeOptions): Graded {
  const multiline = multilineRules(opts.rules);
  const urls = urlRules(opts.rules);
  const formats = formatPrefixes(opts.rules);
  const vendoredOn = ruleEnabled(opts.config, 'vendored-files');
  const appStateOn = ruleEnabled(opts.config, 'app-state');
  const kinds = new Map<string, FileKind | null>();
  const kindOf = (file: string | null): FileKind | null => {
    if (file === null) return null;
    if (!kinds.has(file)) kinds.set(file, fileKind(file, texts.get(file), opts.attributes));
    return kinds.get(file)!;
  };
  const lineCache = new Map<string, string[]>();
  const lineOf = (file: string | null, line: number): string => {
    if (file === null) return '';
    let lines = lineCache.get(file);
    if (!lines) lineCache.set(file, (lines = (texts.get(file) ?? '').split('\n')));
    return lines[line - 1] ?? '';
  };
  // Columns count code points; a line without surrogates (nearly all) is indexed directly, so a
  // 5 MB one-line file with many findings costs no per-finding copy of the line.
  const bmp = new Map<string, boolean>();
  const prefix = (file: string | null, line: number, column: number, width: number): string => {
    const text = lineOf(file, line);
    const k = `${file}\0${line}`;
    let plain = bmp.get(k);
    if (plain === undefined) bmp.set(k, (plain = !/[\uD800-\uDFFF]/.test(text)));
    if (plain) return text.slice(Math.max(0, column - 1 - width), column - 1);
    return [...text].slice(Math.max(0, column - 1 - width), column - 1).join('');
  };

  const examples = new Map<string, boolean>();
  const exampleFile = (file: string): boolean => {
    let e = examples.get(file);
    if (e === undefined) {
      const text = texts.get(file) ?? '';
      const markers = text.match(/\bexample\.(?:com|org|net)\b|(?:^|[\s'"=:])your[-_][a-z]|\be\.g\.|<your[-_ ]|\bchangeme\b|\bREPLACE_?ME\b/gim)?.length ?? 0;
      examples.set(file, (e = markers >= 3));
    }
    return e;
  };
  const skipped = new Map<string, number>();
  const out: Finding[] = [];
  for (const original of findings) {
    const f = trimRunOn(original, multiline);
    if (!f) continue;
    const pattern = formats.some((p) => f.rule.startsWith(p));
    const verified = hasVerifiedToken(f.value);
    const head = prefix(f.file, f.line, f.column, 200);
    const before = head.slice(-1);
    const quoted = before === '"' || before === "'" || before === '`';

    // 2. Not a secret, whoever found it.
    if (!verified) {
      if (publicMaterial(f.value, keyBefore(head))) continue;
      if (pattern && !multiline.has(f.rule) && isPlaceholder(f.value)) continue;
      if (urls.has(f.rule) && urlCredentialIsFiller(f.value)) continue;
      // `sudo passwd jfeldman`: the argument of the passwd command is a user name.
      if (f.rule === 'name-keyword' && /(?:^|[\s;&|(])passwd\s+$/.test(head)) continue;
      if (!pattern && f.rule !== 'variable/secret' && codeOrPlaceholder(f.value, { quoted, file: true, code: f.file !== null && CODE_FILE.test(f.file) })) continue;
    }

    // 3–4. Where the file says how much a weak signal is worth.
    const kind = kindOf(f.file);
    if (kind && !verified) {
      // By path, attribute or marker: nobody wrote it. By size and line length only: maybe someone did.
      const machine = kind.kind === 'lock-file' || kind.kind === 'vendored' || kind.kind === 'generated';
      if (machine && vendoredOn) {
        if (!pattern) {
          skipped.set(f.file!, (skipped.get(f.file!) ?? 0) + 1);
          continue;
        }
        out.push(warn(f, kind.kind, kind.label));
        continue;
      }
      if (!machine && appStateOn && !pattern) {
        out.push(warn(f, kind.kind, kind.label));
        continue;
      }
    }
    // A file full of placeholders (example.com hosts, `your-…` values, `e.g.`): a template or sample
    // config to fill in; its other values are examples too, until proven otherwise.
    if (!pattern && f.file !== null && exampleFile(f.file)) {
      out.push(warn(f, 'example-file', 'in a file of example values (example.com hosts, your-… placeholders, e.g.)'));
      continue;
    }
    // 5.
    if (isPasswordHash(f.value) && !pattern) {
      out.push(warn(f, 'password-hash', 'a password hash, not the password (crackable: keep it out of public repos)'));
      continue;
    }
    if ((!pattern || urls.has(f.rule)) && f.rule !== 'variable/secret' && (isExamplePassword(urlPassword(f.value) ?? f.value) || (!pattern && isKeyWord(f.value, keyBefore(head))))) {
      out.push(warn(f, 'example-password', 'reads as a default or example password (words like password, secret, admin)'));
      continue;
    }
    out.push(f.severity === 'warning' && !f.warningKind ? { ...f, warningKind: 'weak-signal' } : f);
  }

  // 6. Parts of a split credential: errors, replacing whatever weaker finding sat on them.
  for (const [file, text] of texts) {
    if (opts.reported && !opts.reported(file)) continue;
    for (const split of findSplitCredentials(text)) {
      for (const p of split.parts) {
        const at = out.findIndex((f) => f.file === file && f.line === p.line && f.column < p.endColumn && p.column < f.endColumn);
        if (at >= 0) out.splice(at, 1);
        out.push({
          fingerprint: fingerprint('split-credential', p.value), rule: 'split-credential', severity: 'error',
          message: `part of a ${split.label}`, file, line: p.line, column: p.column, endLine: p.line, endColumn: p.endColumn,
          value: p.value, variable: null, history: null,
        });
      }
    }
  }

  const notes: Note[] = [...skipped].map(([file, n]) => ({
    file,
    message: `${kindOf(file)!.label}: ${n} weak signal${n === 1 ? '' : 's'} (key name, entropy) not reported; provider formats still are (rules: { vendored-files: false } reports them all)`,
  }));
  return { findings: out, notes };
}

/** `POSTGRES_PASSWORD=postgres`, `MYSQL_PASSWORD: mysql`: the value is a word of its own key (a service's default). */
function isKeyWord(value: string, key: string): boolean {
  const v = value.trim().toLowerCase();
  return /^[a-z]{3,20}$/.test(v) && key.toLowerCase().split(/[^a-z]+/).includes(v);
}

/** The password of `scheme://user:password@host`, if the value is such a URL. */
function urlPassword(value: string): string | null {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^/\s:@]*:([^/\s@]+)@/.exec(value);
  return m ? m[1]! : null;
}

function warn(f: Finding, kind: WarningKind, why: string): Finding {
  return { ...f, severity: 'warning', warningKind: kind, message: f.message ? `${f.message}; ${why}` : why };
}

/** The key of the assignment a value belongs to, from the text before it (`PublicKey = …` → PublicKey), for public-material names. */
function keyBefore(head: string): string {
  const m = /([A-Za-z_][\w.-]*)["']?\s*(?:[:=]|:=|=>)\s*["']?$/.exec(head) ?? /(?:^|\s)([A-Za-z_][\w.-]*)\s+["']?$/.exec(head);
  return m ? m[1]!.split('.').pop()! : '';
}

/**
 * A single-line provider pattern never spans a line end, and a URL ends at a quote (escaped or not)
 * or white space: anything further is the match running on, and would be "purged" with it.
 */
function trimRunOn(f: Finding, multiline: ReadonlySet<string>): Finding | null {
  if (multiline.has(f.rule) || f.rule === 'variable/secret') return f;
  let v = f.value;
  const nl = v.search(/\r?\n/);
  if (nl >= 0) v = v.slice(0, nl);
  if (v.includes('://')) {
    const stop = v.search(/\\["'nrtu]|["'`\s<>]|&quot;/);
    if (stop > 0) v = v.slice(0, stop);
  }
  if (v === f.value) return f;
  if (v.trim().length < 8 || /[:=]\s*$/.test(v)) return null;
  return { ...f, value: v, fingerprint: fingerprint(f.rule, v), endLine: f.line, endColumn: f.column + [...v].length };
}
