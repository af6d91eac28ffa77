// Secret names: from a chezmoi data path to the sops-nix secret name, its nested key in the SOPS
// file, the Nix attribute text and the file path sops-nix creates.
//
// sops-nix walks nested YAML keys with `/` (`sops.secrets."github/token"` reads `github: {token:}`
// and creates `/run/secrets/github/token`), so one data-path segment becomes one name segment.
//
// Sanitising (deterministic, documented in the README of migrate):
// - every character outside [A-Za-z0-9_-] becomes `_` (dots, spaces, quotes, `$`, `{`, `/`, `\`,
//   control characters, newlines, non-ASCII): such characters break a Nix attribute, a path or a
//   YAML key, or make `..`/absolute paths possible. `..` therefore becomes `__`.
// - a leading `-` becomes `_` (file names starting with `-` read as options on a command line).
// - a segment ending in `_unencrypted` gets a trailing `_`: sops leaves values under such keys
//   UNENCRYPTED by default (`unencrypted_suffix`), which would leak the secret.
// - a first segment `sops` becomes `sops_`: the top-level `sops` key holds the SOPS metadata.
// - empty paths, empty segments and segments over 255 bytes are rejected with an error.
// Two data paths that map to the same name, or where one name is a prefix directory of another
// (`a` and `a/b`: a file cannot also be a directory, a YAML string cannot also be a map), are
// rejected by `secretNamesFor` with an error naming both data paths.

export interface SecretName {
  /** sops-nix secret name, segments joined by `/`: `github/token`. */
  secretName: string;
  /** Nested key in the SOPS YAML file: `['github', 'token']`. */
  sopsKey: string[];
  /** Nix attribute text, quoted when Nix needs it: `acoustid_api` or `"github/token"`. */
  nixAttr: string;
}

export class SecretNameError extends Error {
  override name = 'SecretNameError';
}

const MAX_SEGMENT_BYTES = 255;
const UNENCRYPTED_SUFFIX = '_unencrypted';
const NIX_KEYWORDS = new Set(['if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or']);

/** Renders a data path for error messages (names only, never values). */
export function describePath(path: readonly string[]): string {
  return path.map((segment) => JSON.stringify(segment)).join('.');
}

function sanitiseSegment(segment: string, index: number, path: readonly string[]): string {
  if (segment.length === 0) {
    throw new SecretNameError(`data path ${describePath(path)} has an empty key at position ${index + 1}`);
  }
  let out = segment.replace(/[^A-Za-z0-9_-]/gu, '_');
  if (out.startsWith('-')) out = `_${out.slice(1)}`;
  if (out.endsWith(UNENCRYPTED_SUFFIX)) out = `${out}_`;
  if (index === 0 && out === 'sops') out = 'sops_';
  if (Buffer.byteLength(out, 'utf8') > MAX_SEGMENT_BYTES) {
    throw new SecretNameError(`data path ${describePath(path)} has a key longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
  return out;
}

/** Nix attribute name text: bare when it is a plain identifier, else a quoted, escaped string. */
export function nixAttrName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_'-]*$/u.test(name) && !NIX_KEYWORDS.has(name)) return name;
  return nixString(name);
}

/** A Nix double-quoted string literal with `"`, `\` and `${` escaped. */
export function nixString(value: string): string {
  const escaped = value
    .replace(/\\/gu, '\\\\')
    .replace(/"/gu, '\\"')
    .replace(/\$\{/gu, '\\${')
    .replace(/\n/gu, '\\n')
    .replace(/\r/gu, '\\r')
    .replace(/\t/gu, '\\t');
  return `"${escaped}"`;
}

export function secretNameFor(path: readonly string[]): SecretName {
  if (path.length === 0) throw new SecretNameError('empty data path');
  const sopsKey = path.map((segment, index) => sanitiseSegment(segment, index, path));
  const secretName = sopsKey.join('/');
  return { secretName, sopsKey, nixAttr: nixAttrName(secretName) };
}

/**
 * Names for many data paths at once, in input order; throws a SecretNameError naming both data
 * paths when two of them collide after sanitising or one would be a directory of the other.
 */
export function secretNamesFor(paths: readonly (readonly string[])[]): SecretName[] {
  const names = paths.map((path) => secretNameFor(path));
  const byName = new Map<string, number>();
  names.forEach((name, index) => {
    const previous = byName.get(name.secretName);
    if (previous !== undefined) {
      throw new SecretNameError(
        `data paths ${describePath(paths[previous]!)} and ${describePath(paths[index]!)} both map to secret name ${name.secretName}`,
      );
    }
    byName.set(name.secretName, index);
  });
  names.forEach((name, index) => {
    for (let cut = 1; cut < name.sopsKey.length; cut += 1) {
      const prefix = byName.get(name.sopsKey.slice(0, cut).join('/'));
      if (prefix !== undefined) {
        throw new SecretNameError(
          `data paths ${describePath(paths[prefix]!)} and ${describePath(paths[index]!)} conflict: secret ${names[prefix]!.secretName} would be both a value and a directory of ${name.secretName}`,
        );
      }
    }
  });
  return names;
}

/** The file sops-nix creates: `SECRETS_DIR/a/b`. Refuses names that could leave the directory. */
export function secretFilePath(secretsDir: string, secretName: string): string {
  const segments = secretName.split('/');
  if (secretName.length === 0 || segments.some((s) => s === '' || s === '.' || s === '..' || /[\0\n\r]/u.test(s))) {
    throw new SecretNameError(`unsafe secret name ${JSON.stringify(secretName)}`);
  }
  const dir = secretsDir.length > 1 ? secretsDir.replace(/\/+$/u, '') : secretsDir;
  return dir === '/' ? `/${secretName}` : `${dir}/${secretName}`;
}
