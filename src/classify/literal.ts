// Literal secrets in any file (template or not): secretlint's preset, our provider patterns, and
// keyword / entropy judgement of assignments (`key = "value"`, `key: value`, `export X=…`, JSON pairs),
// with the same safe shapes as the variable rules. Built to be cheap on the common case: a file with
// no trigger word and no long token costs a few regex tests.
import type { Severity } from '../model.js';
import { makeIgnoreMatcher, ruleEnabled, type ClassifyConfig } from '../config/index.js';
import { combineVerdicts, type RuleVerdict } from './combine.js';
import { keywordIn } from './keywords.js';
import { keywordAlternation, LINE_STEMS } from './vocabulary.js';
import { looksLikeCredential } from './shapes.js';
import { knownPatternScan } from './patterns.js';
import { mayTrigger } from './prefilter.js';
import { judges, type Rule, type RuleContext } from './types.js';
import { ALLOW_MARKER } from './allow.js';
import { LineIndex } from '../text/line-index.js';
import { randomLetters } from './shapes.js';
import { commandFormsIn, urlParamsIn, xmlElementsIn, type Assignment } from './syntaxes.js';

export interface LiteralFinding {
  /** `secretlint/<rule>`, `known-pattern/<id>`, `name-keyword`, `entropy` or `url-credentials`. */
  rule: string;
  /** Why; never contains the value. */
  message: string;
  severity: Severity;
  /** 1-based; columns count code points; end is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Raw secret. Never print unredacted. */
  value: string;
}

export interface LiteralOptions {
  config: ClassifyConfig;
  /** The rules (rules/index.ts's registry): their detectors and scanners run on the text, those that judge files judge its assignments. */
  rules: readonly Rule[];
  /** JS index ranges [start, end) of template actions: text inside them is never a secret. */
  skipSpans?: Array<[number, number]>;
}

