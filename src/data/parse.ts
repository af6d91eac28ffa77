// Loading one data file by its extension.

import { LineIndex, stripBom } from './lines.js';
import { parseJsonData } from './json.js';
import { parseTomlData } from './toml.js';
import { parseYamlData, type FormatResult } from './yaml.js';
import { DATA_FORMAT_BY_EXTENSION, DATA_FORMATS } from '../source/attributes.js';
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
  return Object.hasOwn(DATA_FORMAT_BY_EXTENSION, ext) ? DATA_FORMAT_BY_EXTENSION[ext as keyof typeof DATA_FORMAT_BY_EXTENSION] : null;
}

/** One parser per format: text (BOM stripped) and its positions -> tree, leaves, or an error. */
const PARSERS: Record<DataFormat, (body: string, lines: LineIndex) => FormatResult> = {
  yaml: parseYamlData,
  toml: parseTomlData,
  json: (body, lines) => parseJsonData(body, lines, false),
  jsonc: (body, lines) => parseJsonData(body, lines, true),
};

/** `.json, .jsonc, .toml, .yaml and .yml` */
const KNOWN_EXTENSIONS = `${DATA_FORMATS.slice(0, -1).map((e) => `.${e}`).join(', ')} and .${DATA_FORMATS[DATA_FORMATS.length - 1]}`;

/** Parses a data file; errors name line and column and never quote the file's content. */
export function parseDataFile(relPath: string, text: string, format: DataFormat | null = dataFormatOf(relPath)): DataFileResult {
  const body = stripBom(text);
  const lines = new LineIndex(body, relPath);
  const base = { file: relPath, origin: 'data' as const };
  if (chezmoiEntryInDataFolder(relPath)) {
    return { ...base, tree: {}, leaves: [], error: { file: relPath, message: '.chezmoi entries are not allowed in the .chezmoidata folder' } };
  }
  if (format === null) {
    return { ...base, tree: {}, leaves: [], error: { file: relPath, message: `unknown data format: chezmoi reads ${KNOWN_EXTENSIONS}` } };
  }
  return { ...base, ...PARSERS[format](body, lines) };
}
