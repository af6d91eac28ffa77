import { defineCommand } from '../command.js';
import { UsageError } from '../options.js';
import { writeOutput } from '../emit.js';

export default defineCommand({
  name: 'inspect',
  summary: 'parse templates; print delimiters, references, functions, includes, parse errors',
  description: `Parse chezmoi templates as Go's text/template does and print, per file, the delimiters, every
data reference (as written, and the data path it reads once with/range/$ scopes are resolved),
the functions called, the include/template names and any parse error (with its line).
chezmoi:template: directives in a file win over --left/--right. --strict-funcs fails on unknown
function names, as chezmoi does. Exit codes: 0 all files parsed, 2 a file failed or usage error.`,
  forms: [
    {
      args: 'FILE...',
      options: {
        left: { type: 'string', arg: 'L', help: 'left delimiter (default {{)' },
        right: { type: 'string', arg: 'R', help: 'right delimiter (default }})' },
        'strict-funcs': { type: 'boolean', help: 'an unknown function name is an error, as in chezmoi' },
      },
      common: ['format', 'output', 'show-secrets', 'no-color', 'quiet'],
      formats: ['text', 'json'],
      commonHelp: { quiet: 'print nothing when every file parses', 'show-secrets': 'quote tokens of parse errors in full (default: redacted)' },
    },
  ],
  async run({ values, positionals, common }) {
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
    if (common.output || !common.quiet || results.some((r) => !r.ok)) await writeOutput(text, common);
    return results.every((r) => r.ok) ? 0 : 2;
  },
});
