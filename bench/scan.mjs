#!/usr/bin/env node
// `chezmoi-sops scan` wall time on a generated 3,000-file chezmoi source tree (issue 3 target:
// under 1.5 s on this 2-core machine), measured as whole processes, median of N runs.
//   npx tsc -p tsconfig.json && node bench/scan.mjs [--files 3000] [--runs 5] [--keep]
// The tree: files from bench/quality-generator.mjs (templates with planted secrets and decoys in
// the syntaxes dotfiles use) repeated under many folders, plus plain config files. About one
// planted secret per file: far denser than a real repo, so a worst case for the detectors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './quality-generator.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '..', 'bin', 'chezmoi-sops');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const FILES = opt('files', 3000);
const RUNS = opt('runs', 5);

const dir = mkdtempSync(join(tmpdir(), 'chezmoi-sops-bench-scan-'));
const put = (rel, text) => { mkdirSync(dirname(join(dir, rel)), { recursive: true }); writeFileSync(join(dir, rel), text); };
let written = 0;
let planted = 0;
for (let seed = 1; written < FILES; seed++) {
  const repo = generateRepo(seed, { secrets: 2, decoys: 4 });
  for (const f of repo.files) {
    if (written >= FILES) break;
    // Data files keep their names only in the first copy (one merged data tree, as in real repos).
    if (/\.chezmoidata/.test(f.file) && seed > 1) continue;
    put(/\.chezmoidata/.test(f.file) ? f.file : `dot_config/app${seed % 40}/s${seed}/${f.file.replace(/^dot_config\//, '')}`, f.text);
    planted += f.planted.length;
    written++;
  }
  for (let i = 0; i < 4 && written < FILES; i++, written++) {
    put(`dot_config/app${seed % 40}/s${seed}/plain_${i}.conf`, Array.from({ length: 40 }, (_, k) => `option_${k} = value ${seed * k}`).join('\n') + '\n');
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const times = [];
let findings = 0;
try {
  for (let r = 0; r < RUNS + 1; r++) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, [bin, 'scan', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (p.status !== 0 && p.status !== 1) throw new Error(`scan exited ${p.status}: ${p.stderr.slice(0, 400)}`);
    findings = JSON.parse(p.stdout).findings.length;
    if (r > 0) times.push(ms); // the first run warms the page cache
  }
} finally {
  if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
const m = median(times);
console.log(`scan of a ${written}-file source tree (${planted} planted literal secrets), ${RUNS} runs: median ${m.toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ${findings} findings; target < 1500 ms: ${m < 1500 ? 'OK' : 'OVER'}`);
