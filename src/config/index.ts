// User configuration: `.chezmoi-sops.yaml` at the source root (thresholds, overrides, rules on/off,
// ignored paths) plus the user's own rules in `.chezmoi-sops/rules/`.
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore from 'ignore';
import type { AnalysisError, VariableClass } from '../model.js';
import type { Rule } from '../classify/types.js';
import type { ClassifyConfig } from './types.js';

export type { ClassifyConfig, EntropyThresholds } from './types.js';

export const CONFIG_FILE_NAME = '.chezmoi-sops.yaml';
export const USER_RULES_DIR = join('.chezmoi-sops', 'rules');

export const defaultConfig: ClassifyConfig = Object.freeze({
  overrides: Object.freeze({}) as Record<string, VariableClass>,
  // detect-secrets' defaults: base64 4.5, hex 3.0.
  entropy: Object.freeze({ base64: 4.5, hex: 3.0, minLength: 20 }),
  rules: Object.freeze({}) as Record<string, boolean>,
  ignorePaths: Object.freeze([]) as unknown as string[],
  maxFileSize: 1024 * 1024,
  strictReview: false,
}) as ClassifyConfig;

const CLASSES: readonly VariableClass[] = ['secret', 'review', 'config', 'reference'];

/** A fresh, mutable copy of the defaults. */
export function cloneDefaultConfig(): ClassifyConfig {
  return {
    overrides: {},
    entropy: { ...defaultConfig.entropy },
    rules: {},
    ignorePaths: [],
    maxFileSize: defaultConfig.maxFileSize,
    strictReview: false,
  };
}

export interface LoadedConfig {
  config: ClassifyConfig;
  userRules: Rule[];
  errors: AnalysisError[];
}

/**
 * Load `.chezmoi-sops.yaml` (or `explicitPath`) and the user rules next to it. A missing default file
 * is not an error (defaults apply); a missing explicit file, a syntax error or an invalid setting is
 * reported with file and line, and the valid rest of the file still applies.
 */
