import { formatUsage, parseForms, type CommandForm, type Parsed } from './options.js';

/** A CLI command: a thin shell over a library stage. Loaded lazily so `scan --staged` starts fast. */
export interface Command {
  name: string;
  summary: string;
  /** Generated from the forms (see defineCommand). */
  usage: string;
  forms: readonly CommandForm[];
  /** Returns the process exit code (INTERFACE.md: 0 clean, 1 secrets found, 2 usage/analysis error). */
  run(argv: string[]): Promise<number>;
}

export interface CommandDefinition {
  name: string;
  summary: string;
  /** What the command does, for --help (the synopsis and the options list are generated). */
  description: string;
  forms: readonly CommandForm[];
  run(parsed: Parsed): Promise<number>;
}

/** A command whose options are parsed, checked against its forms, and listed in its usage. */
export function defineCommand(def: CommandDefinition): Command {
  return {
    name: def.name,
    summary: def.summary,
    usage: formatUsage(def.name, def.forms, def.description),
    forms: def.forms,
    run: async (argv) => def.run(parseForms(def.name, def.forms, argv)),
  };
}
