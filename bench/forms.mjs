#!/usr/bin/env node
// Recall and precision of `scan` on the forms and look-alikes set (test/classify/forms/), and the
// share of listed data variables in the expected class. Runs against dist/ (DIST overrides), so
// the same command measures any build: DIST=/other/checkout/dist node bench/forms.mjs
// `--history`: each fixture committed to a fresh git repository and judged by `history` through the
// build's own CLI (dist/../bin/chezmoi-sops), so an older build is measured the same way.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.env.DIST ?? new URL('../dist', import.meta.url).pathname);
const { scanSource } = await import(pathToFileURL(resolve(dist, 'src/scan/index.js')).href);
const history = process.argv.includes('--history');
const bin = resolve(dist, '..', 'bin', 'chezmoi-sops');
const GIT = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false'];

async function judge(dir) {
  if (!history) return scanSource(dir);
  const repo = mkdtempSync(join(tmpdir(), 'cs-forms-'));
  try {
    cpSync(dir, repo, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', [...GIT, 'add', '-A'], { cwd: repo });
    execFileSync('git', [...GIT, 'commit', '-qm', 'fixture'], { cwd: repo });
    const r = spawnSync(bin, ['history', repo, '--format', 'json', '--show-secrets'], { encoding: 'utf8' });
    if (r.status === 2) throw new Error(r.stderr);
    const report = JSON.parse(r.stdout);
    // The JSON report names the value `secret`; scanSource's findings name it `value`.
    return { ...report, findings: report.findings.map((f) => ({ ...f, value: f.secret })) };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
const forms = new URL('../test/classify/forms', import.meta.url).pathname;
let tp = 0, fn = 0, fp = 0, vOk = 0, vAll = 0;
const misses = [];
for (const name of readdirSync(forms).filter((n) => !n.includes('.')).sort()) {
  const want = JSON.parse(readFileSync(join(forms, name, 'expect.json'), 'utf8'));
  const r = await judge(join(forms, name, 'src'));
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
console.log(`${history ? 'history' : 'scan'} findings: recall ${pct(tp, tp + fn)} precision ${pct(tp, tp + fp)} (tp ${tp}, fn ${fn}, fp ${fp}); variables in the right class ${pct(vOk, vAll)} (${vOk}/${vAll})`);
for (const m of misses) console.log('  ' + m);
