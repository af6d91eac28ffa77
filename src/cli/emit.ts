import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../model.js';
import { exitCodeFor } from '../report/exit-code.js';
import { REPORTERS } from '../report/reporters.js';
import type { CommonOptions } from './options.js';
import { version } from './version.js';
import { applyBaseline, configurationChanges, DEFAULT_BASELINE_FILE, loadBaseline, type Baseline } from '../gates/baseline.js';
import { writeFileAtomic } from '../fsutil/atomic.js';
import { escapeForTerminal } from '../report/escape.js';

/** The one output writer: `--output FILE` (atomic, mode 0600) or standard output. */
export async function writeOutput(text: string, common: Pick<CommonOptions, 'output'>): Promise<void> {
  if (common.output) await writeFileAtomic(common.output, text, { mode: 0o600 });
  else process.stdout.write(text);
}

/** Apply the baseline, format the result as asked, write it, and return the exit code. */
export async function emitReport(input: ScanResult, common: CommonOptions): Promise<number> {
  let result = input;
  let suppressed = 0;
  // `--baseline FILE`, else the repository's own `.chezmoi-sops-baseline.json` when it has one
  // (so the pre-commit hook and CI honour what `baseline create` accepted, as gitleaks does with
  // its ignore file).
  const defaultBaseline = join(input.root, DEFAULT_BASELINE_FILE);
  const baselineFile = common.baseline ?? (input.root && existsSync(defaultBaseline) ? defaultBaseline : undefined);
  if (baselineFile) {
    const baseline = await loadBaseline(baselineFile);
    ({ result, suppressed } = applyBaseline(result, baseline));
    if (!common.quiet) noteConfigurationChanges(baseline, common.baseline ?? DEFAULT_BASELINE_FILE, input);
  }
  const exit = exitCodeFor(result, common.strict);
  const quiet = common.quiet && common.format === 'text' && exit === 0;
  // A quiet clean run (the pre-commit hook's usual one) does not load the reporter.
  const text = quiet ? '' : (await REPORTERS[common.format]())(result, { showSecrets: common.showSecrets, color: common.color, suppressed, version: version() });
  await writeOutput(text, common);
  return exit;
}

/** Say on stderr (the report stays as it is) which settings differ from those the baseline was made with. */
function noteConfigurationChanges(baseline: Baseline, shown: string, result: ScanResult): void {
  if (!baseline.configuration || !result.configuration) return;
  const changes = configurationChanges(baseline.configuration, result.configuration);
  if (changes.length === 0) return;
  process.stderr.write(
    `chezmoi-sops ${result.command}: note: the baseline ${escapeForTerminal(shown)} was made with another configuration: ${escapeForTerminal(changes.join('; '))}. ` +
      'What it accepted is still accepted; a finding only the new configuration makes is reported (accept it with `chezmoi-sops baseline create`).\n',
  );
}
