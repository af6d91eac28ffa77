// SARIF 2.1.0 for CI gates (GitHub code scanning, GitLab, any SARIF viewer). Secrets are
// redacted unless showSecrets; file names become percent-encoded relative URIs; each result
// carries our content fingerprint so an alert stays one alert when its line moves.
import { relative, sep } from 'node:path';
import type { ClassifiedVariable, Finding, HistoryInfo, Position, ScanResult, Severity } from '../model.js';
import { redact, redactIdentity, scrub } from './redact.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** partialFingerprints key: versioned so that a change of the fingerprint recipe starts a new series. */
export const FINGERPRINT_KEY = 'chezmoiSopsContent/v1';
const INFORMATION_URI = 'https://www.npmjs.com/package/chezmoi-sops';
const SRCROOT = 'SRCROOT';

export interface SarifOptions {
  showSecrets: boolean;
  toolVersion: string;
  /**
   * The git work tree that holds `result.root`, when they differ (a `.chezmoiroot` subfolder):
   * code scanning matches URIs against repository paths, so scan paths get the subfolder prefix.
   * History paths are already repository paths.
   */
  repoRoot?: string;
}

interface RuleInfo {
  name: string;
  short: string;
  full: string;
  help: string;
}

const RULES: Record<string, RuleInfo> = {
  'variable/secret': {
    name: 'SecretTemplateData',
    short: 'Secret value stored in chezmoi template data',
    full: 'A leaf of the merged chezmoi template data (.chezmoidata.*, .chezmoidata/, or the [data] of the config template) holds a secret value in the repository.',
    help: 'Move the value to SOPS (`chezmoi-sops migrate --write`), read it from a password manager, or, if it is not secret, accept it with `chezmoi-sops baseline create` or an inline `chezmoi-sops:allow` comment. A secret that was ever committed stays in history: rotate it and see `chezmoi-sops purge plan`.',
  },
};

