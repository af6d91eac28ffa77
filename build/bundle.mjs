// Bundles the compiled CLI (dist/src/cli/main.js) into dist/bundle/cli/ with esbuild: one ESM
// entry plus lazily loaded chunks, one per command and heavy stage. Node 20 has no compile cache,
// and resolving ~150 small ES modules is about a third of a pre-commit run; a bundle halves the
// start-up of `scan --staged`. bin/chezmoi-sops uses the bundle when it exists, else dist/src.
// The bundle sits at the same depth below the package root as dist/src/cli, so the few paths
// resolved from import.meta.url (package.json, bin/, the Rule type) still point where they should.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle', 'cli');
rmSync(outdir, { recursive: true, force: true });
await build({
  // The CLI, and the blob scanner's worker thread (history), which the CLI finds beside itself.
  entryPoints: { main: join(root, 'dist', 'src', 'cli', 'main.js'), 'blob-worker': join(root, 'dist', 'src', 'cli', 'blob-worker.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
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
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner: { js: "import { createRequire as __chezmoiSopsRequire } from 'node:module'; const require = __chezmoiSopsRequire(import.meta.url);" },
  logLevel: 'warning',
});
