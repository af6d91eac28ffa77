#!/usr/bin/env node
// Recall of planted secrets: which planted values each tool's JSON report contains.
// usage: node bench/history-recall.mjs PLANTED.json OURS.json GITLEAKS.json
import { readFileSync } from 'node:fs';

const [plantedFile, oursFile, gitleaksFile] = process.argv.slice(2);
const planted = JSON.parse(readFileSync(plantedFile, 'utf8')).planted;
const load = (f) => { try { return JSON.parse(readFileSync(f, 'utf8')); } catch { return null; } };
const ours = load(oursFile);
const gitleaks = load(gitleaksFile) ?? [];
// Our library result has `value`; the CLI's JSON (with --show-secrets) has `secret`.
const ourValues = (ours?.findings ?? []).map((f) => f.value ?? f.secret ?? '');
const glValues = gitleaks.map((l) => `${l.Secret}\n${l.Match}`);
const rows = planted.map((p) => ({ id: p.id, ours: ourValues.some((v) => v.includes(p.value)), gitleaks: glValues.some((v) => v.includes(p.value)) }));
for (const r of rows) process.stdout.write(`  ${r.ours ? 'found' : 'MISS '}  ${r.gitleaks ? 'found' : 'miss '}  ${r.id}\n`);
const count = (k) => rows.filter((r) => r[k]).length;
process.stdout.write(`recall: ours ${count('ours')}/${rows.length}, gitleaks ${count('gitleaks')}/${rows.length}\n`);
process.exitCode = count('ours') === rows.length ? 0 : 1;
