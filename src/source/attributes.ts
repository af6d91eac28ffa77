// Parsing of chezmoi source names (attribute prefixes and suffixes) into entries with a target path.
// Mirrors chezmoi's internal/chezmoi/attr.go (parseDirAttr / parseFileAttr) and the special names
// its source-state walk recognises. Pure: works on paths alone (history and staged scans have no
// filesystem to look at).

export interface SourceAttributes {
  template: boolean;
  encrypted: boolean;
  private: boolean;
  readonly: boolean;
  executable: boolean;
  empty: boolean;
  exact: boolean;
  external: boolean;
  remove: boolean;
  once: boolean;
  onchange: boolean;
  before: boolean;
  after: boolean;
  /** modify_ file whose body holds `chezmoi:modify-template` (known only once the content is read). */
  modifyTemplate?: boolean;
}

export type EntryKind =
  | 'file'
  | 'dir'
  | 'create'
  | 'modify'
  | 'remove'
  | 'script'
  | 'symlink'
  | 'data'
  | 'config-template'
  | 'template-partial'
  | 'special-template'
  | 'special'
  | 'ignored';

/** Attributes collected from every ancestor directory (any ancestor has it). */
export interface AncestorAttributes {
  private: boolean;
  readonly: boolean;
  exact: boolean;
  external: boolean;
  remove: boolean;
}

export interface SourceEntry {
  /** Posix path relative to the source root (after .chezmoiroot), as given. */
  sourcePath: string;
  /** Posix path relative to the destination directory; null for entries that have no target. */
  targetPath: string | null;
  kind: EntryKind;
  isTemplate: boolean;
  attributes: SourceAttributes;
  ancestors: AncestorAttributes;
}

/** The special names chezmoi uses (all start with `.chezmoi`). */
export const CHEZMOI_PREFIX = '.chezmoi';
export const DATA_NAME = '.chezmoidata';
export const TEMPLATES_DIR = '.chezmoitemplates';
export const SCRIPTS_DIR = '.chezmoiscripts';
export const EXTERNALS_DIR = '.chezmoiexternals';
export const ROOT_NAME = '.chezmoiroot';
export const VERSION_NAME = '.chezmoiversion';
/** The extensions chezmoi reads data and config files by (FormatFromAbsPath), and the format of each. */
export const DATA_FORMAT_BY_EXTENSION = { json: 'json', jsonc: 'jsonc', toml: 'toml', yaml: 'yaml', yml: 'yaml' } as const;
export type DataFormat = (typeof DATA_FORMAT_BY_EXTENSION)[keyof typeof DATA_FORMAT_BY_EXTENSION];
export const DATA_FORMATS = Object.keys(DATA_FORMAT_BY_EXTENSION) as Array<keyof typeof DATA_FORMAT_BY_EXTENSION>;

const ENCRYPTED_SUFFIXES = ['.age', '.asc'];
const TEMPLATE_SUFFIX = '.tmpl';
const LITERAL_SUFFIX = '.literal';

export function noAttributes(): SourceAttributes {
  return {
    template: false,
    encrypted: false,
    private: false,
    readonly: false,
    executable: false,
    empty: false,
    exact: false,
    external: false,
    remove: false,
    once: false,
    onchange: false,
    before: false,
    after: false,
  };
}

function noAncestors(): AncestorAttributes {
  return { private: false, readonly: false, exact: false, external: false, remove: false };
}

/** Cuts `prefix` off `name` when present; returns the rest and whether it was there. */
function cut(name: string, prefix: string): [string, boolean] {
  return name.startsWith(prefix) ? [name.slice(prefix.length), true] : [name, false];
}

function applyDotOrLiteral(name: string): string {
  if (name.startsWith('dot_')) return '.' + name.slice(4);
  if (name.startsWith('literal_')) return name.slice(8);
  return name;
}

export interface DirAttributes {
  targetName: string;
  remove: boolean;
  external: boolean;
  exact: boolean;
  private: boolean;
  readonly: boolean;
}

/** chezmoi parseDirAttr: remove_ external_ exact_ private_ readonly_, then dot_ or literal_. */
export function parseDirName(name: string): DirAttributes {
  let rest = name;
  let remove, external, exact, priv, readonly;
  [rest, remove] = cut(rest, 'remove_');
  [rest, external] = cut(rest, 'external_');
  [rest, exact] = cut(rest, 'exact_');
  [rest, priv] = cut(rest, 'private_');
  [rest, readonly] = cut(rest, 'readonly_');
  return { targetName: applyDotOrLiteral(rest), remove, external, exact, private: priv, readonly };
}

