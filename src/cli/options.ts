import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts (INTERFACE.md "Common options"). */
export const commonOptions: OptionSpec = {
  format: { type: 'string', default: 'text' },
  output: { type: 'string' },
  config: { type: 'string' },
  baseline: { type: 'string' },
  'show-secrets': { type: 'boolean', default: false },
  'no-color': { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

export interface CommonOptions {
  format: 'text' | 'json' | 'sarif';
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

export function parseCommandArgs(argv: string[], extra: OptionSpec): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...commonOptions, ...extra }, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function commonFrom(values: Values, allowed: readonly string[] = ['text', 'json', 'sarif']): CommonOptions {
  const format = String(values.format ?? 'text');
  if (!allowed.includes(format)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got '${format}')`);
  return {
    format: format as CommonOptions['format'],
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
