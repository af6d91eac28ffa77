import { writeFile } from 'node:fs/promises';
import type { ScanResult } from '../model.js';
import { exitCodeFor } from '../report/exit-code.js';
import type { CommonOptions } from './options.js';
import { version } from './main.js';

/** Apply the baseline, format the result as asked, write it, and return the exit code. */
export async function emitReport(input: ScanResult, common: CommonOptions): Promise<number> {
  let result = input;
  let suppressed = 0;
  if (common.baseline) {
    const { loadBaseline, applyBaseline } = await import('../gates/baseline.js');
    ({ result, suppressed } = applyBaseline(result, await loadBaseline(common.baseline)));
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
  if (common.output) await writeFile(common.output, text, { mode: 0o600 });
  else process.stdout.write(text);
  return exitCodeFor(result, common.strict);
}