export type FileType = 'file' | 'create' | 'modify' | 'remove' | 'script' | 'symlink';

export interface FileAttributes {
  targetName: string;
  type: FileType;
  attributes: SourceAttributes;
}

/** chezmoi parseFileAttr. The encryption suffix (.age or .asc) is stripped before .tmpl. */
export function parseFileName(name: string): FileAttributes {
  const a = noAttributes();
  let type: FileType = 'file';
  let rest = name;
  const common = (withEmpty: boolean): void => {
    [rest, a.encrypted] = cut(rest, 'encrypted_');
    [rest, a.private] = cut(rest, 'private_');
    [rest, a.readonly] = cut(rest, 'readonly_');
    if (withEmpty) [rest, a.empty] = cut(rest, 'empty_');
    [rest, a.executable] = cut(rest, 'executable_');
  };
  if (rest.startsWith('create_')) {
    type = 'create';
    rest = rest.slice('create_'.length);
    common(true);
  } else if (rest.startsWith('remove_')) {
    type = 'remove';
    rest = rest.slice('remove_'.length);
  } else if (rest.startsWith('run_')) {
    type = 'script';
    rest = rest.slice('run_'.length);
    [rest, a.once] = cut(rest, 'once_');
    if (!a.once) [rest, a.onchange] = cut(rest, 'onchange_');
    [rest, a.before] = cut(rest, 'before_');
    if (!a.before) [rest, a.after] = cut(rest, 'after_');
  } else if (rest.startsWith('symlink_')) {
    type = 'symlink';
    rest = rest.slice('symlink_'.length);
  } else if (rest.startsWith('modify_')) {
    type = 'modify';
    rest = rest.slice('modify_'.length);
    common(false);
  } else {
    common(true);
  }
  rest = applyDotOrLiteral(rest);
  if (a.encrypted) {
    const suffix = ENCRYPTED_SUFFIXES.find((s) => rest.endsWith(s));
    if (suffix) rest = rest.slice(0, -suffix.length);
  }
  if (rest.endsWith(LITERAL_SUFFIX)) {
    rest = rest.slice(0, -LITERAL_SUFFIX.length);
  } else if (rest.endsWith(TEMPLATE_SUFFIX)) {
    rest = rest.slice(0, -TEMPLATE_SUFFIX.length);
    a.template = true;
    if (rest.endsWith(LITERAL_SUFFIX)) rest = rest.slice(0, -LITERAL_SUFFIX.length);
  }
  return { targetName: rest, type, attributes: a };
}

function formatOf(name: string, base: string): string | null {
  if (!name.startsWith(base + '.')) return null;
  const ext = name.slice(base.length + 1);
  return (DATA_FORMATS as readonly string[]).includes(ext) ? ext : null;
}

/** The data format of a file extension (without the dot), or null: the one table, DATA_FORMAT_BY_EXTENSION. */
export function dataFormatOfExtension(ext: string): DataFormat | null {
  return Object.hasOwn(DATA_FORMAT_BY_EXTENSION, ext) ? DATA_FORMAT_BY_EXTENSION[ext as keyof typeof DATA_FORMAT_BY_EXTENSION] : null;
}

/** `chezmoi.$FORMAT`: a rendered config file (its extension), or null. */
export function renderedConfigFormat(name: string): string | null {
  return formatOf(name, 'chezmoi');
}

/** `.chezmoidata.$FORMAT` (a data file by name, anywhere in the tree). */
export function isDataFileName(name: string): boolean {
  return formatOf(name, DATA_NAME) !== null;
}

/** `.chezmoi.$FORMAT.tmpl` (the config template; only meaningful at the source root). */
export function configTemplateFormat(name: string): string | null {
  if (!name.endsWith(TEMPLATE_SUFFIX)) return null;
  return formatOf(name.slice(0, -TEMPLATE_SUFFIX.length), '.chezmoi');
}

function isExternalFileName(name: string): boolean {
  const base = name.endsWith(TEMPLATE_SUFFIX) ? name.slice(0, -TEMPLATE_SUFFIX.length) : name;
  return formatOf(base, '.chezmoiexternal') !== null;
}

function entry(
  sourcePath: string,
  kind: EntryKind,
  targetPath: string | null,
  isTemplate: boolean,
  attributes: SourceAttributes,
  ancestors: AncestorAttributes,
): SourceEntry {
  return { sourcePath, targetPath, kind, isTemplate, attributes, ancestors };
}

