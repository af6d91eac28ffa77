// Bundles the compiled CLI (dist/src/cli/main.js) into dist/bundle/cli/ with esbuild: one ESM
// entry plus lazily loaded chunks, one per command and heavy stage. Node 20 has no compile cache,
// and resolving ~150 small ES modules is about a third of a pre-commit run; a bundle halves the
// start-up of `scan --staged`. bin/chezmoi-sops uses the bundle when it exists, else dist/src.
// The bundle sits at the same depth below the package root as dist/src/cli, so the few paths
// resolved from import.meta.url (package.json, bin/, the Rule type) still point where they should.
// Then the `scan` command alone as one CommonJS script (dist/bundle/cli/scan.cjs) with a V8 code
// cache made by a warm-up run (build/code-cache.mjs): the pre-commit hook's start-up.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle', 'cli');
rmSync(outdir, { recursive: true, force: true });
// Shared by both builds.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // jsonc-parser's `main` is a UMD build esbuild cannot follow; its ESM build is under `module`.
  mainFields: ['module', 'main'],
  // Left to Node's resolver: ts-morph (the TypeScript compiler, large, only for user rules).
  external: ['ts-morph'],
  // yaml's `node` export is CommonJS (72 files through Node's CJS loader on every hook run, and its
  // named exports are lost when a bundle imports it lazily); its `default` export is the same
  // library as ES modules, which bundles.
  alias: { yaml: join(root, 'node_modules', 'yaml', 'browser', 'index.js') },
  logLevel: 'warning',
};
await build({
  ...common,
  // The CLI, and the blob scanner's worker thread (history), which the CLI finds beside itself.
  entryPoints: { main: join(root, 'dist', 'src', 'cli', 'main.js'), 'blob-worker': join(root, 'dist', 'src', 'cli', 'blob-worker.js') },
  outdir,
  splitting: true,
  format: 'esm',
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner: { js: "import { createRequire as __chezmoiSopsRequire } from 'node:module'; const require = __chezmoiSopsRequire(import.meta.url);" },
});
// The scan command in one script, run by bin/scan-bundle.cjs (which passes the script's own URL
// for import.meta.url, and a `require`). Lazily imported modules stay lazy: each is initialised
// when first imported. Every hook run reads the whole script: without white space and with
// esbuild's syntax shortenings it is two thirds of the size, and ASCII-only text is read into a
// one-byte string, faster again (esbuild escapes strings, not regular expression literals: write
// non-ASCII characters there as \u escapes). Names are not minified: keeping them through
// esbuild's keepNames wraps every closure the code makes in a call that sets its name, which cost
// a scan of 3,000 files a fifth more time. No `import()` may stay in it (Node 20 cannot run one
// in code compiled from a code cache made by another process): imports of built-in modules and of
// ts-morph become `require`, and the user's rule files are imported by the launcher's
// importModule, which replaces src/config/import-module.ts here.
const scanScript = join(outdir, 'scan.cjs');
const launcherImport = {
  name: 'launcher-import',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/]config[\\/]import-module\.js$/ }, () => ({
      contents: 'export const importModule = (specifier) => __chezmoiSopsImport(specifier);',
      loader: 'js',
    }));
  },
};
await build({
  ...common,
  entryPoints: [join(root, 'dist', 'src', 'cli', 'scan-main.js')],
  outfile: scanScript,
  format: 'cjs',
  supported: { 'dynamic-import': false },
  plugins: [launcherImport],
  minifyWhitespace: true,
  minifySyntax: true,
  define: { 'import.meta.url': '__chezmoiSopsUrl' },
});
const scanText = readFileSync(scanScript, 'utf8');
if (/\bimport\(/.test(scanText)) throw new Error('build: dist/bundle/cli/scan.cjs still has an import(): it would fail when run from its code cache');
const nonAscii = /[^\0-\x7f]/.exec(scanText);
if (nonAscii) {
  process.stderr.write(`build: dist/bundle/cli/scan.cjs is not ASCII-only (the hook reads it slower): ${JSON.stringify(scanText.slice(Math.max(0, nonAscii.index - 60), nonAscii.index + 20))}\n`);
}
// The code cache, made by this Node in a fresh process. Without it (no git, an older Node 20)
// bin/chezmoi-sops runs scan from the ES module bundle: the same code, a slower start.
try {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // e.g. jest's --experimental-vm-modules: the cache is for runs without options
  execFileSync(process.execPath, [join(root, 'build', 'code-cache.mjs')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  process.stderr.write('build: no code cache for the scan bundle (the hook starts a little slower); see the message above\n');
}
