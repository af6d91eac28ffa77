// Loading one data file by its extension.

import { DATA_FORMATS } from '../source/attributes.js';
import { LineIndex, stripBom } from './lines.js';
import { parseJsonData } from './json.js';
import { parseTomlData } from './toml.js';
import { parseYamlData } from './yaml.js';
import type { DataFileResult, DataFormat } from './types.js';

function baseName(relPath: string): string {
  const parts = relPath.split('/');
  return parts[parts.length - 1] ?? '';
}

/** `.chezmoidata.{json,jsonc,toml,yaml,yml}` anywhere; any file under a `.chezmoidata/` folder. */
export function isDataFile(relPath: string): boolean {
  const parts = relPath.split('/').filter((p) => p !== '');
  const name = parts[parts.length - 1] ?? '';
  const dirs = parts.slice(0, -1);
  const dataDir = dirs.indexOf('.chezmoidata');
  if (dataDir !== -1) {
    // Only the first dot-folder decides: a .chezmoidata/ below .git/ or another dot-folder is not data.
    const firstDot = dirs.findIndex((d) => d.startsWith('.'));
    const hidden = parts.slice(dataDir + 1).find((p) => p.startsWith('.'));
    return firstDot === dataDir && (hidden === undefined || hidden.startsWith('.chezmoi'));
  }
  if (dirs.some((d) => d.startsWith('.'))) return false;
  return name.startsWith('.chezmoidata.') && (DATA_FORMATS as readonly string[]).includes(name.slice('.chezmoidata.'.length));
}

function chezmoiEntryInDataFolder(relPath: string): boolean {
  const parts = relPath.split('/');
  const i = parts.indexOf('.chezmoidata');
  return i !== -1 && parts.slice(i + 1).some((p) => p.startsWith('.chezmoi'));
}

/** The format chezmoi uses for a file name (by extension), or null. */
export function dataFormatOf(relPath: string): DataFormat | null {
  const name = baseName(relPath);
  const dot = name.lastIndexOf('.');
  const ext = dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
  switch (ext) {
    case 'yaml':
    case 'yml':
      return 'yaml';
    case 'toml':
      return 'toml';
    case 'json':
      return 'json';
    case 'jsonc':
      return 'jsonc';
    default:
      return null;
  }
}

/** Parses a data file; errors name line and column and never quote the file's content. */
export function parseDataFile(relPath: string, text: string, format: DataFormat | null = dataFormatOf(relPath)): DataFileResult {
  const body = stripBom(text);
  const lines = new LineIndex(body, relPath);
  const base = { file: relPath, origin: 'data' as const };
  if (chezmoiEntryInDataFolder(relPath)) {
    return { ...base, tree: {}, leaves: [], error: { file: relPath, message: '.chezmoi entries are not allowed in the .chezmoidata folder' } };
  }
  switch (format) {
    case 'yaml':
      return { ...base, ...parseYamlData(body, lines) };
    case 'toml':
      return { ...base, ...parseTomlData(body, lines) };
    case 'json':
      return { ...base, ...parseJsonData(body, lines, false) };
    case 'jsonc':
      return { ...base, ...parseJsonData(body, lines, true) };
    default:
      return { ...base, tree: {}, leaves: [], error: { file: relPath, message: 'unknown data format: chezmoi reads .json, .jsonc, .toml, .yaml and .yml' } };
  }
}