function joinTarget(dirs: string[], name: string): string {
  return dirs.length ? dirs.join('/') + '/' + name : name;
}

/**
 * Parse a file's path relative to the source root (posix separators) into a source entry.
 * Every component counts: a file under a `.`-directory is ignored, under `.chezmoitemplates/` a
 * template partial, under `.chezmoidata/` data, under an `external_` directory copied verbatim.
 */
export function parseSourcePath(relPath: string): SourceEntry {
  const parts = relPath.split('/').filter((p) => p !== '' && p !== '.');
  const name = parts[parts.length - 1] ?? '';
  const dirs = parts.slice(0, -1);
  const ancestors = noAncestors();
  const targetDirs: string[] = [];
  const none = noAttributes();

  for (let i = 0; i < dirs.length; i++) {
    const dir = dirs[i]!;
    if (dir.startsWith('.')) {
      const inside = parts.slice(i + 1);
      const leaf = inside[inside.length - 1] ?? '';
      // chezmoi skips dot entries inside its special folders (and refuses `.chezmoi*` ones).
      const hiddenPart = inside.find((p) => p.startsWith('.'));
      const hidden = hiddenPart !== undefined;
      switch (dir) {
        case DATA_NAME:
          // A `.chezmoi*` entry there is an error in chezmoi: kept as data so that loading reports it.
          return entry(relPath, hidden && !hiddenPart.startsWith(CHEZMOI_PREFIX) ? 'ignored' : 'data', null, false, none, ancestors);
        case TEMPLATES_DIR:
          if (hidden) return entry(relPath, 'ignored', null, false, none, ancestors);
          return entry(relPath, 'template-partial', null, true, { ...none, template: true }, ancestors);
        case EXTERNALS_DIR:
          if (hidden) return entry(relPath, 'ignored', null, false, none, ancestors);
          return entry(relPath, 'special-template', null, true, { ...none, template: true }, ancestors);
        case SCRIPTS_DIR: {
          if (hidden) return entry(relPath, 'ignored', null, false, none, ancestors);
          const fa = parseFileName(leaf);
          if (fa.type !== 'script') return entry(relPath, 'ignored', null, false, none, ancestors);
          return entry(relPath, 'script', null, fa.attributes.template, fa.attributes, ancestors);
        }
        default:
          return entry(relPath, 'ignored', null, false, none, ancestors);
      }
    }
    const da = parseDirName(dir);
    ancestors.private ||= da.private;
    ancestors.readonly ||= da.readonly;
    ancestors.exact ||= da.exact;
    ancestors.remove ||= da.remove;
    targetDirs.push(da.targetName);
    if (da.external) {
      // external_: children keep their names verbatim, no attributes parsed below this point.
      ancestors.external = true;
      const target = joinTarget(targetDirs.concat(parts.slice(i + 1, -1)), name);
      return entry(relPath, 'file', target, false, { ...none, external: true }, ancestors);
    }
  }

  if (name.startsWith('.')) return specialEntry(relPath, name, dirs.length === 0, ancestors);

  const fa = parseFileName(name);
  const target = joinTarget(targetDirs, fa.targetName);
  return entry(relPath, fa.type, target, fa.attributes.template, fa.attributes, ancestors);
}

function specialEntry(relPath: string, name: string, atRoot: boolean, ancestors: AncestorAttributes): SourceEntry {
  const none = noAttributes();
  const template = { ...none, template: true };
  if (!name.startsWith(CHEZMOI_PREFIX)) return entry(relPath, 'ignored', null, false, none, ancestors);
  if (isDataFileName(name)) return entry(relPath, 'data', null, false, none, ancestors);
  if (name === '.chezmoiignore' || name === '.chezmoiignore.tmpl' || name === '.chezmoiremove' || name === '.chezmoiremove.tmpl' || isExternalFileName(name)) {
    return entry(relPath, 'special-template', null, true, template, ancestors);
  }
  // chezmoi only reads the config template from the root; elsewhere it is skipped.
  if (atRoot && configTemplateFormat(name) !== null) return entry(relPath, 'config-template', null, true, template, ancestors);
  return entry(relPath, 'special', null, false, none, ancestors);
}

/** A file name that marks a modify_ script as a template (that line is removed before parsing). */
export const MODIFY_TEMPLATE_MARKER = 'chezmoi:modify-template';