export async function loadConfig(sourceRoot: string, explicitPath?: string): Promise<LoadedConfig> {
  const errors: AnalysisError[] = [];
  const configPath = explicitPath ?? join(sourceRoot, CONFIG_FILE_NAME);
  const displayName = explicitPath ?? CONFIG_FILE_NAME;
  let config = cloneDefaultConfig();
  let text: string | null = null;
  try {
    // The default config lives in the scanned repo, which may be hostile: a symlink there could
    // make us read (and quote in errors) a file outside it. An explicit --config is the user's own.
    if (explicitPath === undefined && (await lstat(configPath)).isSymbolicLink()) {
      throw Object.assign(new Error(), { code: 'a symbolic link, not followed' });
    }
    text = await readFile(configPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (explicitPath !== undefined || code !== 'ENOENT') {
      errors.push({ file: displayName, message: `cannot read config file (${code ?? 'error'})` });
    }
  }
  if (text !== null) {
    const parsed = await parseConfigText(text, displayName);
    config = parsed.config;
    errors.push(...parsed.errors);
  }
  let userRules: Rule[] = [];
  // User rules are code from the scanned repository: CI jobs that scan untrusted pull requests
  // switch them off (CHEZMOI_SOPS_USER_RULES=off) so that a contributor's file never runs.
  if (process.env.CHEZMOI_SOPS_USER_RULES !== 'off') {
    const { loadUserRules } = await import('./user-rules.js');
    const loaded = await loadUserRules(join(sourceRoot, USER_RULES_DIR), sourceRoot);
    userRules = loaded.rules;
    errors.push(...loaded.errors);
  }
  return { config, userRules, errors };
}

/** Parse and validate the YAML text of a config file. Exposed for tests and `--config -` style use. */
export async function parseConfigText(text: string, file: string): Promise<{ config: ClassifyConfig; errors: AnalysisError[] }> {
  const { parseDocument, LineCounter, isMap, isScalar } = await import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const errors: AnalysisError[] = [];
  const config = cloneDefaultConfig();
  const at = (node: unknown): { line?: number; column?: number } => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return {};
    const pos = lineCounter.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
  const fail = (node: unknown, message: string) => errors.push({ file, ...at(node), message });

  const { indentedTooFar, INDENTED_TOO_FAR } = doc.errors.length > 0 ? await import('../data/yaml.js') : ({} as typeof import('../data/yaml.js'));
  const tooFar = doc.errors.length > 0 ? indentedTooFar(doc.errors, (offset) => lineCounter.linePos(offset).line) : null;
  if (tooFar !== null) {
    const pos = lineCounter.linePos(tooFar);
    errors.push({ file, line: pos.line, column: pos.col, message: `YAML syntax error: ${INDENTED_TOO_FAR}` });
    return { config, errors };
  }
  for (const e of doc.errors) {
    const pos = e.linePos?.[0];
    errors.push({ file, line: pos?.line, column: pos?.col, message: `YAML syntax error: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` });
  }
  if (doc.errors.length > 0) return { config, errors };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { config, errors };
  if (!isMap(root)) {
    fail(root, 'the config file must be a mapping');
    return { config, errors };
  }

  const numberAt = (node: unknown, what: string, min: number, max: number): number | undefined => {
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value) && node.value >= min && node.value <= max) {
      return node.value;
    }
    fail(node, `${what} must be a number between ${min} and ${max}`);
    return undefined;
  };

  // The schema: one entry per setting, in the order the "unknown setting" message lists them.
  type Node = (typeof root.items)[number]['value'];
  const SETTINGS: Record<string, { aliases?: string[]; read: (value: Node, key: string, keyNode: unknown) => void }> = {
    overrides: {
      read: (value, _key, keyNode) => {
        if (!isMap(value)) return void fail(value ?? keyNode, 'overrides must map data paths to a class');
        for (const item of value.items) {
          const path = isScalar(item.key) ? String(item.key.value) : '';
          const cls = isScalar(item.value) ? String(item.value.value) : '';
          if (!path) fail(item.key, 'override needs a dotted data path');
          else if (!(CLASSES as readonly string[]).includes(cls)) fail(item.value ?? item.key, `override for '${path}' must be one of ${CLASSES.join(', ')}`);
          else config.overrides[path] = cls as VariableClass;
        }
      },
    },
    entropy: {
      read: (value, _key, keyNode) => {
        if (!isMap(value)) return void fail(value ?? keyNode, 'entropy must be a mapping (base64, hex, minLength)');
        for (const item of value.items) {
          const k = isScalar(item.key) ? String(item.key.value) : '';
          if (k === 'base64' || k === 'hex') {
            const n = numberAt(item.value, `entropy.${k}`, 0, 8);
            if (n !== undefined) config.entropy[k] = n;
          } else if (k === 'minLength') {
            const n = numberAt(item.value, 'entropy.minLength', 1, 10000);
            if (n !== undefined) config.entropy.minLength = Math.round(n);
          } else fail(item.key, `unknown entropy setting '${k}' (expected base64, hex, minLength)`);
        }
      },
    },
    rules: {
      read: (value, _key, keyNode) => {
        if (!isMap(value)) return void fail(value ?? keyNode, 'rules must map rule ids to true/false');
        for (const item of value.items) {
          const id = isScalar(item.key) ? String(item.key.value) : '';
          if (isScalar(item.value) && typeof item.value.value === 'boolean') config.rules[id] = item.value.value;
          else fail(item.value ?? item.key, `rules.${id} must be true or false`);
        }
      },
    },
    ignore: {
      aliases: ['ignorePaths'],
      read: (value, key, keyNode) => {
        const list = value && 'items' in (value as object) ? (value as { items: unknown[] }).items : null;
        if (!list) return void fail(value ?? keyNode, `${key} must be a list of gitignore patterns`);
        for (const item of list) {
          if (isScalar(item) && typeof item.value === 'string') config.ignorePaths.push(item.value);
          else fail(item, `${key} entries must be strings`);
        }
      },
    },
    maxFileSize: {
      read: (value) => {
        const n = numberAt(value, 'maxFileSize', 1, Number.MAX_SAFE_INTEGER);
        if (n !== undefined) config.maxFileSize = Math.round(n);
      },
    },
    strictReview: {
      aliases: ['strict'],
      read: (value, key, keyNode) => {
        if (isScalar(value) && typeof value.value === 'boolean') config.strictReview = value.value;
        else fail(value ?? keyNode, `${key} must be true or false`);
      },
    },
  };
  const byName = new Map(Object.entries(SETTINGS).flatMap(([name, s]) => [name, ...(s.aliases ?? [])].map((n) => [n, s] as const)));

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const setting = byName.get(key);
    if (setting) setting.read(pair.value, key, pair.key);
    else fail(pair.key, `unknown setting '${key}' (expected ${Object.keys(SETTINGS).join(', ')})`);
  }
  return { config, errors };
}

/** A predicate for source-relative paths (forward slashes) that the config says to ignore. */
export function makeIgnoreMatcher(config: Pick<ClassifyConfig, 'ignorePaths'>): (relativePath: string) => boolean {
  if (config.ignorePaths.length === 0) return () => false;
  const ig = ignore().add(config.ignorePaths);
  return (relativePath: string) => {
    const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
    if (p === '' || p === '.') return false;
    return ig.ignores(p);
  };
}

/** The class forced by an override for this data path, if any (exact match first, then `*` patterns). */
export function overrideFor(config: ClassifyConfig, path: string[]): { pattern: string; cls: VariableClass } | null {
  const dotted = path.join('.');
  const exact = config.overrides[dotted];
  if (exact) return { pattern: dotted, cls: exact };
  for (const [pattern, cls] of Object.entries(config.overrides)) {
    if (!pattern.includes('*')) continue;
    const parts = pattern.split('.');
    if (parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i])) return { pattern, cls };
  }
  return null;
}

/** Whether a rule id is enabled by the config (rules are on unless set to false). */
export function ruleEnabled(config: ClassifyConfig, id: string): boolean {
  return config.rules[id] !== false;
}