/** Lines longer than this are judged in windows of this size around each candidate (regex cost stays linear). */
const MAX_LINE = 4096;
/** How far before a candidate a window starts, so that the key of `key = value` is inside it. */
const WINDOW_LOOKBEHIND = 256;
// key, optionally quoted, then an assignment operator. The key must start a token (or follow `--`, a CLI flag).
const ASSIGNMENT = /(?:^|[\s{,;(\[]|(--?))(?:export\s+|set\s+|local\s+|readonly\s+|\$(?:env|Env|ENV):)?(["']?)([A-Za-z_$@][\w.$@-]{0,100})\2[ \t]*(:=|=>|\?=|\+=|=|:)[ \t]*/g;
// `#` starts a comment only at the start of a value (or after white space: the value stops there);
// inside one it is part of it (`gpg_passphrase = a#b` in .s3cfg, `X=a#b` in shell).
const UNQUOTED_VALUE = /[^\s,;#'"`()[\]{}<>][^\s,;'"`()[\]{}<>]*/y;
// A cheap per-line test: an assignment operator and a run of 6+ token characters somewhere.
const LINE_CANDIDATE = /[=:][\s\S]*?[^\s'"]{6}/;

const matcherCache = new WeakMap<ClassifyConfig, (p: string) => boolean>();

export async function detectLiteralSecrets(file: string, text: string, opts: LiteralOptions): Promise<LiteralFinding[]> {
  const { config } = opts;
  let ignored = matcherCache.get(config);
  if (!ignored) matcherCache.set(config, (ignored = makeIgnoreMatcher(config)));
  if (ignored(file)) return [];
  if (text.length === 0 || text.includes('\0')) return [];

  const skip = new SpanSet(opts.skipSpans ?? []);
  const lines = new LineIndex(text);
  const allowed = allowedLines(text, lines);
  const findings: LiteralFinding[] = [];
  // What findings already cover: a sorted set, so a one-line file with thousands of findings stays linear.
  const taken = new SpanSet([]);
  const add = (rule: string, message: string, severity: Severity, start: number, end: number) => {
    if (end <= start || skip.overlaps(start, end)) return;
    if (taken.overlaps(start, end)) return;
    const from = lines.position(start);
    if (allowed.has(from.line)) return;
    const to = lines.position(end);
    taken.insert(start, end);
    findings.push({ rule, message, severity, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, value: text.slice(start, end) });
  };

  // 1. Provider formats: definitive wherever they appear.
  if (ruleEnabled(config, 'known-pattern')) {
    for (const hit of knownPatternScan(text)) {
      if (hit.id === 'private-key' && !hasKeyBody(text, hit.start, hit.end, skip)) continue;
      add(`known-pattern/${hit.id}`, `${hit.label}`, 'error', hit.start, hit.end);
    }
  }
  for (const r of opts.rules) {
    const d = r.detector;
    if (!d || !ruleEnabled(config, r.id) || !text.includes(d.hint)) continue;
    for (const hit of d.find(text)) add(d.id, d.label, 'error', hit.start, hit.end);
  }
  // Costly scanners (secretlint's preset) only where one of their triggers is.
  for (const r of opts.rules) {
    const s = r.scanner;
    if (!s || !ruleEnabled(config, r.id) || !mayTrigger(s, text)) continue;
    for (const hit of await s.scan(text, file)) add(hit.rule, hit.message, 'error', hit.start, hit.end);
  }

  // 2. Assignments judged by key name and entropy: by the rules that judge files, verdicts combined as for variables.
  const rules = opts.rules.filter((r) => judges(r, 'files') && ruleEnabled(config, r.id));
  const codeFile = CODE_FILE.test(file);
  if (!rules.some((r) => r.id === 'name-keyword' || r.id === 'entropy' || r.id === 'url-credentials')) return sortFindings(findings);
  // Only lines holding a keyword or a long token can hold an assignment worth judging; one linear
  // regex over the whole text finds them, so clean files cost a single scan.
  // A fresh RegExp per call: its lastIndex is state, and concurrent calls interleave at every await.
  const candidates = new RegExp(candidateRegex(config.entropy.minLength));
  let m: RegExpExecArray | null;
  // The physical line of the last candidate: found once, not once per window of a long line.
  let physicalStart = 0;
  let physicalEnd = -1;
  while ((m = candidates.exec(text)) !== null) {
    if (m.index > physicalEnd) {
      physicalStart = text.lastIndexOf('\n', m.index) + 1;
      physicalEnd = text.indexOf('\n', m.index);
      if (physicalEnd < 0) physicalEnd = text.length;
    }
    let lineStart = physicalStart;
    let lineEnd = physicalEnd;
    candidates.lastIndex = lineEnd + 1;
    if (lineEnd - lineStart > MAX_LINE) {
      // A long line (minified JSON, a one-line config) is judged in windows around each candidate,
      // so an assignment 5 MB into it still counts while the regex cost stays linear.
      lineStart = Math.max(lineStart, m.index - WINDOW_LOOKBEHIND);
      const cut = Math.min(lineEnd, lineStart + MAX_LINE);
      const boundary = cut < lineEnd ? text.slice(cut, cut + WINDOW_LOOKBEHIND).search(/[\s,;]/) : -1;
      lineEnd = boundary >= 0 ? cut + boundary : cut;
      candidates.lastIndex = lineEnd;
    }
    const line = text.slice(lineStart, lineEnd);
    if (line.length < 8) continue;
    for (const a of formsIn(line)) {
      const start = lineStart + a.valueStart;
      const end = start + a.value.length;
      if (a.value.length < 4 || a.value.includes('{{') || skip.overlaps(start, end)) continue;
      if (codeFile && !a.quoted && IDENTIFIER.test(a.value)) continue;
      if (a.loose && !a.quoted && /^[A-Za-z]+$/.test(a.value) && !randomLetters(a.value)) continue;
      if (!a.url && !worthJudging(a.key, a.value, config.entropy.minLength)) continue;
      const { line: lineNo } = lines.position(start);
      if (allowed.has(lineNo)) continue;
      // A query parameter is judged as the URL reduced to it, so the URL rule sees its name.
      const verdict = a.url
        ? await judgeAssignment('url', `https://host/?${a.key}=${a.value}`, config, rules)
        : await judgeAssignment(a.key, a.value, config, rules);
      if (verdict) add(verdict.rule, verdict.message, verdict.severity, start, end);
    }
    if (candidates.lastIndex > text.length) break;
  }
  return sortFindings(findings);
}

const candidateCache = new Map<number, RegExp>();
/** The cached template of the candidate-line regex; clone it before use. */
function candidateRegex(minLength: number): RegExp {
  let re = candidateCache.get(minLength);
  if (!re) {
    // The lookbehind stops the long-token branch from retrying at every offset inside a word. The
    // bound keeps V8's backtracking stack small: an unbounded run over a 10 MB token overflows it
    // (RangeError), and the match only locates the line, so its length does not matter.
    re = new RegExp(`${LINE_STEMS.join('|')}|:\\/\\/[^\\s/@:]{1,256}:[^\\s/@]{1,256}@|(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{${minLength},${Math.max(minLength, MAX_LINE)}}`, 'gi');
    candidateCache.set(minLength, re);
  }
  return re;
}

const ENTROPY_CHARSET = /^[A-Za-z0-9+/=_-]+$/;
/** Cheap gate before the rules: a keyword without a safe suffix, or a long single token in the entropy alphabets. */
function worthJudging(key: string, value: string, minLength: number): boolean {
  const hit = keywordIn(key);
  if (hit && !hit.safeSuffix) return true;
  if (value.includes('://') && (value.includes('@') || value.includes('='))) return true;
  return value.length >= minLength && ENTROPY_CHARSET.test(value);
}

// Languages where an unquoted value is code (a variable, a type: `session: ClientHttp2Session`,
// `key = M.keymap`), never a literal. In shell, INI, TOML, YAML and .env an unquoted value IS the value.
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|kts|swift|lua|rb|c|h|cc|cpp|hpp|cs|php|nix|scala|dart|zig|ex|exs|el|vim|fnl)(?:\.tmpl)?$/i;
const IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/**
 * Every `name → value` pair of one line, in the order they are judged: XML elements and attribute
 * pairs, operator assignments (or, without any, the operator-less config lines), command arguments and URL
 * query parameters. A value already read by an earlier form is not read again.
 */
function formsIn(line: string): Assignment[] {
  const pairs = LINE_CANDIDATE.test(line) ? assignmentsIn(line) : [];
  // XML first: in `<add key="ApiKey" value="v"/>` the pair is key → v, not value → v.
  const all = [...xmlElementsIn(line), ...(pairs.length > 0 ? pairs : spaceSeparatedIn(line)), ...commandFormsIn(line), ...urlParamsIn(line)];
  const out: Assignment[] = [];
  for (const a of all) {
    // A pair inside a value that is itself a command or a URL (`alias x="nmcli … password v"`) is read too.
    const inside = (b: Assignment) => /\s|:\/\//.test(b.value) && b.valueStart <= a.valueStart && a.valueStart + a.value.length <= b.valueStart + b.value.length;
    if (out.some((b) => a.valueStart < b.valueStart + b.value.length && b.valueStart < a.valueStart + a.value.length && !inside(b))) continue;
    out.push(a);
  }
  return out;
}

/** `key = value` pairs of one line, values unquoted. Values with spaces are kept only when quoted. */
export function assignmentsIn(line: string): Assignment[] {
  const out: Assignment[] = [];
  ASSIGNMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ASSIGNMENT.exec(line)) !== null) {
    const isFlag = m[1] !== undefined;
    const keyQuoted = m[2] !== '';
    const key = m[3]!;
    const op = m[4]!;
    if (isFlag && op !== '=') continue;
    const pos = m.index + m[0].length;
    const next = line[pos];
    if (op === '=' && /^environment$/i.test(key)) {
      // systemd: `Environment=A=x "B=y z" C=w`: the inner pairs, each judged on its own.
      out.push(...environmentPairs(line, pos));
      break;
    }
    // `scheme://`, `C:\`, `a:b` in prose: a bare-key colon needs white space or a quote after it.
    // A strong key name starting the line (`api_key:85a4…` in an rc file) is an assignment even so,
    // when what follows is one credential-looking token (not `secrets:list-targets:`, `pwd_color:00AFFF`).
    const bareColon = op === ':' && !keyQuoted && pos === m.index + m[0].replace(/[ \t]+$/, '').length && next !== '"' && next !== "'";
    if (bareColon && !(keywordIn(key)?.strength === 'strong' && line.slice(0, m.index).trim() === '' && m[1] === undefined)) continue;
    if (next === '"' || next === "'" || next === '`') {
      const close = findClosingQuote(line, pos + 1, next);
      if (close < 0) continue;
      out.push({ key, value: line.slice(pos + 1, close), valueStart: pos + 1, quoted: true });
      ASSIGNMENT.lastIndex = close + 1;
      continue;
    }
    UNQUOTED_VALUE.lastIndex = pos;
    const v = UNQUOTED_VALUE.exec(line);
    if (!v) continue;
    const after = line.slice(pos + v[0].length);
    ASSIGNMENT.lastIndex = pos + v[0].length;
    // A call or an index (`getenv("X")`, `os.environ[…]`) is code, not a literal; more words after
    // an unquoted value mean the value has spaces (prose, a command).
    if (/^[([]/.test(after)) continue;
    if (!isFlag && after.length > 0 && !/^\s*(?:$|[,;}\])]|#|\/\/|--\s)/.test(after)) continue;
    if (bareColon && !(v[0].length >= 16 && looksLikeCredential(v[0]) && /^\s*$/.test(after))) continue;
    out.push({ key, value: v[0], valueStart: pos, quoted: false });
  }
  return out;
}

const ENV_PAIR = /(["']?)([A-Za-z_]\w{0,100})=([^\s"']+)\1/g;
/** The `NAME=value` pairs of a systemd `Environment=` line from `pos` on. */
function environmentPairs(line: string, pos: number): Assignment[] {
  return [...line.slice(pos).matchAll(ENV_PAIR)].map((m) => ({
    key: m[2]!, value: m[3]!, quoted: m[1] !== '', valueStart: pos + m.index! + m[1]!.length + m[2]!.length + 1,
  }));
}

// `password hunter2x` lines of msmtprc, mbsyncrc, .netrc and .authinfo: no operator, the keyword is the
// line's first word (or follows `machine … login …` on a netrc line).
const SPACE_SEPARATED = new RegExp(`^(\\s*)(${keywordAlternation('line-start')})([ \\t]+)(["']?)([^\\s"']{4,512})\\4[ \\t]*$`, 'i');
const NETRC_PASSWORD = /\bmachine\s+\S+.*?\b(password|passwd|account)[ \t]+(["']?)([^\s"']{4,512})\2/i;

/** Keyword-value pairs written without an operator (see SPACE_SEPARATED). */
export function spaceSeparatedIn(line: string): Assignment[] {
  const m = SPACE_SEPARATED.exec(line);
  if (m) {
    const valueStart = m[1]!.length + m[2]!.length + m[3]!.length + m[4]!.length;
    return [{ key: m[2]!, value: m[5]!, valueStart, quoted: m[4] !== '' }];
  }
  const n = line.includes('machine') ? NETRC_PASSWORD.exec(line) : null;
  if (n) {
    const valueStart = n.index + n[0].length - n[3]!.length - n[2]!.length;
    return [{ key: n[1]!.toLowerCase() === 'account' ? 'password' : n[1]!, value: n[3]!, valueStart, quoted: n[2] !== '' }];
  }
  return [];
}

function findClosingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
  }
  return -1;
}

async function judgeAssignment(key: string, value: string, config: ClassifyConfig, rules: readonly Rule[]): Promise<{ rule: string; message: string; severity: Severity } | null> {
  const ctx: RuleContext = { path: [key], name: key, value, valueString: value, definedIn: [], uses: [], config, origin: 'file' };
  const verdicts: RuleVerdict[] = [];
  for (const rule of rules) {
    const out = rule.evaluate(ctx);
    const r = out instanceof Promise ? await out : out;
    for (const v of r == null ? [] : Array.isArray(r) ? r : [r]) verdicts.push({ ...v, rule: rule.id });
  }
  const combined = combineVerdicts(verdicts);
  if (combined.class !== 'secret') return null;
  const top = verdicts.filter((v) => v.class === 'secret').sort((a, b) => b.confidence - a.confidence)[0]!;
  return {
    rule: top.rule,
    message: combined.reasons.filter((r) => verdicts.some((v) => v.rule === r.rule && v.class === 'secret')).map((r) => r.message).join('; '),
    severity: combined.secretScore >= 0.75 ? 'error' : 'warning',
  };
}

/** A private key block whose body is template actions or a placeholder is not a key. */
function hasKeyBody(text: string, start: number, end: number, skip: SpanSet): boolean {
  let body = '';
  const firstNl = text.indexOf('\n', start);
  if (firstNl < 0 || firstNl >= end) return false;
  const lastDash = text.lastIndexOf('-----END', end);
  const bodyEnd = lastDash > firstNl ? lastDash : end;
  for (let i = firstNl + 1; i < bodyEnd; i++) {
    if (skip.contains(i)) continue;
    body += text[i];
  }
  const b64 = body.replace(/[^A-Za-z0-9+/=]/g, '');
  return b64.length >= 20 && !/^(?:x+|X+|\.+)$/.test(b64);
}

function sortFindings(f: LiteralFinding[]): LiteralFinding[] {
  return f.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Lines a marker allows: the marker's own line and the line after it. */
function allowedLines(text: string, lines: LineIndex): Set<number> {
  const allowed = new Set<number>();
  if (!/allow|secretlint-disable/.test(text)) return allowed;
  const re = new RegExp(ALLOW_MARKER.source, 'g');
  for (const m of text.matchAll(re)) {
    const { line } = lines.position(m.index ?? 0);
    allowed.add(line);
    allowed.add(line + 1);
  }
  return allowed;
}

/** Sorted, merged index ranges with overlap queries. */
class SpanSet {
  private readonly spans: Array<[number, number]>;
  constructor(spans: Array<[number, number]>) {
    const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [s, e] of sorted) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    this.spans = merged;
  }

  overlaps(start: number, end: number): boolean {
    const i = this.firstEndingAfter(start);
    return i < this.spans.length && this.spans[i]![0] < end;
  }

  contains(index: number): boolean {
    return this.overlaps(index, index + 1);
  }

  /** Add a span that overlaps none in the set (the caller checked `overlaps`). */
  insert(start: number, end: number): void {
    this.spans.splice(this.firstEndingAfter(start), 0, [start, end]);
  }

  private firstEndingAfter(pos: number): number {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid]![1] <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
