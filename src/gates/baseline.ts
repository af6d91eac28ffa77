// The baseline of accepted findings. Keyed by the content fingerprint (sha256 of rule + secret),
// never by line: it survives moved lines, reformatting, renames and squashed commits, and a
// different secret on the same line still fails. No values, no line numbers, no timestamps,
// one entry per line, sorted: it does not churn and merges cleanly.
import { readFile } from 'node:fs/promises';
import type { ScanResult, VariableClass } from '../model.js';
import type { ClassifyConfig, EntropyThresholds } from '../config/types.js';
import type { Rule } from '../classify/types.js';

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  /** Where it was found, for humans; matching ignores it. */
  file: string | null;
  variable?: string[];
  /** Set by `baseline audit`: not a secret at all (still suppressed, kept apart from accepted risks). */
  falsePositive?: boolean;
}

/**
 * What decides which findings a scan makes, as it was when the baseline was made (detect-secrets
 * records its plugins and filters the same way): a finding the baseline lacks may be new, or only
 * new to a changed configuration, and the user is told which settings changed.
 */
export interface BaselineConfiguration {
  /** Ids of the rules that ran (built-in and the user's own, minus those switched off), sorted. */
  rules: string[];
  entropy: EntropyThresholds;
  maxFileSize: number;
  ignorePaths: string[];
  overrides: Record<string, VariableClass>;
}

export interface Baseline {
  version: 1;
  /** Absent in baselines made before it was recorded. */
  configuration?: BaselineConfiguration;
  entries: BaselineEntry[];
}

export const DEFAULT_BASELINE_FILE = '.chezmoi-sops-baseline.json';

/** The configuration of a scan with `config` and `rules` (the registry and the user's rules). */
export function configurationOf(config: ClassifyConfig, rules: readonly Rule[]): BaselineConfiguration {
  const overrides: Record<string, VariableClass> = {};
  for (const key of Object.keys(config.overrides).sort(compareStrings)) overrides[key] = config.overrides[key];
  return {
    rules: [...new Set(rules.map((r) => r.id).filter((id) => config.rules[id] !== false))].sort(compareStrings),
    entropy: { base64: config.entropy.base64, hex: config.entropy.hex, minLength: config.entropy.minLength },
    maxFileSize: config.maxFileSize,
    ignorePaths: [...config.ignorePaths],
    overrides,
  };
}

/** The configuration a loaded config runs with: the rule registry, then the user's rules. */
export async function configurationOfLoaded(loaded: { config: ClassifyConfig; userRules: readonly Rule[] }): Promise<BaselineConfiguration> {
  const { builtinRules } = await import('../../rules/index.js');
  return configurationOf(loaded.config, [...builtinRules, ...loaded.userRules]);
}

/** What differs between the recorded configuration and the current one, one phrase each (empty: the same). */
export function configurationChanges(recorded: BaselineConfiguration, current: BaselineConfiguration): string[] {
  const out: string[] = [];
  for (const id of recorded.rules) if (!current.rules.includes(id)) out.push(`rule '${id}' is off (it ran when the baseline was made)`);
  for (const id of current.rules) if (!recorded.rules.includes(id)) out.push(`rule '${id}' runs now (not when the baseline was made)`);
  for (const k of ['base64', 'hex', 'minLength'] as const) {
    if (recorded.entropy[k] !== current.entropy[k]) out.push(`entropy.${k} is ${current.entropy[k]} (was ${recorded.entropy[k]})`);
  }
  if (recorded.maxFileSize !== current.maxFileSize) out.push(`maxFileSize is ${current.maxFileSize} (was ${recorded.maxFileSize})`);
  for (const k of ['ignorePaths', 'overrides'] as const) {
    const [was, is] = [JSON.stringify(recorded[k]), JSON.stringify(current[k])];
    if (was !== is) out.push(`${k} is ${is} (was ${was})`);
  }
  return out;
}

/** One entry per accepted finding (a secret seen in several files gets one entry per file). */
export function createBaseline(result: ScanResult, configuration?: BaselineConfiguration): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of result.findings) {
    const entry: BaselineEntry = { fingerprint: f.fingerprint, rule: f.rule, file: f.file };
    if (f.variable) entry.variable = [...f.variable];
    const key = `${f.fingerprint}\0${f.file ?? ''}`;
    if (!byKey.has(key)) byKey.set(key, entry);
  }
  const entries = sortEntries([...byKey.values()]);
  return configuration ? { version: 1, configuration, entries } : { version: 1, entries };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0; // code-unit order: the same on every machine and locale
}

export function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  // A commit-message finding (file null) sorts before every file of the same fingerprint.
  const fileRank = (e: BaselineEntry) => (e.file === null ? 0 : 1);
  return [...entries].sort((a, b) => compareStrings(a.fingerprint, b.fingerprint) || fileRank(a) - fileRank(b) || compareStrings(a.file ?? '', b.file ?? ''));
}

/** Stable text: fixed key order, one entry per line, trailing newline. */
export function serializeBaseline(b: Baseline): string {
  const lines = sortEntries(b.entries).map((e) => {
    const ordered: BaselineEntry = { fingerprint: e.fingerprint, rule: e.rule, file: e.file };
    if (e.variable) ordered.variable = e.variable;
    if (e.falsePositive) ordered.falsePositive = true;
    return `    ${JSON.stringify(ordered)}`;
  });
  const body = lines.length ? `[\n${lines.join(',\n')}\n  ]` : '[]';
  return `{\n  "version": 1,\n${b.configuration ? serializeConfiguration(b.configuration) : ''}  "entries": ${body}\n}\n`;
}

