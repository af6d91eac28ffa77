#!/usr/bin/env node
// Runs the history library (dist/) with the bench scanner on a repo; writes the raw JSON result to OUT
// (bench data only) and prints a one-line summary with the process's peak RSS.
// usage: node bench/history-run.mjs REPO OUT.json
import { writeFileSync } from 'node:fs';
import { scanHistory } from '../dist/src/history/index.js';
import { benchScanner } from './history-scanner.mjs';

const [repo, out] = process.argv.slice(2);
const started = performance.now();
let last = { objects: 0, bytes: 0, findings: 0 };
const result = await scanHistory(repo, { scanner: benchScanner, onProgress: (p) => { last = p; } });
const wall = (performance.now() - started) / 1000;
writeFileSync(out, JSON.stringify(result));
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ wall, objects: last.objects, bytes: last.bytes, findings: result.findings.length, maxRssMb }) + '\n');
