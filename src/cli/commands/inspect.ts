import type { Command } from '../command.js';
import { commonFrom, parseCommandArgs, UsageError, type OptionSpec } from '../options.js';
import { writeFileAtomic } from '../../fsutil/atomic.js';

const options: OptionSpec = {
  left: { type: 'string' },
  right: { type: 'string' },
  'strict-funcs': { type: 'boolean', default: false },
};

const inspect: Command = {
  name: 'inspect',
  summary: 'parse templates; print delimiters, references, functions, includes, parse errors',
  usage: `Usage: chezmoi-sops inspect FILE... [--format text|json] [--output FILE] [--left L --right R] [--strict-funcs]

Parse chezmoi templates as Go's text/template does and print, per file, the delimiters, every
data reference (as written, and the data path it reads once with/range/$ scopes are resolved),
the functions called, the include/template names and any parse error (with its line).
chezmoi:template: directives in a file win over --left/--right. --strict-funcs fails on unknown
function names, as chezmoi does. Exit codes: 0 all files parsed, 2 a file failed or usage error.`,
  options,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, options);
    const common = commonFrom(values, ['text', 'json']);
    if (positionals.length === 0) throw new UsageError('inspect needs at least one FILE');
    const { inspectFile, formatInspectText } = await import('../../template/inspect.js');
    const results = [];
    for (const file of positionals) {
      results.push(
        await inspectFile(file, {
          left: values.left as string | undefined,
          right: values.right as string | undefined,
          strictFuncs: Boolean(values['strict-funcs']),
          showSecrets: common.showSecrets,
        }),
      );
    }
    const text = common.format === 'json' ? JSON.stringify(results, null, 2) + '\n' : formatInspectText(results);
    if (common.output) {
      await writeFileAtomic(common.output, text, { mode: 0o600 });
    } else if (!common.quiet || results.some((r) => !r.ok)) {
      process.stdout.write(text);
    }
    return results.every((r) => r.ok) ? 0 : 2;
  },
};

export default inspect;
