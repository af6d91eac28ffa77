#!/usr/bin/env node
// Which real credentials (bench/real/labels.json) each tool reports, before and after: per label,
// the severity `scan` and `history` give it in two saved runs of measure.mjs (bench/out/real-<tag>/).
// Prints hashes and prefixes only.   node bench/real/compare.mjs [BEFORE_TAG] [AFTER_TAG]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../../bench/out');
const [before = 'before', after = 'after'] = process.argv.slice(2);
const labels = JSON.parse(readFileSync(join(here, 'labels.json'), 'utf8'));
const load = (tag, repo) => {
  const f = join(out, `real-${tag}`, `${repo.replace('/', '+')}.json`);
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null;
};
const sev = (res, tool, l) => {
  const hs = new Set([l.sha256, ...(l.aliases ?? [])]);
  const fs = (res?.[tool]?.findings ?? []).filter((f) => hs.has(f.sha256));
  return fs.some((f) => f.severity === 'error') ? 'error' : fs.length ? 'warning' : '-';
};
let lost = 0;
console.log('repo | label | prefix | scan before→after | history before→after | gitleaks (dir/git)');
for (const l of labels.real) {
  const b = load(before, l.repo), a = load(after, l.repo);
  const cells = ['scan', 'history'].map((t) => `${sev(b, t, l)}→${sev(a, t, l)}`);
  const gl = `${sev(b, 'gitleaksDir', l)}/${sev(b, 'gitleaksGit', l)}`;
  const foundBefore = ['scan', 'history', 'gitleaksDir', 'gitleaksGit'].some((t) => sev(b, t, l) !== '-');
  const foundAfter = ['scan', 'history'].some((t) => sev(a, t, l) !== '-');
  const mark = foundBefore && !foundAfter ? '  LOST' : '';
  if (mark) lost++;
  console.log(`${l.repo} | ${l.what} | ${l.prefix}… ${l.sha256.slice(0, 8)} | ${cells.join(' | ')} | ${gl}${mark}`);
}
console.log(`real credentials found before (by us or gitleaks) and not reported after: ${lost}`);
