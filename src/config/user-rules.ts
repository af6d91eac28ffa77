// The user's own rules: `.chezmoi-sops/rules/*.ts` and `*.js`, each default-exporting a `Rule`.
// TypeScript rules are type-checked against our exported `Rule` type (with ts-morph) before any of
// them runs, so a wrong signature is reported as `file:line: message` instead of failing at scan time.
// ts-morph is imported only when a .ts rule exists: the pre-commit hook must start fast.
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnalysisError } from '../model.js';
import type { Rule } from '../classify/types.js';
import { withTimeLimit } from './rule-guard.js';
import { nodeCrypto } from '../node-crypto.js';
import { importModule } from './import-module.js';

export interface LoadedRules {
  rules: Rule[];
  errors: AnalysisError[];
}

const RULE_FILE = /^[^.].*\.(?:ts|mts|js|mjs|cjs)$/;
/** Ids a user rule may not take: every rule of the registry, and `override` (the reason of an `overrides:` setting). */
async function takenIds(): Promise<Set<string>> {
  // Imported here, once rule files exist: the registry loads every built-in rule module.
  const { builtinRules } = await import('../../rules/index.js');
  return new Set([...builtinRules.map((r) => r.id), 'override']);
}

/** Load every rule in `rulesDir`. Files are reported relative to `sourceRoot`. No rule is returned if any TS rule fails to type-check. */
export async function loadUserRules(rulesDir: string, sourceRoot: string): Promise<LoadedRules> {
  let names: string[];
  const display = (f: string) => relative(sourceRoot, f).split('\\').join('/');
  try {
    names = (await readdir(rulesDir)).filter((n) => RULE_FILE.test(n) && !n.endsWith('.d.ts')).sort();
  } catch {
    return { rules: [], errors: [] };
  }
  if (names.length === 0) return { rules: [], errors: [] };
  // Rules are code run by the scanner: never load one through a symlink that may lead outside the repo.
  const linked = await symlinksOnTheWay(rulesDir, sourceRoot, names);
  if (linked.length > 0) {
    return { rules: [], errors: linked.map((f) => ({ file: display(f), message: 'user rule path is a symbolic link: not followed, no user rule was loaded' })) };
  }
  const files = names.map((n) => join(rulesDir, n));
  const taken = await takenIds();
  const tsFiles = files.filter((f) => /\.m?ts$/.test(f));

  const errors: AnalysisError[] = [];
  if (tsFiles.length > 0) {
    // A clean type check is remembered by content hash: the pre-commit hook should not pay for a
    // TypeScript program on every commit when the rules did not change.
    const stamp = await typeCheckStamp(tsFiles);
    if (!(stamp && existsSync(stamp))) {
      errors.push(...(await typeCheck(tsFiles, display)));
      if (errors.length > 0) return { rules: [], errors };
      if (stamp) await mkdir(dirname(stamp), { recursive: true }).then(() => writeFile(stamp, '', { mode: 0o600 })).catch(() => undefined);
    }
  }

  const rules: Rule[] = [];
  const seen = new Set<string>();
  const work = await mkdtemp(join(tmpdir(), 'chezmoi-sops-rules-'));
  try {
    for (const file of files) {
      const shown = display(file);
      let mod: { default?: unknown };
      try {
        mod = await importRule(file, work);
      } catch (err) {
        errors.push({ file: shown, message: `cannot load rule: ${firstLine(err)}` });
        continue;
      }
      const rule = (mod.default ?? (mod as { rule?: unknown }).rule) as Partial<Rule> | undefined;
      const problem = ruleProblem(rule);
      if (problem) {
        errors.push({ file: shown, message: problem });
        continue;
      }
      const id = rule!.id!;
      if (taken.has(id) || seen.has(id)) {
        errors.push({ file: shown, message: `rule id '${id}' is already used by ${taken.has(id) ? 'a built-in rule' : 'another user rule'}` });
        continue;
      }
      seen.add(id);
      rules.push(withTimeLimit(rule as Rule));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { rules, errors };
}

/** The rules dir, its parent `.chezmoi-sops` and the rule files that are symlinks. */
async function symlinksOnTheWay(rulesDir: string, sourceRoot: string, names: string[]): Promise<string[]> {
  const paths = [dirname(rulesDir), rulesDir, ...names.map((n) => join(rulesDir, n))].filter((p) => resolve(p) !== resolve(sourceRoot));
  const out: string[] = [];
  for (const p of paths) {
    try {
      if ((await lstat(p)).isSymbolicLink()) out.push(p);
    } catch {
      // vanished since listed: the import below reports it.
    }
  }
  return out;
}

function ruleProblem(rule: Partial<Rule> | undefined): string | null {
  if (!rule || typeof rule !== 'object') return 'the module must default-export a rule object { id, description, evaluate }';
  if (typeof rule.id !== 'string' || !/^[A-Za-z0-9][\w./-]*$/.test(rule.id)) return 'rule.id must be a non-empty string of letters, digits, - _ . /';
  if (typeof rule.description !== 'string') return 'rule.description must be a string';
  if (typeof rule.evaluate !== 'function') return 'rule.evaluate must be a function';
  return null;
}

let importCounter = 0;

/** Import one rule. TS is transpiled (after the type check) into a temporary .mjs; ESM JS is copied to .mjs so Node treats it as a module wherever it lives. */
async function importRule(file: string, work: string): Promise<{ default?: unknown }> {
  const text = await readFile(file, 'utf8');
  let code: string;
  if (/\.m?ts$/.test(file)) {
    const { ts } = await import('ts-morph');
    code = ts.transpileModule(text, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false, inlineSourceMap: false },
    }).outputText;
  } else if (file.endsWith('.cjs') || !/^\s*(?:export|import)\s/m.test(text)) {
    return importModule(pathToFileURL(file).href) as Promise<{ default?: unknown }>;
  } else {
    code = text;
  }
  const out = join(work, `rule-${importCounter++}.mjs`);
  await writeFile(out, code, { mode: 0o600 });
  return importModule(pathToFileURL(out).href) as Promise<{ default?: unknown }>;
}

