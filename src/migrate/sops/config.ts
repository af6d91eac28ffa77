// `.sops.yaml` lookup and creation-rule matching, as sops does it: the first `.sops.yaml` from
// the start directory upwards; the first rule whose `path_regex` matches the file path relative
// to the config's directory (an empty `path_regex` matches everything).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { SopsFormatError } from './cipher.js';
import { goRegExp, normaliseRules, type EncryptionRules } from './tree.js';

const CONFIG_NAME = '.sops.yaml';
const MAX_DEPTH = 100;

export interface CreationRule {
  /** The `.sops.yaml` the rule comes from. */
  configFile: string;
  /** Index of the rule in `creation_rules` (for messages). */
  index: number;
  ageRecipients: string[];
  rules: EncryptionRules;
}

export function findSopsConfig(startDir: string): string | null {
  let dir = resolve(startDir);
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

/**
 * The `.sops.yaml` sops itself would use: the file SOPS_CONFIG names, else the first one from the
 * working directory upwards (sops looks from where it runs, not from the sops file's folder).
 * `searchFrom` overrides the start directory (library callers, tests). Only where sops would find
 * none, the sops file's own folder upwards is tried (`chezmoi-sops migrate` is often run from the
 * source directory, the sops file elsewhere): the file is then made with those recipients, and
 * sops itself later needs no `.sops.yaml` to decrypt or edit it.
 */
export function locateSopsConfig(searchFrom?: string, sopsFile?: string): string | null {
  if (searchFrom === undefined && process.env.SOPS_CONFIG) return resolve(process.env.SOPS_CONFIG);
  return findSopsConfig(searchFrom ?? process.cwd()) ?? (sopsFile === undefined ? null : findSopsConfig(dirname(resolve(sopsFile))));
}

/** `age:` holds a comma-separated string or a list of them. */
function splitKeys(field: unknown, what: string, configFile: string): string[] {
  if (field === undefined || field === null || field === '') return [];
  const parts = typeof field === 'string' ? [field] : Array.isArray(field) ? field : null;
  if (parts === null || parts.some((p) => typeof p !== 'string')) {
    throw new SopsFormatError(`${configFile}: ${what} must be a string or a list of strings`);
  }
  return (parts as string[]).flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== '');
}

/** Key types sops knows besides age (flat rule fields and key-group fields). */
const OTHER_KEY_TYPES = ['pgp', 'kms', 'gcp_kms', 'azure_keyvault', 'hc_vault_transit_uri', 'hc_vault', 'hckms', 'plugins'];

/** The creation rule sops would use for `sopsFile`, reduced to what the built-in writer supports. */
export function creationRuleFor(sopsFile: string, configFile: string): CreationRule {
  let config: unknown;
  try {
    config = parse(readFileSync(configFile, 'utf8'));
  } catch (err) {
    throw new SopsFormatError(`${configFile}: cannot read: ${(err as Error).message}`);
  }
  const rules = (config as { creation_rules?: unknown } | null)?.creation_rules;
  if (!Array.isArray(rules)) throw new SopsFormatError(`${configFile}: no creation_rules`);
  const configDir = dirname(resolve(configFile));
  const abs = resolve(sopsFile);
  const rel = abs.startsWith(configDir + sep) ? relative(configDir, abs).split(sep).join('/') : abs;
  const index = rules.findIndex((rule: { path_regex?: unknown }) => {
    const pathRegex = rule?.path_regex;
    if (pathRegex === undefined || pathRegex === null || pathRegex === '') return true;
    return goRegExp(String(pathRegex)).test(rel);
  });
  if (index < 0) throw new SopsFormatError(`${configFile}: no creation rule matches ${rel}`);
  const rule = rules[index] as Record<string, unknown>;
  const where = `${configFile}: creation_rules[${index}]`;
  let keySource: Record<string, unknown> = rule;
  if (Array.isArray(rule.key_groups) && rule.key_groups.length > 0) {
    if (rule.key_groups.length > 1) throw new SopsFormatError(`${where}: several key_groups (Shamir) need the sops CLI`);
    keySource = rule.key_groups[0] as Record<string, unknown>;
    if (Array.isArray(keySource.merge) && keySource.merge.length > 0) throw new SopsFormatError(`${where}: key group merge needs the sops CLI`);
  }
  const other = OTHER_KEY_TYPES.filter((k) => splitKeysLoose(keySource[k]).length > 0);
  if (other.length > 0) throw new SopsFormatError(`${where}: ${other.join(', ')} keys need the sops CLI; the built-in writer handles age only`);
  const ageRecipients = splitKeys(keySource.age, 'age', configFile);
  if (ageRecipients.length === 0) throw new SopsFormatError(`${where}: no age recipients`);
  const bad = ageRecipients.find((r) => !/^age1[0-9a-z]+$/u.test(r));
  if (bad !== undefined) throw new SopsFormatError(`${where}: recipient ${bad} is not a native age recipient (age1…); use the sops CLI`);
  const encryptionRules = normaliseRules({
    unencrypted_suffix: str(rule.unencrypted_suffix),
    encrypted_suffix: str(rule.encrypted_suffix),
    unencrypted_regex: str(rule.unencrypted_regex),
    encrypted_regex: str(rule.encrypted_regex),
    unencrypted_comment_regex: str(rule.unencrypted_comment_regex),
    encrypted_comment_regex: str(rule.encrypted_comment_regex),
    mac_only_encrypted: rule.mac_only_encrypted === true,
  });
  return { configFile, index, ageRecipients: [...new Set(ageRecipients)], rules: encryptionRules };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function splitKeysLoose(field: unknown): unknown[] {
  if (field === undefined || field === null || field === '') return [];
  return Array.isArray(field) ? field : [field];
}
