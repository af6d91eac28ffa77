// The classification settings, kept free of imports so that user rules type-check quickly against them.
import type { VariableClass } from '../model.js';

export interface EntropyThresholds {
  /** Shannon entropy (bits per character) above which a base64-charset string is suspicious. */
  base64: number;
  /** Same for hex-charset strings (detect-secrets' default 3.0). */
  hex: number;
  /** Strings shorter than this are never judged by entropy alone. */
  minLength: number;
}

export interface ClassifyConfig {
  /** Dotted data path (`secrets.github.token`; a `*` segment matches any one key) -> forced class. */
  overrides: Record<string, VariableClass>;
  entropy: EntropyThresholds;
  /** Rule id -> enabled. Rules not listed are enabled. */
  rules: Record<string, boolean>;
  /** gitignore-syntax patterns, relative to the source root. */
  ignorePaths: string[];
  /** Files larger than this (bytes) are skipped with a note. */
  maxFileSize: number;
  /** `review` variables fail the run like secrets (also the CLI's --strict). */
  strictReview?: boolean;
}
