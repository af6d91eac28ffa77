import type { AnalysisError, Position, Span } from '../model.js';

/** One place a data leaf is defined, with the value written there. */
export interface DataDefinition {
  /** The key that defines the leaf (for a list element: the element itself). */
  position: Position;
  /** Where the value is written; null when there is none (`key:` with no value in YAML). */
  valueSpan: Span | null;
  /**
   * The same as JS string indexes [start, end) into the file's text (BOM excluded): the config
   * template finds the template actions inside a value with it. Migrate's data editors do not use
   * it: removing a key needs the key's whole entry (key, comments, separators), which they read
   * from the format's own syntax tree (src/migrate/data-edit/).
   */
  valueRange: [number, number] | null;
  /** The value written there (string, number, boolean, null, [] for a list, {} for an empty map). */
  value: unknown;
  /** Config template only: the value is produced by template actions, so it is not known statically. */
  dynamic?: boolean;
  /** Config template only: functions used by the actions producing the value (through `$var` too). */
  functions?: string[];
  /** Config template only: those functions' calls with their string arguments (prompt texts, include paths, commands). */
  calls?: Array<{ fn: string; args: string[] }>;
  /** Config template only: data references (`.chezmoi.hostname`) read by those actions. */
  refs?: string[];
  /**
   * Config template only: string literals written in the template that the value may be
   * (`{{ $d := "hyprland" }}` … `{{ $d | quote }}`): they are in the repo like any static value.
   */
  literals?: string[];
}

/**
 * - `value`: a scalar or an empty map at a map key.
 * - `list`: a whole list (value is the array); its elements are ALSO leaves, with role `element`.
 * - `element`: anything inside a list, path segments are indexes ('0', '1', …).
 */
export type LeafRole = 'value' | 'list' | 'element';

export interface DataLeaf {
  path: string[];
  /** The winning value (last definition). Original JS type kept; TOML dates as written. */
  value: unknown;
  /** Every definition, in merge order: the last one wins. */
  definedIn: Position[];
  /** Parallel to definedIn, with the value written at each (an overridden value is still in the repo). */
  definitions: DataDefinition[];
  role: LeafRole;
  /** True when the winning definition is dynamic (config template). */
  dynamic?: boolean;
  functions?: string[];
  /** The winning definition's function calls (see DataDefinition.calls). */
  calls?: Array<{ fn: string; args: string[] }>;
}

export type { DataFormat } from '../source/attributes.js';

export interface DataFileResult {
  file: string;
  /** `config` for the [data] of `.chezmoi.$FORMAT.tmpl` (wins over every .chezmoidata file). */
  origin: 'data' | 'config';
  tree: Record<string, unknown>;
  leaves: DataLeaf[];
  error: AnalysisError | null;
}
