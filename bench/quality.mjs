#!/usr/bin/env node
// Precision and recall of the classifier on generated repos (bench/quality-generator.mjs).
// Usage: node bench/quality.mjs [REPOS=200] [SEED=1000]   (needs a build: npm run build; DIST overrides dist/)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measure } from './quality-measure.mjs';

const dist = resolve(process.env.DIST ?? new URL('../dist', import.meta.url).pathname);
const api = await import(pathToFileURL(resolve(dist, 'src/classify/index.js')).href);
const { cloneDefaultConfig } = await import(pathToFileURL(resolve(dist, 'src/config/index.js')).href);
// The rule registry (rules/index.ts), handed to the classifier; a build from before it had none and ignores `rules`.
const { builtinRules } = await import(pathToFileURL(resolve(dist, 'rules/index.js')).href).catch(() => ({}));

const repos = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 1000);
const t0 = performance.now();
const r = await measure(api, cloneDefaultConfig(), { repos, seed, rules: builtinRules });
const ms = performance.now() - t0;
const fmt = (s) => `precision ${(s.precision * 100).toFixed(2)}%  recall ${(s.recall * 100).toFixed(2)}%  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}${s.tn !== undefined ? `, tn ${s.tn}` : ''})`;
console.log(`${repos} generated repos, seed ${seed}, ${ms.toFixed(0)} ms`);
console.log(`variables: ${fmt(r.variables)}`);
console.log(`literals:  ${fmt(r.literals)}`);
for (const m of [...r.variables.misses, ...r.literals.misses].slice(0, 10)) console.log(`  missed: ${m}`);
for (const m of [...r.variables.falseAlarms, ...r.literals.falseAlarms].slice(0, 10)) console.log(`  false alarm: ${m}`);
