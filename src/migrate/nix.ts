// sops-nix output: the `sops.secrets.<name>` stanzas, a module file around them, and the in-place
// update of a generated block between marker comments in an existing Nix file.
import { nixAttrName, nixString } from './names.js';

export const BEGIN_MARKER = '# BEGIN chezmoi-sops';
export const END_MARKER = '# END chezmoi-sops';
/** Stanza indentation of the user's example (inside `config = { … };` of a module). */
const DEFAULT_INDENT = '    ';

export interface NixSecret {
  /** sops-nix secret name (`github/token`); also the nested key in the SOPS file. */
  name: string;
  /** Attribute text for the name; recomputed from `name` when absent. */
  nixAttr?: string;
  /** Absolute path the secret is decrypted to; defaults to sops-nix's own default. */
  path?: string;
}

export interface NixRenderOptions {
  /** Nix expression for `sopsFile`, inserted verbatim: `lib.custom.relativeToRoot "secrets/x.yaml"`. */
  sopsFileExpr: string;
  /** Nix expression for `owner` (NixOS only); default `config.users.users.<user>.name`. */
  ownerExpr?: string;
  /** User name for the default owner expression. */
  user?: string;
  /** File mode, e.g. `0400`. */
  mode: string;
  /** home-manager's sops module: no owner/group, paths under `${config.xdg.configHome}`. */
  homeManager?: boolean;
  /** Leading white space of every stanza line; default four spaces. */
  indent?: string;
}

export class NixRenderError extends Error {
  override name = 'NixRenderError';
}

/** `lib.custom.relativeToRoot "secrets/dotfiles.yaml"`: the sopsFile style of the user's config. */
export function relativeToRootExpr(pathFromConfigRoot: string): string {
  return `lib.custom.relativeToRoot ${nixString(pathFromConfigRoot)}`;
}

/** Default owner expression: `config.users.users.rain.name` (the user name quoted when needed). */
export function defaultOwnerExpr(user: string): string {
  return `config.users.users.${nixAttrName(user)}.name`;
}

/**
 * The path sops-nix uses when none is given, as Nix expression text: NixOS `/run/secrets/<name>`;
 * home-manager `"${config.xdg.configHome}/sops-nix/secrets/<name>"` (an intended interpolation).
 */
export function defaultSecretPathExpr(name: string, homeManager: boolean): string {
  if (!homeManager) return nixString(`/run/secrets/${name}`);
  return `"\${config.xdg.configHome}${nixString(`/sops-nix/secrets/${name}`).slice(1)}`;
}

/** The `sops.secrets.<name> = { … };` stanzas, one after the other, each line indented. */
export function renderNixSecrets(secrets: readonly NixSecret[], opts: NixRenderOptions): string {
  const indent = opts.indent ?? DEFAULT_INDENT;
  if (!/^\d{3,4}$/u.test(opts.mode)) throw new NixRenderError(`invalid file mode ${JSON.stringify(opts.mode)}`);
  let ownerExpr: string | undefined;
  if (!opts.homeManager) {
    ownerExpr = opts.ownerExpr ?? (opts.user !== undefined ? defaultOwnerExpr(opts.user) : undefined);
    if (ownerExpr === undefined) throw new NixRenderError('an owner expression or a user name is needed for NixOS secrets');
  }
  const lines: string[] = [];
  for (const secret of secrets) {
    const attr = secret.nixAttr ?? nixAttrName(secret.name);
    lines.push(`${indent}sops.secrets.${attr} = {`);
    lines.push(`${indent}  sopsFile = ${opts.sopsFileExpr};`);
    const path = secret.path !== undefined ? nixString(secret.path) : defaultSecretPathExpr(secret.name, opts.homeManager ?? false);
    lines.push(`${indent}  path = ${path};`);
    if (ownerExpr !== undefined) lines.push(`${indent}  owner = ${ownerExpr};`);
    lines.push(`${indent}  mode = ${nixString(opts.mode)};`);
    lines.push(`${indent}};`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** A whole module file holding `block` between the markers. */
export function renderNixModule(block: string): string {
  return [
    '# sops-nix secrets moved out of the chezmoi source by chezmoi-sops migrate.',
    `# The lines between "${BEGIN_MARKER}" and "${END_MARKER}" are regenerated; the rest is yours.`,
    '{ config, lib, ... }:',
    '{',
    '  config = {',
    `    ${BEGIN_MARKER}`,
    reindent(block, DEFAULT_INDENT),
    `    ${END_MARKER}`,
    '  };',
    '}',
    '',
  ].join('\n');
}

/**
 * Replaces the generated block between the marker lines of `existingText` with `block`
 * (re-indented to the BEGIN marker's indentation), leaving every other byte alone; with no
 * existing file, a new module file. An existing file without markers is refused: where the
 * stanzas belong in someone's own Nix code is not ours to guess.
 */
export function updateNixFile(existingText: string | null, block: string, fileLabel = 'Nix file'): string {
  if (existingText === null) return renderNixModule(block);
  const eol = existingText.includes('\r\n') ? '\r\n' : '\n';
  const lines = existingText.split(/(?<=\n)/u);
  const begins = markerLines(lines, BEGIN_MARKER);
  const ends = markerLines(lines, END_MARKER);
  if (begins.length === 0 && ends.length === 0) {
    throw new NixRenderError(
      `${fileLabel} has no "${BEGIN_MARKER}" / "${END_MARKER}" lines: add both where the generated sops.secrets belong, or choose a new file`,
    );
  }
  if (begins.length !== 1 || ends.length !== 1 || ends[0]! < begins[0]!) {
    throw new NixRenderError(`${fileLabel}: expected exactly one "${BEGIN_MARKER}" line followed by one "${END_MARKER}" line`);
  }
  const begin = begins[0]!;
  const end = ends[0]!;
  const markerIndent = /^[ \t]*/u.exec(lines[begin]!)![0];
  const body = reindent(block, markerIndent).replace(/\n/gu, eol);
  return [...lines.slice(0, begin + 1), body.length > 0 ? `${body}${eol}` : '', ...lines.slice(end)].join('');
}

function markerLines(lines: readonly string[], marker: string): number[] {
  const found: number[] = [];
  lines.forEach((line, index) => {
    if (line.trimStart().startsWith(marker)) found.push(index);
  });
  return found;
}

/** Removes the common leading white space of `block` and indents every non-empty line. */
function reindent(block: string, indent: string): string {
  const lines = block.replace(/\n$/u, '').split('\n');
  const nonEmpty = lines.filter((l) => l.trim().length > 0);
  if (nonEmpty.length === 0) return '';
  const common = Math.min(...nonEmpty.map((l) => /^[ \t]*/u.exec(l)![0].length));
  return lines.map((l) => (l.trim().length > 0 ? indent + l.slice(common) : '')).join('\n');
}
