import type { OptionSpec } from './options.js';

/** A CLI command: a thin shell over a library stage. Loaded lazily so `scan --staged` starts fast. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Returns the process exit code (INTERFACE.md: 0 clean, 1 secrets found, 2 usage/analysis error). */
  run(argv: string[]): Promise<number>;
}