/**
 * The cache file that marks this exact set of rule sources (and our Rule type) as type-checked, or
 * null when caching is off (CHEZMOI_SOPS_CACHE_DIR=off). Cache dir: CHEZMOI_SOPS_CACHE_DIR, else
 * $XDG_CACHE_HOME/chezmoi-sops, else ~/.cache/chezmoi-sops.
 */
async function typeCheckStamp(tsFiles: string[]): Promise<string | null> {
  const configured = process.env.CHEZMOI_SOPS_CACHE_DIR;
  if (configured === 'off') return null;
  const base = configured || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'chezmoi-sops');
  try {
    const hash = nodeCrypto().createHash('sha256');
    hash.update(await readFile(ruleTypesFile()));
    for (const f of tsFiles) hash.update(f).update('\0').update(await readFile(f)).update('\0');
    return join(base, 'rules-typechecked', hash.digest('hex'));
  } catch {
    return null;
  }
}

/** Where our `Rule` type lives: the built .d.ts next to this module, or the .ts source when run from source. */
function ruleTypesFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/src/config/ (or src/config/ from source), or the CLI bundle in dist/bundle/cli/.
  for (const candidate of ['../classify/types.d.ts', '../classify/types.ts', '../../src/classify/types.d.ts']) {
    const p = resolve(here, candidate);
    if (existsSync(p)) return p;
  }
  throw new Error('cannot find the Rule type declarations');
}

/** Type-check the TS rule files, and check that each default export is assignable to `Rule`. */
async function typeCheck(tsFiles: string[], display: (f: string) => string): Promise<AnalysisError[]> {
  const { Project, ts } = await import('ts-morph');
  const typesFile = ruleTypesFile();
  const nodeTypes = resolve(dirname(typesFile), '../../node_modules/@types');
  const hasNodeTypes = existsSync(join(nodeTypes, 'node'));
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      lib: ['lib.es2022.d.ts'],
      types: hasNodeTypes ? ['node'] : [],
      typeRoots: hasNodeTypes ? [nodeTypes] : [],
      paths: { 'chezmoi-sops': [typesFile], 'chezmoi-sops/rule': [typesFile], 'chezmoi-sops/*': [typesFile] },
    },
  });
  const checkFiles = new Map<string, string>();
  tsFiles.forEach((file, i) => {
    project.addSourceFileAtPath(file);
    const checkPath = join(dirname(file), `__chezmoi_sops_check_${i}.ts`);
    const spec = './' + file.slice(dirname(file).length + 1);
    project.createSourceFile(
      checkPath,
      `import rule from ${JSON.stringify(spec)};\nimport type { Rule } from 'chezmoi-sops/rule';\nexport const check: Rule = rule;\n`,
      { overwrite: true },
    );
    checkFiles.set(checkPath, file);
  });

  const errors: AnalysisError[] = [];
  for (const d of project.getPreEmitDiagnostics()) {
    if (d.getCategory() !== ts.DiagnosticCategory.Error) continue;
    const sf = d.getSourceFile();
    const path = sf?.getFilePath();
    const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ').replace(/\s+/g, ' ');
    if (path && checkFiles.has(path)) {
      const ruleFile = checkFiles.get(path)!;
      const text = project.getSourceFileOrThrow(ruleFile).getFullText();
      const m = /export\s+default\b/.exec(text);
      const line = m ? text.slice(0, m.index).split('\n').length : 1;
      errors.push({ file: display(ruleFile), line, column: 1, message: m ? `the default export is not a Rule: ${message}` : 'the module must default-export a Rule' });
      continue;
    }
    if (path?.includes('/node_modules/')) continue;
    const start = d.getStart();
    const pos = sf && start !== undefined ? sf.getLineAndColumnAtPos(start) : undefined;
    errors.push({ file: path ? display(path) : 'rules', line: pos?.line, column: pos?.column, message: `TS${d.getCode()}: ${message}` });
  }
  return errors;
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.slice(0, 300);
}
