// Loading one data file by its extension.

import { LineIndex, stripBom } from './lines.js';
import { parseJsonData } from './json.js';
import { parseTomlData } from './toml.js';
import { parseYamlData } from './yaml.js';
import type { DataFileResult, DataFormat } from './types.js';

function baseName(relPath: string): string {
  const parts = relPath.split('/');
  return parts[parts.length - 1] ?? '';
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
