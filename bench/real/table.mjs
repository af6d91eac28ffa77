#!/usr/bin/env node
// Per-repo precision table of two saved runs of measure.mjs, the held-out repositories (the last 8
// of repos.json) apart: cells are findings/real/false/missed (unjudged, if any, as +N?).
//   node bench/real/table.mjs BEFORE_TAG AFTER_TAG
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../../bench/out');
const [before = 'before', after = 'after'] = process.argv.slice(2);
const labels = JSON.parse(readFileSync(join(here, 'labels.json'), 'utf8'));
const repos = JSON.parse(readFileSync(join(here, 'repos.json'), 'utf8')).repos;
const heldOut = new Set(repos.slice(-8).map((r) => r.repo));
const load = (tag, repo) => {
  const f = join(out, `real-${tag}`, `${repo.replace('/', '+')}.json`);
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null;
};
function verdict(repo, h) {
  const r = labels.real.find((l) => l.repo === repo && (l.sha256 === h || (l.aliases ?? []).includes(h)));
  if (r) return { v: 'real', id: r.sha256 };
  return labels.false.some((l) => (l.repo === repo || l.repo === '*') && l.sha256 === h) ? { v: 'false' } : { v: '?' };
}
function count(repo, findings, headOnly) {
  const ids = new Set(labels.real.filter((l) => l.repo === repo && (!headOnly || l.atHead)).map((l) => l.sha256));
  const js = findings.map((f) => verdict(repo, f.sha256));
  const found = new Set(js.filter((j) => j.v === 'real').map((j) => j.id));
  return { n: js.length, real: js.filter((j) => j.v === 'real').length, false: js.filter((j) => j.v === 'false').length, unj: js.filter((j) => j.v === '?').length, missed: [...ids].filter((i) => !found.has(i)).length };
}
const cell = (c) => `${c.n}/${c.real}/${c.false}/${c.missed}${c.unj ? ` +${c.unj}?` : ''}`;
const add = (a, c) => { for (const k of Object.keys(c)) a[k] = (a[k] ?? 0) + c[k]; };
const prec = (c) => (c.real + c.false ? `${((100 * c.real) / (c.real + c.false)).toFixed(1)}%` : '-');
for (const group of [['tuned on', (r) => !heldOut.has(r)], ['held out', (r) => heldOut.has(r)]]) {
  console.log(`\n### ${group[0]} (cells: findings/real/false/missed)\n`);
  console.log(`| repo | scan all ${before} | scan all ${after} | scan gate ${before} | scan gate ${after} | history all ${before} | history all ${after} | history gate ${before} | history gate ${after} |`);
  console.log('|---|---|---|---|---|---|---|---|---|');
  const tot = {};
  for (const { repo } of repos.filter((r) => group[1](r.repo))) {
    const row = [repo];
    for (const tool of ['scan', 'history']) for (const gate of [false, true]) for (const tag of [before, after]) {
      const res = load(tag, repo);
      const fs = (res?.[tool]?.findings ?? []).filter((f) => !gate || f.severity === 'error');
      const c = count(repo, fs, tool === 'scan');
      add((tot[`${tool}${gate}${tag}`] ??= {}), c);
      row.push(res ? cell(c) : 'n/a');
    }
    console.log(`| ${row.join(' | ')} |`);
  }
  const row = ['TOTAL'];
  for (const tool of ['scan', 'history']) for (const gate of [false, true]) for (const tag of [before, after]) row.push(cell(tot[`${tool}${gate}${tag}`]) + (gate ? ` (${prec(tot[`${tool}${gate}${tag}`])})` : ''));
  console.log(`| ${row.join(' | ')} |`);
}
