#!/usr/bin/env node
// Recall and precision of `scan` on the forms and look-alikes set (test/classify/forms/), and the
// share of listed data variables in the expected class. Runs against dist/ (DIST overrides), so
// the same command measures any build: DIST=/other/checkout/dist node bench/forms.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.env.DIST ?? new URL('../dist', import.meta.url).pathname);
const { scanSource } = await import(pathToFileURL(resolve(dist, 'src/scan/index.js')).href);
const forms = new URL('../test/classify/forms', import.meta.url).pathname;
let tp = 0, fn = 0, fp = 0, vOk = 0, vAll = 0;
const misses = [];
for (const name of readdirSync(forms).filter((n) => !n.includes('.')).sort()) {
  const want = JSON.parse(readFileSync(join(forms, name, 'expect.json'), 'utf8'));
  const r = await scanSource(join(forms, name, 'src'));
  const used = new Set();
  for (const w of want.findings) {
    const i = r.findings.findIndex((f, j) => !used.has(j) && f.file === w.file && f.line === w.line && (w.value !== undefined ? f.value === w.value : w.contains.every((s) => f.value.includes(s))));
    if (i >= 0) { tp++; used.add(i); } else { fn++; misses.push(`missed ${name}: ${w.file}:${w.line}`); }
  }
  r.findings.forEach((f, j) => { if (!used.has(j)) { fp++; misses.push(`false alarm ${name}: ${f.file}:${f.line} ${f.rule}`); } });
  for (const [path, cls] of Object.entries(want.variables ?? {})) {
    vAll++;
    const got = r.variables.find((v) => v.path.join('.') === path)?.class;
    if (got === cls) vOk++; else misses.push(`class ${name}: ${path} ${got} (want ${cls})`);
  }
}
const pct = (a, b) => `${((a / Math.max(1, b)) * 100).toFixed(1)}%`;
console.log(`findings: recall ${pct(tp, tp + fn)} precision ${pct(tp, tp + fp)} (tp ${tp}, fn ${fn}, fp ${fp}); variables in the right class ${pct(vOk, vAll)} (${vOk}/${vAll})`);
for (const m of misses) console.log('  ' + m);