/** One setting per line, fixed key order. */
function serializeConfiguration(c: BaselineConfiguration): string {
  const ordered: BaselineConfiguration = {
    rules: c.rules,
    entropy: { base64: c.entropy.base64, hex: c.entropy.hex, minLength: c.entropy.minLength },
    maxFileSize: c.maxFileSize,
    ignorePaths: c.ignorePaths,
    overrides: c.overrides,
  };
  const lines = Object.entries(ordered).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `  "configuration": {\n${lines.join(',\n')}\n  },\n`;
}

export class BaselineError extends Error {}

export async function loadBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BaselineError(`cannot read baseline ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return parseBaseline(text, file);
}

export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${file}${jsonErrorLocation(text, (err as Error).message)}: not valid JSON (${(err as Error).message.replace(/, ".*$/s, '')}); recreate it with \`chezmoi-sops baseline create\``);
  }
  const fail = (where: string, what: string): never => {
    throw new BaselineError(`${file}: ${where}: ${what}; recreate it with \`chezmoi-sops baseline create\``);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('top level', 'expected an object with "version" and "entries"');
  const obj = data as Record<string, unknown>;
  if (obj.version !== 1) fail('"version"', `unsupported baseline version ${JSON.stringify(obj.version)} (this chezmoi-sops reads version 1)`);
  if (!Array.isArray(obj.entries)) fail('"entries"', 'expected an array');
  const entries = (obj.entries as unknown[]).map((raw, i): BaselineEntry => {
    const where = `entry ${i + 1}${lineOfEntry(text, i)}`;
    if (typeof raw !== 'object' || raw === null) return fail(where, 'expected an object');
    const e = raw as Record<string, unknown>;
    if (typeof e.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(e.fingerprint)) fail(where, '"fingerprint" must be 64 lower-case hex digits');
    if (typeof e.rule !== 'string') fail(where, '"rule" must be a string');
    if (e.file !== null && typeof e.file !== 'string') fail(where, '"file" must be a string or null');
    if (e.variable !== undefined && !(Array.isArray(e.variable) && e.variable.every((p) => typeof p === 'string'))) fail(where, '"variable" must be an array of strings');
    if (e.falsePositive !== undefined && typeof e.falsePositive !== 'boolean') fail(where, '"falsePositive" must be true or false');
    const entry: BaselineEntry = { fingerprint: e.fingerprint as string, rule: e.rule as string, file: e.file as string | null };
    if (e.variable) entry.variable = e.variable as string[];
    if (e.falsePositive) entry.falsePositive = true;
    return entry;
  });
  if (obj.configuration === undefined) return { version: 1, entries };
  return { version: 1, configuration: parseConfiguration(obj.configuration, fail), entries };
}

function parseConfiguration(raw: unknown, fail: (where: string, what: string) => never): BaselineConfiguration {
  const where = '"configuration"';
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!isObject(raw)) return fail(where, 'expected an object');
  const { rules, entropy, maxFileSize, ignorePaths, overrides } = raw;
  if (!strings(rules)) fail(where, '"rules" must be an array of strings');
  if (!isObject(entropy) || !['base64', 'hex', 'minLength'].every((k) => typeof entropy[k] === 'number')) fail(where, '"entropy" must hold numbers base64, hex and minLength');
  if (typeof maxFileSize !== 'number') fail(where, '"maxFileSize" must be a number');
  if (!strings(ignorePaths)) fail(where, '"ignorePaths" must be an array of strings');
  if (!isObject(overrides) || !Object.values(overrides).every((v) => typeof v === 'string')) fail(where, '"overrides" must map paths to classes');
  const e = entropy as Record<string, number>;
  return {
    rules: rules as string[],
    entropy: { base64: e.base64, hex: e.hex, minLength: e.minLength },
    maxFileSize: maxFileSize as number,
    ignorePaths: ignorePaths as string[],
    overrides: overrides as Record<string, VariableClass>,
  };
}

/** " (line L, column C)" from the position V8 puts in a JSON.parse message, where it does. */
function jsonErrorLocation(text: string, message: string): string {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return `:${lc[1]}:${lc[2]}`;
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return `:${line}:${before.length - before.lastIndexOf('\n')}`;
}

/** " (line N)" of the i-th entry when the file has the one-entry-per-line layout we write. */
function lineOfEntry(text: string, i: number): string {
  const lines = text.split('\n');
  let seen = -1;
  for (let n = 0; n < lines.length; n++) {
    if (/^\s*\{\s*"fingerprint"/.test(lines[n]) && ++seen === i) return ` (line ${n + 1})`;
  }
  return '';
}

/**
 * Drop the findings whose fingerprint is in the baseline. Matching is by content only, so the
 * same accepted secret stays suppressed wherever it moves; any other secret is still reported.
 */
export function applyBaseline(result: ScanResult, b: Baseline): { result: ScanResult; suppressed: number } {
  const accepted = new Set(b.entries.map((e) => e.fingerprint));
  const findings = result.findings.filter((f) => !accepted.has(f.fingerprint));
  return { result: { ...result, findings }, suppressed: result.findings.length - findings.length };
}
