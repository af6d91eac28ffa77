#!/usr/bin/env node
// Parse throughput of src/template (run `npm run build` first; uses dist/).
//   node bench/parse.mjs [CORPUS_DIR] [--mb 16]
// 1. "concatenated": every corpus template that parses on its own, uses the default delimiters
//    and defines no template, concatenated and repeated to about --mb MB, parsed as one text.
// 2. "concatenated once": the same concatenation (one copy) parsed many times; best and median.
// 3. "per file": every corpus template parsed separately, repeated until about --mb MB were read.
// 4. One long line; 5. the shapes that were once quadratic, at n and 4n.
// Reports MB/s (1 MB = 2^20 bytes of UTF-8 input). Target: >= 20 MB/s on one core.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import { parseTemplate } from '../dist/src/template/index.js';

const args = process.argv.slice(2);
const mbIdx = args.indexOf('--mb');
const targetMB = mbIdx >= 0 ? Number(args[mbIdx + 1]) : 16;
const corpus = args.find((a, i) => !a.startsWith('--') && (mbIdx < 0 || i !== mbIdx + 1)) ?? (process.env.CHEZMOI_SOPS_SHARED ? `${process.env.CHEZMOI_SOPS_SHARED}/corpus/real` : new URL('../../shared/corpus/real', import.meta.url).pathname);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) { if (name !== '.git') walk(p, out); } else if (st.isFile()) out.push(p);
  }
  return out;
}
const isTemplate = (p) => p.endsWith('.tmpl') || p.includes('/.chezmoitemplates/') || p.includes('/.chezmoiexternals/') ||
  ['.chezmoiignore', '.chezmoiremove'].includes(basename(p)) || basename(p).startsWith('.chezmoiexternal.');

const texts = walk(corpus).filter(isTemplate).map((p) => readFileSync(p, 'utf8'));
const bytes = (s) => Buffer.byteLength(s, 'utf8');
const MB = 1 << 20;

const concatenable = texts.filter((t) => {
  const r = parseTemplate(t);
  return r.ok && r.directives.length === 0 && Object.keys(r.defines).length === 0;
});
const unit = concatenable.join('\n');
const big = unit.repeat(Math.max(1, Math.round((targetMB * MB) / bytes(unit))));
const bigBytes = bytes(big);

// CPU time of this process (user + system): the machine may be shared, and wall time then
// measures the other processes as much as the parser.
function time(fn) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const v = fn();
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1e6, v, Number(process.hrtime.bigint() - t0) / 1e9];
}

parseTemplate(unit); // warm up
let best = Infinity;
let bestWall = Infinity;
let refs = 0;
for (let i = 0; i < 3; i++) {
  const [s, r, wall] = time(() => parseTemplate(big));
  if (!r.ok) throw new Error(`concatenated corpus failed to parse: ${r.error.message} at line ${r.error.line}`);
  refs = r.refs.length;
  best = Math.min(best, s);
  bestWall = Math.min(bestWall, wall);
}
console.log(`concatenated: ${(bigBytes / MB).toFixed(1)} MB (${concatenable.length} templates x ${Math.round(bigBytes / bytes(unit))}), ` +
  `${refs} refs, best of 3: ${best.toFixed(3)} s CPU = ${(bigBytes / MB / best).toFixed(1)} MB/s ` +
  `(wall ${(bigBytes / MB / bestWall).toFixed(1)} MB/s)`);

// 2. The concatenated corpus (one copy) parsed many times: the best and the median run. On a
// shared machine the best run is the closest to the parser's own speed.
const unitBytes = bytes(unit);
const runs = [];
for (let i = 0; i < Math.max(20, Math.round((targetMB * MB) / unitBytes)); i++) runs.push(time(() => parseTemplate(unit))[0]);
runs.sort((a, b) => a - b);
console.log(`concatenated once (${(unitBytes / 1024).toFixed(0)} KiB) x ${runs.length}: best ${(unitBytes / MB / runs[0]).toFixed(1)} MB/s, ` +
  `median ${(unitBytes / MB / runs[runs.length >> 1]).toFixed(1)} MB/s (CPU time)`);

const corpusBytes = texts.reduce((n, t) => n + bytes(t), 0);
const rounds = Math.max(1, Math.round((targetMB * MB) / corpusBytes));
const [s2, , w2] = time(() => { for (let i = 0; i < rounds; i++) for (const t of texts) parseTemplate(t); });
console.log(`per file: ${texts.length} templates (${(corpusBytes / 1024).toFixed(0)} KiB) x ${rounds}: ` +
  `${s2.toFixed(3)} s CPU = ${((corpusBytes * rounds) / MB / s2).toFixed(1)} MB/s (wall ${((corpusBytes * rounds) / MB / w2).toFixed(1)} MB/s)`);
console.log(`load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// 4. A pathological shape: 100 000 actions on one line (must stay linear).
const longLine = '{{ .a }} x '.repeat(100000);
const [s4] = time(() => parseTemplate(longLine));
console.log(`one long line (100k actions, ${(bytes(longLine) / MB).toFixed(1)} MB): ${s4.toFixed(3)} s CPU = ${(bytes(longLine) / MB / s4).toFixed(1)} MB/s`);

// 5. Shapes that were quadratic once: the CPU time at n and 4n must grow about 4 times, not 16
// (a major GC falling in one run or the other makes the factor vary some).
const shapes = [
  ['actions on one line', 50000, (n) => '{{ .a.b }} x '.repeat(n)],
  ['top-level variables', 10000, (n) => Array.from({ length: n }, (_, i) => `{{ $v${i} := .a }}{{ $.b }}\n`).join('')],
  ['defines, non-ASCII', 5000, (n) => Array.from({ length: n }, (_, i) => `é {{ define "d${(i * 7919) % n}" }}{{ .a }}{{ end }}\n`).join('')],
];
for (const [what, n, make] of shapes) {
  const [t1] = time(() => parseTemplate(make(n)));
  const [t2] = time(() => parseTemplate(make(4 * n)));
  console.log(`scaling, ${what}: ${n}: ${t1.toFixed(3)} s, ${4 * n}: ${t2.toFixed(3)} s CPU (x${(t2 / t1).toFixed(1)})`);
}
