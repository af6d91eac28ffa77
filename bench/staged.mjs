#!/usr/bin/env node
// Pre-commit speed: `chezmoi-sops scan --staged` against `gitleaks protect --staged` on the same
// 3,000-file chezmoi-like repository with 5 staged files, in the same run, interleaved.
// Target (issue 6): median wall of chezmoi-sops <= 1.5 x gitleaks.
//
// usage: node bench/staged.mjs [--runs N] [--files N] [--keep]
//   needs dist/ (npm run build) and gitleaks (bench/get-gitleaks.sh fetches it into bench/.cache).
// Prints a table and writes bench/out/staged.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const checkout = resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : dflt; };
const RUNS = opt('runs', 15);
const FILES = opt('files', 3000);
const KEEP = args.includes('--keep');

const gitleaks = execFileSync('bash', [join(here, 'get-gitleaks.sh')], { encoding: 'utf8' }).trim().split('\n').pop();

// Deterministic content: the same repo every run.
let seed = 0x57a6ed;
const rand = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];
const words = ['alpha', 'bravo', 'theme', 'font', 'size', 'color', 'editor', 'shell', 'path', 'cache', 'enable', 'timeout', 'layout', 'border', 'gap', 'opacity', 'monitor', 'workspace', 'keybind', 'plugin'];
const apps = ['nvim', 'kitty', 'alacritty', 'hypr', 'waybar', 'mako', 'git', 'zsh', 'tmux', 'starship', 'btop', 'mpv', 'beets', 'rofi', 'foot', 'fish', 'helix', 'yazi', 'zathura', 'gtk-3.0'];
const dataKeys = Array.from({ length: 60 }, (_, i) => [`${pick(words)}_${i}`, `${pick(words)}-${int(1000)}`]);

function plainFile(lines) {
  return Array.from({ length: lines }, () => `${pick(words)}_${pick(words)} = ${pick(words)} ${int(10000)}`).join('\n') + '\n';
}
function templateFile(lines) {
  return Array.from({ length: lines }, (_, i) => (i % 4 === 0 ? `${pick(words)} = {{ .${pick(dataKeys)[0]} }}` : i % 9 === 0 ? `{{ if eq .chezmoi.os "linux" }}${pick(words)} = on{{ end }}` : `${pick(words)} = ${int(100)}`)).join('\n') + '\n';
}

function git(repo, ...a) {
  return execFileSync('git', a, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.invalid', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.invalid' } });
}

function buildRepo() {
  const repo = mkdtempSync(join(tmpdir(), 'chezmoi-sops-bench-staged-'));
  const write = (p, c) => { mkdirSync(dirname(join(repo, p)), { recursive: true }); writeFileSync(join(repo, p), c); };
  write('.chezmoidata.yaml', dataKeys.map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
  write('.chezmoidata/desktop.toml', '[desktop]\nname = "hyprland"\ngaps = 4\n');
  write('.chezmoiignore', 'README.md\n{{ if ne .chezmoi.os "darwin" }}Library{{ end }}\n');
  let n = 3;
  for (let i = 0; n < FILES; i++, n++) {
    const app = apps[i % apps.length];
    const dir = `dot_config/${app}/${i % 7 === 0 ? `sub${i % 13}/` : ''}`;
    if (i % 5 === 0) write(`${dir}conf_${i}.tmpl`, templateFile(20 + int(40)));
    else write(`${dir}file_${i}.conf`, plainFile(20 + int(60)));
  }
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'dotfiles');
  // Stage 5 files: two edits of plain files, one of a template, two new files. No secret.
  write('dot_config/kitty/file_1.conf', plainFile(40));
  write('dot_config/alacritty/file_2.conf', plainFile(40));
  write('dot_config/git/conf_5.tmpl', templateFile(30));
  write('dot_config/new-app/config.toml', plainFile(30));
  write('dot_config/new-app/theme.conf.tmpl', templateFile(30));
  git(repo, 'add', 'dot_config/kitty/file_1.conf', 'dot_config/alacritty/file_2.conf', 'dot_config/git/conf_5.tmpl', 'dot_config/new-app');
  return repo;
}

// CPU time (user + sys) of the child, through GNU time when present: on a loaded machine wall
// time swings with the neighbours, CPU time much less.
const gnuTime = ['/usr/bin/time'].find((p) => spawnSync(p, ['-f', '%U', 'true']).status === 0);
function time(cmd, argv, cwd) {
  const full = gnuTime ? [gnuTime, ['-f', 'CPU %U %S', cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN, status: r.status, stderr: (r.stderr ?? '').replace(/CPU [\d.]+ [\d.]+\s*$/, '') };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const repo = buildRepo();
const tools = {
  'chezmoi-sops scan --staged': [process.execPath, [join(checkout, 'bin', 'chezmoi-sops'), 'scan', '--staged', '.', '--quiet']],
  'gitleaks protect --staged': [gitleaks, ['protect', '--staged', '--source', '.', '--no-banner', '--redact', '--log-level', 'error']],
  // The floor for any Node CLI on this machine right now: start node, do nothing.
  'node -e 0 (floor)': [process.execPath, ['-e', '0']],
};
const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
const cpuSamples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
try {
  for (const [name, [cmd, argv]] of Object.entries(tools)) {
    const warm = time(cmd, argv, repo); // warm the page cache and check it runs clean
    if (warm.status !== 0) throw new Error(`${name} exited ${warm.status} on the clean staged set: ${warm.stderr.slice(0, 500)}`);
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [name, [cmd, argv]] of Object.entries(tools)) {
      const t = time(cmd, argv, repo);
      samples[name].push(t.ms);
      cpuSamples[name].push(t.cpuMs);
    }
  }
} finally {
  if (!KEEP) rmSync(repo, { recursive: true, force: true });
  else process.stderr.write(`repo kept: ${repo}\n`);
}

const rows = Object.entries(samples).map(([name, xs]) => ({ name, median: median(xs), min: Math.min(...xs), max: Math.max(...xs), cpuMedian: median(cpuSamples[name]) }));
const ratio = rows[0].median / rows[1].median;
const floorRatio = rows[2].median / rows[1].median;
process.stdout.write(`staged scan, ${FILES} files, 5 staged, ${RUNS} runs each (interleaved)\n`);
for (const r of rows) process.stdout.write(`  ${r.name.padEnd(30)} wall median ${r.median.toFixed(0).padStart(5)} ms  (min ${r.min.toFixed(0).padStart(5)}, max ${r.max.toFixed(0).padStart(5)})   cpu median ${Number.isNaN(r.cpuMedian) ? '  n/a' : r.cpuMedian.toFixed(0).padStart(5)} ms\n`);
process.stdout.write(`  ratio chezmoi-sops / gitleaks (median wall): ${ratio.toFixed(2)} (target <= 1.50) ${ratio <= 1.5 ? 'OK' : 'OVER'}\n`);
process.stdout.write(`  ratio bare node start / gitleaks:            ${floorRatio.toFixed(2)} (no Node CLI can go below this)\n`);
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'staged.json'), JSON.stringify({ files: FILES, staged: 5, runs: RUNS, rows, ratio, floorRatio, samples, cpuSamples }, null, 2) + '\n');
