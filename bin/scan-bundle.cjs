'use strict';
// The fast start of `scan --staged` (the pre-commit hook). build/bundle.mjs writes the
// scan command as one script, dist/bundle/cli/scan.cjs, and a V8 code cache for it made by a
// warm-up run at build time, scan.cjs.cache. Compiled with that cache, a run reads two files and
// deserialises compiled code instead of resolving, reading and compiling ~35 modules (Node 20's
// ES module loader has no compile cache). The cache is used only when it was made by this Node
// (version, architecture, V8 flags and CPU features) for this very script (size, modification
// time); otherwise load() returns null and the launcher runs the full CLI, which behaves the same.
// V8 checks the cache again and, should it refuse it, compiles the script from source: slower,
// same result.
// This file is the one place that compiles the script, so the build's cache fits what runs.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');

const DIR = path.join(__dirname, '..', 'dist', 'bundle', 'cli');
const SCRIPT = path.join(DIR, 'scan.cjs');
const CACHE = `${SCRIPT}.cache`;

/**
 * What the first line of the cache file must say for the cache to be used. V8's tag covers its
 * version, flags and the CPU's features; the build makes the cache without Node or V8 options, so
 * a run without any has the same tag, and only a run with options pays for loading node:v8 to ask.
 */
function stampOf(stat, tag, ascii) {
  return JSON.stringify({ node: process.version, arch: process.arch, v8: tag, size: stat.size, mtimeMs: stat.mtimeMs, ascii });
}
const defaultFlags = () => process.execArgv.length === 0 && !process.env.NODE_OPTIONS;
const v8Tag = () => require('node:v8').cachedDataVersionTag();

/** The script, compiled as a CommonJS-style function (strict, like the ES modules it was bundled from). */
function compile(source, cachedData) {
  const wrapped = `(function (exports, require, module, __filename, __dirname, __chezmoiSopsUrl, __chezmoiSopsImport) {'use strict';${source}\n})`;
  return new vm.Script(wrapped, { filename: SCRIPT, cachedData });
}

/**
 * Run the script's top level; returns its exports ({ main }). The script has no `import()` of its
 * own (Node 20 cannot run one in code from a code cache made by another process): it imports the
 * user's rule files through this module's.
 */
function evaluate(script) {
  const module = { exports: {} };
  const importModule = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(SCRIPT), module, SCRIPT, DIR, pathToFileURL(SCRIPT).href, importModule);
  return module.exports;
}

/** `{ main }` of the scan bundle with its code cache, or null when there is none that fits. */
function load() {
  let source;
  let cachedData;
  try {
    const raw = fs.readFileSync(CACHE);
    const nl = raw.indexOf(10);
    if (nl < 0) return null;
    const stamp = JSON.parse(raw.toString('utf8', 0, nl));
    if (JSON.stringify(stamp) !== stampOf(fs.statSync(SCRIPT), defaultFlags() ? stamp.v8 : v8Tag(), stamp.ascii === true)) return null;
    cachedData = raw.subarray(nl + 1);
    // ASCII text (checked when the cache was made, for this very file) decodes faster as latin1.
    source = fs.readFileSync(SCRIPT, stamp.ascii ? 'latin1' : 'utf8');
  } catch {
    return null;
  }
  return evaluate(compile(source, cachedData));
}

/**
 * Build time: run the scan bundle on each argument list (a warm-up: V8 compiles what a hook run
 * needs), then write the code cache with its stamp. Run in a fresh process of the Node the cache
 * is for, without Node or V8 options. Output of the runs goes where the caller's stdout goes.
 */
async function writeCache(runs) {
  if (!defaultFlags()) throw new Error('the code cache must be made without Node or V8 options (execArgv, NODE_OPTIONS)');
  const stat = fs.statSync(SCRIPT);
  const bytes = fs.readFileSync(SCRIPT);
  const ascii = !/[^\0-\x7f]/.test(bytes.toString('latin1'));
  const script = compile(bytes.toString('utf8'));
  const { main } = evaluate(script);
  for (const argv of runs) await main(argv);
  const data = script.createCachedData();
  fs.writeFileSync(CACHE, Buffer.concat([Buffer.from(`${stampOf(stat, v8Tag(), ascii)}\n`), data]));
  return data.length;
}

module.exports = { load, writeCache, SCRIPT, CACHE };
