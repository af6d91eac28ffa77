// Every data file and config template of the real-world corpus loads, and the deliberate broken
// fixtures from chezmoi's own test scripts give the error chezmoi gives (in our words).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readSourceTree } from '../../src/source/index.js';
import { loadTemplateData, extractConfigData, scanActions, configTemplateActions, type LoadedData } from '../../src/data/index.js';
import { CORPUS } from '../shared.js';


const TESTDATA = join(CORPUS, 'twpayne__chezmoi/internal/cmd/testdata/scripts');

/** Source dirs: each repo (or its single subfolder holding the source), and every chezmoi test home. */
function sourceDirs(): string[] {
  const dirs: string[] = [];
  for (const repo of readdirSync(CORPUS)) {
    const abs = join(CORPUS, repo);
    if (repo === 'twpayne__chezmoi' || !statSync(abs).isDirectory()) continue;
    const hasSource = readdirSync(abs).some((n) => n.startsWith('.chezmoi') || n.startsWith('dot_'));
    const subs = readdirSync(abs).filter((n) => statSync(join(abs, n)).isDirectory());
    dirs.push(hasSource || subs.length !== 1 ? abs : join(abs, subs[0]!));
  }
  for (const script of readdirSync(TESTDATA)) {
    for (const home of readdirSync(join(TESTDATA, script))) {
      const src = join(TESTDATA, script, home, 'user/.local/share/chezmoi');
      if (existsSync(src) && statSync(src).isDirectory()) dirs.push(src);
    }
  }
  return dirs.sort();
}

const describeCorpus = existsSync(CORPUS) ? describe : describe.skip;

