// Options are declared once, per command (and per sub-command form): the parser, the check that a
// flag applies, and the usage text are all derived from the declaration.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface OptionDef {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the usage (`FILE`, `REF`); string options only. */
  arg?: string;
  /** One line for the options list of `--help`. */
  help: string;
  /** Shown without brackets in the synopsis; the command checks it (with its own message). */
  required?: boolean;
}

export type Format = 'text' | 'json' | 'sarif';

/** Options shared by several commands (INTERFACE.md "Common options"); each form says which it takes. */
export const COMMON = {
  format: { type: 'string', arg: 'FORMAT', help: 'report format (default text)' },
  output: { type: 'string', arg: 'FILE', help: 'write the report to FILE (mode 0600) instead of standard output' },
  config: { type: 'string', arg: 'FILE', help: 'settings file (default .chezmoi-sops.yaml in the source root)' },
  baseline: { type: 'string', arg: 'FILE', help: 'findings accepted in FILE do not count (default .chezmoi-sops-baseline.json when present)' },
  'show-secrets': { type: 'boolean', help: 'print values in full (default: redacted)' },
  'no-color': { type: 'boolean', help: 'no colours (also: NO_COLOR)' },
  quiet: { type: 'boolean', help: 'print nothing when the run is clean' },
  strict: { type: 'boolean', help: 'items to review fail the run too' },
  debug: { type: 'boolean', help: 'print the stack trace of an unexpected error' },
  help: { type: 'boolean', short: 'h', help: 'this help' },
} as const satisfies Record<string, OptionDef>;

export type CommonName = keyof typeof COMMON;

/** Every form takes these: main handles them before and after the command runs. */
const ALWAYS: readonly CommonName[] = ['debug', 'help'];

/** One way to call a command: `scan [DIR]`, `purge plan [DIR]`. */
export interface CommandForm {
  /** The sub-command word (`plan`, `create`), for commands that have them. */
  sub?: string;
  /** Positionals as shown in the usage, after the command (and sub-command): `[DIR]`, `FILE...`. */
  args: string;
  /** The common options this form takes (debug and help always). */
  common: readonly CommonName[];
  /** Its own options. */
  options?: Readonly<Record<string, OptionDef>>;
  /** The values --format accepts, when the form takes --format. */
  formats?: readonly Format[];
  /** What a common option means here, when its general help would mislead. */
  commonHelp?: Partial<Record<CommonName, string>>;
}

export interface CommonOptions {
  format: Format;
  output?: string;
  config?: string;
  baseline?: string;
  showSecrets: boolean;
  color: boolean;
  quiet: boolean;
  strict: boolean;
  debug: boolean;
}

export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A usage error: exit code 2, message without a stack trace. */
export class UsageError extends Error {}

export interface Parsed {
  form: CommandForm;
  values: Values;
  /** Positionals after the sub-command word. */
  positionals: string[];
  common: CommonOptions;
}

/** The options a form takes, by name. */
export function optionsOf(form: CommandForm): Record<string, OptionDef> {
  const out: Record<string, OptionDef> = { ...form.options };
  for (const name of [...form.common, ...ALWAYS]) {
    const help = form.commonHelp?.[name];
    out[name] = help ? { ...COMMON[name], help } : COMMON[name];
  }
  return out;
}

/**
 * Parse argv for a command: an option no form of it knows is unknown (node's message), one that
 * another form or another command takes is "not an option of …"; both exit 2.
 */
export function parseForms(command: string, forms: readonly CommandForm[], argv: string[]): Parsed {
  // Parse with everything any form or command knows, so that the form can be chosen by its
  // positionals and a misplaced flag is named as such.
  const all: OptionSpec = {};
  for (const [key, def] of Object.entries({ ...COMMON, ...Object.assign({}, ...forms.map((f) => f.options ?? {})) } as Record<string, OptionDef>)) {
    all[key] = def.short ? { type: def.type, short: def.short } : { type: def.type };
  }
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: all, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  let form = forms[0]!;
  if (forms.some((f) => f.sub !== undefined)) {
    const found = forms.find((f) => f.sub === positionals[0]);
    if (!found) {
      const subs = forms.map((f) => `'${f.sub}'`).join(' or ');
      throw new UsageError(`${command} needs ${subs}${positionals[0] === undefined ? '' : ` (got '${positionals[0]}')`} (see --help)`);
    }
    form = found;
    positionals = positionals.slice(1);
  }
  const takes = optionsOf(form);
  const name = form.sub ? `${command} ${form.sub}` : command;
  for (const key of Object.keys(values)) {
    if (!(key in takes)) throw new UsageError(`--${key} is not an option of ${name} (see chezmoi-sops ${name} --help)`);
  }
  return { form, values, positionals, common: commonFrom(values, form.formats ?? ['text']) };
}

export function commonFrom(values: Values, allowed: readonly string[] = ['text', 'json', 'sarif']): CommonOptions {
  const format = String(values.format ?? 'text');
  if (!allowed.includes(format)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got '${format}')`);
  return {
    format: format as Format,
    output: values.output as string | undefined,
    config: values.config as string | undefined,
    baseline: values.baseline as string | undefined,
    showSecrets: Boolean(values['show-secrets']),
    color: !values['no-color'] && !process.env.NO_COLOR && !values.output && Boolean(process.stdout.isTTY),
    quiet: Boolean(values.quiet),
    strict: Boolean(values.strict),
    debug: Boolean(values.debug),
  };
}

/** `--format text|json` or `--output FILE` as the usage shows it. */
function optionSynopsis(name: string, def: OptionDef, form: CommandForm): string {
  if (def.type === 'boolean') return `--${name}`;
  const arg = name === 'format' ? (form.formats ?? ['text']).join('|') : def.arg ?? 'VALUE';
  return `--${name} ${arg}`;
}

const WIDTH = 100;

/** The usage text: one synopsis per form (wrapped), the description, then every option with its help. */
export function formatUsage(command: string, forms: readonly CommandForm[], description: string): string {
  const lines: string[] = [];
  forms.forEach((form, i) => {
    const head = `${i === 0 ? 'Usage:' : '      '} chezmoi-sops ${command}${form.sub ? ` ${form.sub}` : ''}${form.args ? ` ${form.args}` : ''}`;
    const indent = ' '.repeat(head.length + 1);
    let line = head;
    for (const [name, def] of Object.entries(optionsOf(form))) {
      if ((ALWAYS as readonly string[]).includes(name)) continue;
      const word = def.required ? optionSynopsis(name, def, form) : `[${optionSynopsis(name, def, form)}]`;
      if (line.length + 1 + word.length > WIDTH && line.trim() !== head.trim()) {
        lines.push(line);
        line = indent + word;
      } else line += ` ${word}`;
    }
    lines.push(line);
  });
  lines.push('', description.trim(), '', 'Options:');
  const seen = new Map<string, { left: string; help: string }>();
  for (const form of forms) {
    for (const [name, def] of Object.entries(optionsOf(form))) {
      if (seen.has(name)) continue;
      const left = `${def.short ? `-${def.short}, ` : ''}${optionSynopsis(name, def, form)}`;
      const where = forms.length > 1 && forms.some((f) => !(name in optionsOf(f))) ? ` (${forms.filter((f) => name in optionsOf(f)).map((f) => f.sub).join(', ')})` : '';
      seen.set(name, { left, help: def.help + where });
    }
  }
  const pad = Math.max(...[...seen.values()].map((o) => o.left.length)) + 2;
  for (const { left, help } of seen.values()) lines.push(`  ${left.padEnd(pad)}${help}`);
  return lines.join('\n');
}
