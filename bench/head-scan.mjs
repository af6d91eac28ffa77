#!/usr/bin/env node
// `chezmoi-sops scan` of a repository's HEAD tree against `gitleaks detect --no-git` on the same
// checked-out files, in the same run, interleaved. Target (issue 15): median wall of chezmoi-sops
// <= 0.3 x gitleaks.
//
// usage: node bench/head-scan.mjs [REPO] [--runs N] [--keep]
//   REPO: a git repository (default: bench/out/history-data-repo, made by bench/gen-history-repo.mjs);
//   its HEAD is checked out (git archive) into a temporary directory, which both tools scan.
//   needs dist/ (npm run build) and gitleaks (bench/get-gitleaks.sh fetches it into bench/.cache).
// Prints a table and writes bench/out/head-scan.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const checkout = resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : dflt; };
const RUNS = opt('runs', 5);
const KEEP = args.includes('--keep');
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--runs'));
const source = resolve(positional[0] ?? join(here, 'out', 'history-data-repo'));
if (!existsSync(source)) throw new Error(`no repository at ${source} (make one with bench/gen-history-repo.mjs, or pass REPO)`);

const gitleaks = execFileSync('bash', [join(here, 'get-gitleaks.sh')], { encoding: 'utf8' }).trim().split('\n').pop();

const tree = mkdtempSync(join(tmpdir(), 'chezmoi-sops-bench-head-'));
execFileSync('sh', ['-c', 'git -C "$1" archive HEAD | tar -x -C "$2"', 'sh', source, tree]);

// CPU time (user + sys) of the child through GNU time when present (less swayed by neighbours).
const gnuTime = ['/usr/bin/time'].find((p) => spawnSync(p, ['-f', '%U', 'true']).status === 0);
function time(cmd, argv, cwd) {
  const full = gnuTime ? [gnuTime, ['-f', 'CPU %U %S', cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN, status: r.status, stderr: (r.stderr ?? '').replace(/CPU [\d.]+ [\d.]+\s*$/, '') };
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// Both report what they find and exit 1 when they find something: 0 and 1 are runs, not failures.
const tools = {
  'chezmoi-sops scan': [process.execPath, [join(checkout, 'bin', 'chezmoi-sops'), 'scan', '.', '--quiet']],
  'gitleaks detect --no-git': [gitleaks, ['detect', '--no-git', '--source', '.', '--no-banner', '--redact', '--log-level', 'error']],
};
const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
const cpuSamples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
try {
  for (const [name, [cmd, argv]] of Object.entries(tools)) {
    const warm = time(cmd, argv, tree); // the page cache, and a check that it runs
    if (warm.status !== 0 && warm.status !== 1) throw new Error(`${name} exited ${warm.status}: ${warm.stderr.slice(0, 500)}`);
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [name, [cmd, argv]] of Object.entries(tools)) {
      const t = time(cmd, argv, tree);
      samples[name].push(t.ms);
      cpuSamples[name].push(t.cpuMs);
    }
  }
} finally {
  if (!KEEP) rmSync(tree, { recursive: true, force: true });
  else process.stderr.write(`tree kept: ${tree}\n`);
}

const rows = Object.entries(samples).map(([name, xs]) => ({ name, median: median(xs), min: Math.min(...xs), max: Math.max(...xs), cpuMedian: median(cpuSamples[name]) }));
const ratio = rows[0].median / rows[1].median;
process.stdout.write(`HEAD tree of ${source}, ${RUNS} runs each (interleaved)\n`);
for (const r of rows) process.stdout.write(`  ${r.name.padEnd(26)} wall median ${r.median.toFixed(0).padStart(6)} ms  (min ${r.min.toFixed(0).padStart(6)}, max ${r.max.toFixed(0).padStart(6)})   cpu median ${Number.isNaN(r.cpuMedian) ? '  n/a' : r.cpuMedian.toFixed(0).padStart(6)} ms\n`);
process.stdout.write(`  ratio chezmoi-sops / gitleaks (median wall): ${ratio.toFixed(2)} (target <= 0.30) ${ratio <= 0.3 ? 'OK' : 'OVER'}\n`);
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'head-scan.json'), JSON.stringify({ source, runs: RUNS, rows, ratio, samples, cpuSamples }, null, 2) + '\n');
