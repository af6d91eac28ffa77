import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../model.js';
import { exitCodeFor } from '../report/exit-code.js';
import type { CommonOptions } from './options.js';
import { version } from './version.js';
import { applyBaseline, DEFAULT_BASELINE_FILE, loadBaseline } from '../gates/baseline.js';
import { writeFileAtomic } from '../fsutil/atomic.js';

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
    ({ result, suppressed } = applyBaseline(result, await loadBaseline(baselineFile)));
  }
  let text: string;
  if (common.format === 'json') {
    const { toJsonReport } = await import('../report/json.js');
    text = JSON.stringify(toJsonReport(result, { showSecrets: common.showSecrets, version: version() }), null, 2) + '\n';
  } else if (common.format === 'sarif') {
    const { toSarif } = await import('../report/sarif.js');
    text = JSON.stringify(toSarif(result, { showSecrets: common.showSecrets, toolVersion: version() }), null, 2) + '\n';
  } else {
    const { toTextReport } = await import('../report/text.js');
    text = common.quiet && exitCodeFor(result, common.strict) === 0 ? '' : toTextReport(result, { showSecrets: common.showSecrets, color: common.color, suppressed });
  }
  if (common.output) await writeFileAtomic(common.output, text, { mode: 0o600 });
  else process.stdout.write(text);
  return exitCodeFor(result, common.strict);
}
