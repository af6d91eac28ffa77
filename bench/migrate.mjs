#!/usr/bin/env node
// `migrate` (dry run, JSON report with the values) of two builds, in paired interleaved runs (A B,
// B A, …), on the demo and on a generated source of many templates (bench/scan.mjs's layout).
// Prints each build's median wall time per repo, and checks that both builds print the same bytes.
//   node bench/migrate.mjs BIN_A [BIN_B] [--files 2000] [--runs 7]
// BIN_B defaults to this checkout's bin/chezmoi-sops; BIN_A is e.g. a copy of another build's
// bin/ and dist/ (the launcher loads ../dist next to itself).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './quality-generator.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const bins = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (bins.length < 1) throw new Error('usage: node bench/migrate.mjs BIN_A [BIN_B] [--files N] [--runs N]');
const builds = [resolve(bins[0]), resolve(bins[1] ?? join(here, '..', 'bin', 'chezmoi-sops'))];
const FILES = opt('files', 2000);
const RUNS = opt('runs', 7);

const work = mkdtempSync(join(tmpdir(), 'chezmoi-sops-bench-migrate-'));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
try {
  const demo = execFileSync(join(here, '..', 'fixtures', 'demo', 'make-repo.sh'), [join(work, 'demo')], { encoding: 'utf8' }).trim();
  const gen = join(work, 'gen');
  const put = (rel, text) => { mkdirSync(dirname(join(gen, rel)), { recursive: true }); writeFileSync(join(gen, rel), text); };
  let written = 0;
  for (let seed = 1; written < FILES; seed++) {
    for (const f of generateRepo(seed, { secrets: 2, decoys: 4 }).files) {
      if (written >= FILES) break;
      if (/\.chezmoidata/.test(f.file) && seed > 1) continue;
      put(/\.chezmoidata/.test(f.file) ? f.file : `dot_config/app${seed % 40}/s${seed}/${f.file.replace(/^dot_config\//, '')}`, f.text);
      written++;
    }
    for (let i = 0; i < 4 && written < FILES; i++, written++) {
      put(`dot_config/app${seed % 40}/s${seed}/plain_${i}.conf`, Array.from({ length: 40 }, (_, k) => `option_${k} = value ${seed * k}`).join('\n') + '\n');
    }
  }
  for (const [name, dir] of [['demo', demo], [`generated (${FILES} files)`, gen]]) {
    const times = [[], []];
    const outs = [null, null];
    for (let r = 0; r <= RUNS; r++) {
      for (const b of r % 2 ? [1, 0] : [0, 1]) {
        const t0 = process.hrtime.bigint();
        const p = spawnSync(process.execPath, [builds[b], 'migrate', dir, '--sops-file', join(work, 'secrets.yaml'), '--include-review', '--format', 'json', '--show-secrets'], { encoding: 'utf8', maxBuffer: 1 << 28 });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (p.status !== 0 && p.status !== 1) throw new Error(`${builds[b]} migrate exited ${p.status}: ${p.stderr.slice(0, 400)}`);
        outs[b] = p.stdout;
        if (r > 0) times[b].push(ms); // the first pair warms the page cache
      }
    }
    const [a, b] = times.map(median);
    console.log(`${name}: A ${a.toFixed(0)} ms, B ${b.toFixed(0)} ms (B/A ${(b / a).toFixed(3)}), ${RUNS} pairs; reports ${outs[0] === outs[1] ? 'identical' : 'DIFFER'}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
