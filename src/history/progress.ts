import type { HistoryProgress } from './types.js';

/** Nothing is drawn for a run shorter than this: a quick run stays quiet. */
const QUIET_MS = 1000;

/**
 * A one-line progress bar for a terminal (the caller decides whether stderr is one): objects read of
 * those found so far, objects and MB per second, findings, and once the walk of the log is over (the
 * total is known) the time left; then the tree analysis, tree by tree.
 */
export function progressBar(stream: NodeJS.WriteStream): { update: (p: HistoryProgress) => void; done: () => void } {
  const started = performance.now();
  let treesStarted = 0;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - started < QUIET_MS || now - lastDraw < 100) return; // redraw at most 10 times a second
      lastDraw = now;
      stream.write(`\r\x1b[K${progressLine(p, (now - started) / 1000, p.trees ? (now - (treesStarted ||= now)) / 1000 : 0)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

/** The text of the bar after `seconds` (and `treeSeconds` into the tree analysis). */
export function progressLine(p: HistoryProgress, seconds: number, treeSeconds = 0): string {
  if (p.trees && p.trees.total > 0) {
    const { done, total } = p.trees;
    const left = done > 0 ? ((total - done) * treeSeconds) / done : NaN;
    return `history: data and templates, tree ${done} of ${total}${timeLeft(left)}`;
  }
  const elapsed = Math.max(seconds, 0.001);
  const mb = p.bytes / 1048576;
  const perSecond = p.objects / elapsed;
  const left = p.listed && perSecond > 0 ? (p.queued - p.objects) / perSecond : NaN;
  const of = p.queued > p.objects ? ` of ${p.queued}${p.listed ? '' : '+'}` : '';
  return `history: ${p.objects}${of} objects, ${mb.toFixed(1)} MB (${perSecond.toFixed(0)} objects/s, ${(mb / elapsed).toFixed(1)} MB/s), ${p.findings} findings${timeLeft(left)}`;
}

function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  return seconds < 60 ? `, about ${Math.max(1, Math.round(seconds))} s left` : `, about ${Math.round(seconds / 60)} min left`;
}
