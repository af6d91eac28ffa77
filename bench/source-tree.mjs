#!/usr/bin/env node
// Walk + read speed of src/source (readSourceTree) and src/data (loadTemplateData) on a generated
// 3,000-file chezmoi source tree (run `npx tsc -p tsconfig.json` first; uses dist/).
//   node bench/source-tree.mjs [--files 3000] [--runs 7]
// Target: readSourceTree well under 200 ms for 3,000 files on this 2-core machine.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { readSourceTree } from '../dist/src/source/index.js';
import { loadTemplateData } from '../dist/src/data/index.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const nFiles = opt('--files', 3000);
const runs = opt('--runs', 7);

const dir = mkdtempSync(join(tmpdir(), 'bench-source-'));
const put = (rel, text) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
const tops = ['dot_config', 'private_dot_ssh', 'dot_local/bin', 'exact_dot_vim/pack', 'dot_oh-my-zsh/custom', '.chezmoiscripts', '.chezmoitemplates'];
put('.chezmoidata.yaml', Array.from({ length: 200 }, (_, i) => `key${i}:\n  name: value-${i}\n  list: [a, b, c]\n`).join(''));
put('.chezmoidata/packages.toml', Array.from({ length: 100 }, (_, i) => `[pkg${i}]\nversion = "1.${i}"\n`).join(''));
put('.chezmoi.toml.tmpl', '{{ $e := promptStringOnce . "email" "E" }}\n[data]\n  email = {{ $e | quote }}\n  name = "x"\n');
for (let i = 0; i < nFiles - 3; i++) {
  const top = tops[i % tops.length];
  const sub = `d${Math.floor(i / 50) % 12}/s${i % 7}`;
  const name = top === '.chezmoiscripts' ? `run_once_${i}.sh.tmpl` : i % 3 === 0 ? `dot_file${i}.tmpl` : `private_file${i}.conf`;
  const body = `# file ${i}\n` + 'setting = "{{ .key1.name }}" # some config text here\n'.repeat(20 + (i % 40));
  put(`${top}/${sub}/${name}`, body);
}

const times = [];
let tree;
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  tree = await readSourceTree(dir);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const t1 = process.hrtime.bigint();
const data = loadTemplateData(tree.files);
const dataMs = Number(process.hrtime.bigint() - t1) / 1e6;
rmSync(dir, { recursive: true, force: true });

const sorted = [...times].sort((a, b) => a - b);
const bytes = tree.files.reduce((n, f) => n + f.size, 0);
console.log(JSON.stringify({
  files: tree.files.length,
  megabytes: +(bytes / 2 ** 20).toFixed(2),
  readSourceTreeMs: { first: +times[0].toFixed(1), median: +sorted[Math.floor(runs / 2)].toFixed(1), min: +sorted[0].toFixed(1) },
  loadTemplateDataMs: +dataMs.toFixed(1),
  leaves: data.leaves.length,
  errors: tree.errors.length + data.errors.length,
}, null, 2));
