#!/usr/bin/env node
// `scan` of a tree of many small files through the CLI (the hardening case "100,000 small files";
// the test suite scans 20,000, see test/hardening/odd-files.test.ts). Run `npx tsc -p tsconfig.json` first.
//   node bench/many-files.mjs [--files 100000] [--runs 3]
// Prints the time to create the tree and the best/median scan time; checks the one planted secret is found.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const nFiles = opt('--files', 100_000);
const runs = opt('--runs', 3);
const bin = new URL('../bin/chezmoi-sops', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'bench-many-'));
try {
  const t0 = performance.now();
  const perDir = 1000;
  for (let d = 0; d * perDir < nFiles; d++) {
    mkdirSync(join(dir, `dot_d${d}`));
    for (let i = 0; i < perDir && d * perDir + i < nFiles; i++) writeFileSync(join(dir, `dot_d${d}`, `f${i}.conf`), `name = file ${i}\ncolor = blue\n`);
  }
  writeFileSync(join(dir, 'dot_d0', 'f1.conf'), 'password = "needleSecr3tValue!9"\n');
  const created = performance.now() - t0;

  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const out = spawnSync(bin, ['scan', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } });
    times.push(performance.now() - t);
    const findings = JSON.parse(out.stdout).findings;
    if (out.status !== 1 || findings.length !== 1) throw new Error(`expected the one planted secret (exit ${out.status}, ${findings.length} findings)`);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ files: nFiles, createMs: Math.round(created), scanBestMs: Math.round(times[0]), scanMedianMs: Math.round(times[Math.floor(times.length / 2)]), runs }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
