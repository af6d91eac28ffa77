// One reporter per output format of scan, scan --staged and history: ScanResult -> the text to
// write. Adding a format is one entry here (and its name in the commands' `formats`). Each
// reporter's module is imported only when its format is asked for.
import type { ScanResult } from '../model.js';

export interface ReportContext {
  showSecrets: boolean;
  color: boolean;
  /** Findings the baseline suppressed (the text report says how many). */
  suppressed: number;
  version: string;
}

export type Reporter = (result: ScanResult, ctx: ReportContext) => string;

export const REPORTERS = {
  text: async (): Promise<Reporter> => {
    const { toTextReport } = await import('./text.js');
    return (result, ctx) => toTextReport(result, { showSecrets: ctx.showSecrets, color: ctx.color, suppressed: ctx.suppressed });
  },
  json: async (): Promise<Reporter> => {
    const { toJsonReport } = await import('./json.js');
    return (result, ctx) => JSON.stringify(toJsonReport(result, { showSecrets: ctx.showSecrets, version: ctx.version }), null, 2) + '\n';
  },
  sarif: async (): Promise<Reporter> => {
    const { toSarif } = await import('./sarif.js');
    return (result, ctx) => JSON.stringify(toSarif(result, { showSecrets: ctx.showSecrets, toolVersion: ctx.version }), null, 2) + '\n';
  },
} as const satisfies Record<string, () => Promise<Reporter>>;

export type ReportFormat = keyof typeof REPORTERS;

/** The formats scan and history accept, in the order --help lists them. */
export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];
