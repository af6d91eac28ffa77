#!/usr/bin/env node
// Literal detection on one long line against the same pairs one per line (issue 17: it was
// quadratic in the line's length). Prints both times and their ratio; near 1 is linear.
// Usage: node bench/long-line.mjs [BYTES=357000]   (needs a build; DIST overrides dist/)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rng } from './quality-generator.mjs';

const dist = resolve(process.env.DIST ?? new URL('../dist', import.meta.url).pathname);
const { detectLiteralSecrets } = await import(pathToFileURL(resolve(dist, 'src/classify/index.js')).href);
const { cloneDefaultConfig } = await import(pathToFileURL(resolve(dist, 'src/config/index.js')).href);
// The rule registry (rules/index.ts), handed to the classifier; a build from before it had none and ignores `rules`.
const { builtinRules } = await import(pathToFileURL(resolve(dist, 'rules/index.js')).href).catch(() => ({}));

const bytes = Number(process.argv[2] ?? 357000);
const r = rng(42);
const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pairs = [];
for (let len = 0; len < bytes; ) {
  let v = '';
  for (let k = 0; k < 24; k++) v += abc[Math.floor(r() * abc.length)];
  const p = `"token_${pairs.length}":"${v}"`;
  pairs.push(p);
  len += p.length + 1;
}
const time = async (text) => {
  const t = performance.now();
  const found = await detectLiteralSecrets('dot_big.json', text, { config: cloneDefaultConfig(), rules: builtinRules });
  return { ms: performance.now() - t, findings: found.length };
};
await time('{"warm":"up"}');
const lines = await time(`{${pairs.join(',\n')}}\n`);
const one = await time(`{${pairs.join(',')}}\n`);
console.log(`${bytes} bytes, ${pairs.length} pairs: one per line ${lines.ms.toFixed(0)} ms (${lines.findings} findings), one line ${one.ms.toFixed(0)} ms (${one.findings} findings), ratio ${(one.ms / lines.ms).toFixed(2)}`);
