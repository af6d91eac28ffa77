import type { HistoryProgress } from './types.js';

/** A one-line progress bar for a terminal (the caller decides whether stderr is one): objects, MB/s, findings. */
export function progressBar(stream: NodeJS.WriteStream): { update: (p: HistoryProgress) => void; done: () => void } {
  const started = performance.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - lastDraw < 100) return; // redraw at most 10 times a second
      lastDraw = now;
      const mb = p.bytes / 1048576;
      const rate = mb / Math.max((now - started) / 1000, 0.001);
      stream.write(`\r\x1b[Khistory: ${p.objects} objects, ${mb.toFixed(1)} MB (${rate.toFixed(1)} MB/s), ${p.findings} findings`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