describeCorpus('real corpus', () => {
  const loaded = new Map<string, LoadedData>();
  beforeAll(async () => {
    for (const dir of sourceDirs()) {
      const tree = await readSourceTree(dir);
      expect(tree.errors).toEqual([]);
      loaded.set(dir.slice(CORPUS.length + 1), loadTemplateData(tree.files));
    }
  });

  test('only the deliberate fixtures fail, each with the right error', () => {
    const errors = [...loaded.entries()].flatMap(([dir, d]) => d.errors.map((e) => `${dir}/${e.file}: ${e.message}`));
    const base = 'twpayne__chezmoi/internal/cmd/testdata/scripts';
    expect(errors.sort()).toEqual([
      // executetemplate.txtar: "test that files in .chezmoidata must have known extensions" (unknown format)
      `${base}/executetemplate/home2/user/.local/share/chezmoi/.chezmoidata/unknown: unknown data format: chezmoi reads .json, .jsonc, .toml, .yaml and .yml`,
      // executetemplate.txtar: ".chezmoiignore files are not allowed in .chezmoidata"
      `${base}/executetemplate/home3/user/.local/share/chezmoi/.chezmoidata/.chezmoiignore: .chezmoi entries are not allowed in the .chezmoidata folder`,
      // init.txtar home8: a YAML-ish line in a TOML config template
      `${base}/init/home8/user/.local/share/chezmoi/.chezmoi.toml.tmpl: could not parse the config template as TOML (template actions removed): unexpected character at line 2, column 8`,
    ]);
  });

  test('every data file of the real repos loads with leaves that carry positions', () => {
    const real = [...loaded.entries()].filter(([dir]) => !dir.startsWith('twpayne__chezmoi'));
    const dataFiles = real.flatMap(([, d]) => d.files.filter((f) => f.origin === 'data'));
    expect(dataFiles.length).toBeGreaterThanOrEqual(25);
    for (const f of dataFiles) {
      expect(f.error).toBeNull();
      for (const leaf of f.leaves) {
        for (const p of leaf.definedIn) {
          expect(p.file).toBe(f.file);
          expect(p.line).toBeGreaterThan(0);
          expect(p.column).toBeGreaterThan(0);
        }
      }
    }
  });

  test('config templates: static values kept, prompts and password managers dynamic', () => {
    const nate = [...loaded.entries()].find(([dir]) => dir.startsWith('natelandau__dotfiles'))![1];
    const byPath = new Map(nate.leaves.map((l) => [l.path.join('.'), l]));
    expect(byPath.get('github_user')).toMatchObject({ value: 'natelandau', role: 'value' });
    expect(byPath.get('github_user')!.dynamic).toBeUndefined();
    expect(byPath.get('email')).toMatchObject({ dynamic: true, functions: expect.arrayContaining(['promptStringOnce']) });
    const nhs = [...loaded.entries()].find(([dir]) => dir.startsWith('nhs-england-tools'))![1];
    const email = nhs.leaves.find((l) => l.path.join('.') === 'dotfiles.email')!;
    expect(email.functions).toEqual(expect.arrayContaining(['bitwarden']));
  });

  test('the lenient lexer finds the same actions as the Go-exact parser in every config template', () => {
    let compared = 0;
    for (const dir of sourceDirs()) {
      for (const name of readdirSync(dir)) {
        if (!/^\.chezmoi\.(json|jsonc|toml|yaml|yml)\.tmpl$/.test(name)) continue;
        const text = readFileSync(join(dir, name), 'utf8');
        const shape = (a: { start: number; end: number; kind: string; literal?: string; passVar?: string }) => [a.start, a.end, a.kind, a.literal, a.passVar];
        expect([name, scanActions(text).map(shape)]).toEqual([name, configTemplateActions(name, text).map(shape)]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(25);
  });

  test('chezmoi issue1869: 13 .chezmoidata.yaml files in nested folders merge to one key', () => {
    const d = loaded.get('twpayne__chezmoi/internal/cmd/testdata/scripts/issue1869/home2/user/.local/share/chezmoi')!;
    expect(d.tree).toEqual({ key: 'value' });
    expect(d.leaves).toHaveLength(1);
    expect(d.leaves[0]!.definedIn).toHaveLength(13);
    expect(d.leaves[0]!.definedIn.at(-1)!.file).toBe('dir3/subdir3/.chezmoidata.yaml');
  });

  test('the [data] of the rendered config files in chezmoi test homes loads (invalid ones say why)', () => {
    const configs: string[] = [];
    for (const script of readdirSync(TESTDATA)) {
      for (const home of readdirSync(join(TESTDATA, script))) {
        const dir = join(TESTDATA, script, home, 'user/.config/chezmoi');
        if (!existsSync(dir)) continue;
        for (const n of readdirSync(dir)) if (/^chezmoi\.(json|jsonc|toml|yaml|yml)$/.test(n)) configs.push(join(dir, n));
      }
    }
    expect(configs.length).toBeGreaterThan(50);
    const failed = configs
      .map((abs) => ({ abs, r: extractConfigData(abs.split('/').pop()!, readFileSync(abs, 'utf8')) }))
      .filter(({ r }) => r.error)
      .map(({ abs, r }) => `${abs.slice(TESTDATA.length + 1)}: ${r.error!.message}`);
    // Deliberately invalid config files: catconfig (not JSON at all), errors.txtar "test invalid
    // config" (an unterminated object), issue2695 (invalid JSON, TOML and YAML configs).
    expect(failed).toEqual([
      'catconfig/home/user/.config/chezmoi/chezmoi.json: could not parse JSON: invalid symbol at line 1, column 1',
      'errors/home2/user/.config/chezmoi/chezmoi.json: could not parse JSON: close brace expected at line 2, column 1',
      'issue2695/home/user/.config/chezmoi/chezmoi.json: could not parse JSON: invalid symbol at line 2, column 15',
      'issue2695/home2/user/.config/chezmoi/chezmoi.toml: could not parse TOML: expected equal (=) token at line 1, column 9',
      'issue2695/home3/user/.config/chezmoi/chezmoi.yaml: could not load YAML: the top level is not a map at line 1, column 1',
    ]);
  });
});