function ruleInfo(id: string): RuleInfo {
  const known = RULES[id];
  if (known) return known;
  const [family, ...rest] = id.split('/');
  const kind = rest.join('/') || family;
  const words = kind.replace(/[-_]+/g, ' ');
  return {
    name: kind.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('') || 'Secret',
    short: `Hard-coded secret (${words})`,
    full: `A value matching the ${words} secret pattern${family !== kind ? ` (${family})` : ''} is stored in the repository.`,
    help: 'Remove the secret from the file and rotate it; keep it in SOPS or a password manager and read it from the template. If it is a false positive, accept it with `chezmoi-sops baseline create` or an inline `chezmoi-sops:allow` comment. A secret that was ever committed stays in history: see `chezmoi-sops purge plan`.',
  };
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', note: 'note' };
// GitHub ranks security alerts by this property: >= 7.0 is "high", >= 9.0 "critical".
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.5', warning: '5.5', note: '2.0' };
const SEVERITY_ORDER: Severity[] = ['note', 'warning', 'error'];

/** A relative path as a URI reference: each segment percent-encoded, `/` kept, never a scheme. */
export function pathToUri(path: string): string {
  return path
    .split(/[\\/]+/)
    .filter((seg) => seg !== '')
    .map((seg) => encodeURIComponent(toWellFormed(seg)))
    .join('/');
}

/** Lone surrogates would make encodeURIComponent throw; show them as U+FFFD like invalid UTF-8. */
function toWellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function directoryUri(absDir: string): string {
  const segments = absDir.split(sep).filter(Boolean).map((seg) => encodeURIComponent(toWellFormed(seg)));
  return `file:///${segments.join('/')}${segments.length ? '/' : ''}`;
}

export function toSarif(result: ScanResult, opts: SarifOptions): object {
  const prefix = opts.repoRoot ? relative(opts.repoRoot, result.root) : '';
  const useRepoRoot = Boolean(opts.repoRoot) && !prefix.startsWith('..');
  const scanPrefix = useRepoRoot ? prefix : '';
  const uriFor = (file: string, fromHistory: boolean) => pathToUri(fromHistory || !scanPrefix ? file : `${scanPrefix}/${file}`);

  const ruleIds = [...new Set(result.findings.map((f) => f.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const worst = new Map<string, Severity>();
  for (const f of result.findings) {
    const prev = worst.get(f.rule);
    if (!prev || SEVERITY_ORDER.indexOf(f.severity) > SEVERITY_ORDER.indexOf(prev)) worst.set(f.rule, f.severity);
  }
  const rules = ruleIds.map((id) => {
    const info = ruleInfo(id);
    const severity = worst.get(id) ?? 'error';
    return {
      id,
      name: info.name,
      shortDescription: { text: info.short },
      fullDescription: { text: info.full },
      help: { text: info.help, markdown: info.help },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags: ['security', 'secret', 'external/cwe/cwe-798'], precision: 'high', 'security-severity': SECURITY_SEVERITY[severity] },
    };
  });

  const secretVariables = new Map<string, ClassifiedVariable>();
  for (const v of result.variables) if (v.class === 'secret') secretVariables.set(JSON.stringify(v.path), v);

  const results = result.findings.map((f) => {
    const shown = redact(f.value, opts.showSecrets);
    // Commit subjects and rule messages may quote the secret itself (a token pasted in a message).
    const clean = (text: string) => (opts.showSecrets ? text : scrub(text, [f.value]));
    const variable = f.variable ? secretVariables.get(JSON.stringify(f.variable)) : undefined;
    const fromHistory = f.history !== null;
    const where = f.variable ? `data key ${f.variable.join('.')}` : 'value';
    const commitNote = f.history ? ` (introduced in commit ${f.history.introduced.sha.slice(0, 12)}${f.history.atHead ? ', still at HEAD' : ', no longer at HEAD'})` : '';
    const sarifResult: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: LEVEL[f.severity],
      message: { text: `${ruleInfo(f.rule).short}: ${where} ${shown}${commitNote}${f.message ? `. ${clean(f.message)}` : ''}` },
      locations: [f.file === null ? commitMessageLocation(f.history) : fileLocation(uriFor(f.file, fromHistory), f, shown)],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      properties: {
        // Not named "secret": a committed report must not look like a secret assignment itself.
        value: shown,
        ...(f.variable ? { variable: f.variable } : {}),
        ...(f.history ? { history: historyProperties(f.history, clean, opts.showSecrets) } : {}),
      },
    };
    // A secret data key: every template that reads it is where it would leak.
    const related = variable ? [...variable.definedIn.filter((p) => p.file !== f.file || p.line !== f.line), ...variable.usedIn] : [];
    if (related.length) {
      sarifResult.relatedLocations = related.slice(0, 100).map((p, i) => positionLocation(uriFor(p.file, fromHistory), p, i + 1, variable!.usedIn.includes(p) ? 'reads the secret' : 'also defines the secret'));
    }
    return sarifResult;
  });

  const notifications = [
    ...result.errors.map((e) => ({
      level: 'error' as const,
      message: { text: `could not analyse: ${e.message}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriFor(e.file, result.command === 'history'), uriBaseId: SRCROOT }, ...(e.line ? { region: { startLine: e.line, ...(e.column ? { startColumn: e.column } : {}) } } : {}) } }],
    })),
    ...result.notes.map((n) => ({
      level: 'note' as const,
      message: { text: n.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriFor(n.file, result.command === 'history'), uriBaseId: SRCROOT } } }],
    })),
  ];

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'chezmoi-sops', semanticVersion: opts.toolVersion, version: opts.toolVersion, informationUri: INFORMATION_URI, rules } },
        automationDetails: { id: `chezmoi-sops/${result.command}/` },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(useRepoRoot ? opts.repoRoot! : result.root) } },
        columnKind: 'unicodeCodePoints',
        invocations: [{ executionSuccessful: result.errors.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        results,
        ...(result.incompleteHistory ? { properties: { incompleteHistory: true } } : {}),
      },
    ],
  };
}

function fileLocation(uri: string, f: Finding, snippet: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: SRCROOT },
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, snippet: { text: snippet } },
    },
  };
}

function positionLocation(uri: string, p: Position, id: number, what: string) {
  return {
    id,
    physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region: { startLine: p.line, startColumn: p.column } },
    message: { text: what },
  };
}

/** A secret in a commit message has no file: name the commit as a logical location. */
function commitMessageLocation(h: HistoryInfo | null) {
  const sha = h?.introduced.sha ?? 'unknown';
  return { logicalLocations: [{ name: `commit ${sha}`, fullyQualifiedName: `commit:${sha}:message`, kind: 'commitMessage' }] };
}

function historyProperties(h: HistoryInfo, clean: (text: string) => string, show: boolean) {
  const commit = (c: HistoryInfo['introduced']) => ({ sha: c.sha, author: redactIdentity(c.author, show), date: c.date, subject: clean(c.subject) });
  return { introduced: commit(h.introduced), last: commit(h.last), atHead: h.atHead, paths: h.paths, refs: h.refs, commits: h.commits };
}
