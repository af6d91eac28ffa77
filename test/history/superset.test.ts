// `history` reports everything `scan` reports for the same tree, plus what only history holds:
// the real chezmoi-aware analysis on real git repositories.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scanHistory, type TreeAnalyser } from '../../src/history/index.js';
import { defaultBlobScanner } from '../../src/scan/blob.js';
import { scanSource } from '../../src/scan/index.js';
import type { ClassifiedVariable, Finding, ScanResult } from '../../src/model.js';
import { isolateGit, Repo } from './git-fixture.js';

beforeAll(isolateGit);

const DEMO = join(process.cwd(), 'fixtures', 'demo', 'source');

async function history(dir: string, wrap?: (t: TreeAnalyser) => TreeAnalyser): Promise<ScanResult> {
  const { scanner, tree } = await defaultBlobScanner(dir);
  return scanHistory(dir, { scanner, tree: wrap ? wrap(tree) : tree });
}
const findingKeys = (r: ScanResult) => r.findings.map((f) => `${f.fingerprint} ${f.rule} ${f.file}:${f.line}:${f.column}`).sort();
const variableView = (v: ClassifiedVariable) => ({ path: v.path, class: v.class, value: v.value, definedIn: v.definedIn, usedIn: v.usedIn, rules: v.reasons.map((r) => r.rule) });
const byValue = (r: ScanResult, value: string): Finding => {
  const found = r.findings.filter((f) => f.value === value);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const variable = (r: ScanResult, path: string, value?: string): ClassifiedVariable => {
  const found = r.variables.filter((v) => v.path.join('.') === path && (value === undefined || v.value === value));
  expect(found).toHaveLength(1);
  return found[0]!;
};

// Template-usage context: `wifi` has a harmless name; only the template that writes it after
// `password =` makes it a secret (the context rule).
const CONTEXT_FILES = {
  '.chezmoidata.yaml': 'name: Alice Example\nwifi: Zq3mK9pLx2vB\n',
  'dot_config/wpa.conf.tmpl': '[home]\npassword = {{ .wifi }}\n',
};

describe('a HEAD-only repository: history gives what scan gives', () => {
  test.each([
    ['the demo source tree', () => ({}) as Record<string, string>, true],
    ['data read by templates (template-usage context), a review e-mail, a hard-coded token', () => ({
      ...CONTEXT_FILES,
      '.chezmoidata/personal.yaml': 'email_personal: alice.private@gmail.com\n',
      'dot_npmrc': '//registry.npmjs.org/:_authToken=npm_Q3j8sKx02hLm5PqRtW7yZc4VbN1aD9fGe6Hi\n',
    }), false],
  ])('%s: same findings (fingerprint, rule, file, position) and the same variables', async (_name, files, demo) => {
    const repo = Repo.init();
    try {
      if (demo) for (const name of readdirSync(DEMO)) cpSync(join(DEMO, name), join(repo.dir, name), { recursive: true });
      repo.commit('the whole tree', files());
      const scan = await scanSource(repo.dir);
      const hist = await history(repo.dir);
      expect(scan.findings.length).toBeGreaterThan(0);
      expect(scan.variables.length).toBeGreaterThan(0);
      expect(hist.errors).toEqual(scan.errors);
      expect(findingKeys(hist)).toEqual(findingKeys(scan));
      expect(hist.variables.map(variableView)).toEqual(scan.variables.map(variableView));
      for (const f of hist.findings) expect(f.history).toMatchObject({ atHead: true, commits: 1, refs: ['refs/heads/main'] });
    } finally {
      repo.remove();
    }
  });

  test('the context rule applies: the variable is a secret with its use, as scan says', async () => {
    const repo = Repo.init();
    try {
      repo.commit('wifi', CONTEXT_FILES);
      const hist = await history(repo.dir);
      const v = variable(hist, 'wifi');
      expect(v.class).toBe('secret');
      expect(v.reasons.map((r) => r.rule)).toContain('context');
      expect(v.usedIn).toEqual([{ file: 'dot_config/wpa.conf.tmpl', line: 2, column: 15 }]);
      expect(byValue(hist, 'Zq3mK9pLx2vB')).toMatchObject({ rule: 'variable/secret', file: '.chezmoidata.yaml', line: 2, variable: ['wifi'] });
    } finally {
      repo.remove();
    }
  });
});

describe('what only history holds', () => {
  let repo: Repo;
  let result: ScanResult;
  const c: Record<string, string> = {};
  let analyses = 0;

  beforeAll(async () => {
    repo = Repo.init();
    c.old = repo.commit('personal data', { '.chezmoidata.yaml': 'name: Alice Example\nemail_personal: alice.private@gmail.com\n' });
    // A template that wrote `wifi` into a secret slot, removed later: the old trees made it a secret.
    c.wifi = repo.commit('wifi', { '.chezmoidata.yaml': 'name: Alice Example\nwifi: Zq3mK9pLx2vB\n', 'dot_config/wpa.conf.tmpl': '[home]\npassword = {{ .wifi }}\n' });
    repo.git('rm', '-q', 'dot_config/wpa.conf.tmpl');
    c.unused = repo.commit('no more wpa template');
    for (let i = 0; i < 5; i++) repo.commit(`plain change ${i}`, { dot_bashrc: `export N=${i}\n` });
    // A side branch: a data key of its own, and a copy of the wifi key in a plain file no rule reads as a secret.
    repo.git('checkout', '-q', '-b', 'side');
    c.side = repo.commit('side work', {
      '.chezmoidata/work.yaml': 'work:\n  api_token: wk9Hq2Lm7Rx4Tz6Vb1Nc\n',
      'dot_config/work.env.tmpl': 'TOKEN={{ .work.api_token }}\n',
      'dot_config/nm/home.nmconnection': '[wifi]\nssid=home\n# Zq3mK9pLx2vB\n',
    });
    repo.git('checkout', '-q', 'main');
    // A stash: the token copied into a file of the work tree.
    repo.write('dot_bashrc', 'export N=5\n# wk9Hq2Lm7Rx4Tz6Vb1Nc\n');
    repo.git('stash', 'push', '-q');
    result = await history(repo.dir, (t) => ({ ...t, analyse: (files) => (analyses++, t.analyse(files)) }));
  });
  afterAll(() => repo.remove());

  test('a personal e-mail address of an old data file is a review item', () => {
    expect(variable(result, 'email_personal')).toMatchObject({ class: 'review', value: 'alice.private@gmail.com', definedIn: [{ file: '.chezmoidata.yaml', line: 2, column: 1 }] });
  });

  test('a variable that only an old template made a secret is found, introduced where the template came', () => {
    const f = byValue(result, 'Zq3mK9pLx2vB');
    expect(f).toMatchObject({ rule: 'variable/secret', file: '.chezmoidata.yaml', variable: ['wifi'] });
    expect(f.history!.introduced.sha).toBe(c.wifi);
    expect(variable(result, 'wifi').class).toBe('secret');
  });

  test('every path that held a value is listed, on every ref, the stash included', () => {
    const wifi = byValue(result, 'Zq3mK9pLx2vB');
    expect(wifi.history!.paths).toEqual(['.chezmoidata.yaml', 'dot_config/nm/home.nmconnection']);
    expect(wifi.history!.refs).toEqual(expect.arrayContaining(['refs/heads/main', 'refs/heads/side', 'refs/stash']));
    const token = byValue(result, 'wk9Hq2Lm7Rx4Tz6Vb1Nc');
    expect(token).toMatchObject({ rule: 'variable/secret', file: '.chezmoidata/work.yaml', variable: ['work', 'api_token'] });
    expect(token.history!.paths).toEqual(['.chezmoidata/work.yaml', 'dot_bashrc']);
    expect(token.history!.refs).toEqual(['refs/heads/side', 'refs/stash']);
    expect(token.history!.atHead).toBe(false);
  });

  test('no errors; commits that change no data file or template share one tree analysis', () => {
    expect(result.errors).toEqual([]);
    // Distinct sets of data files and templates that read data: personal, wifi+template, wifi alone,
    // the side branch's, and the stash's (its work-tree commit has main's data).
    expect(analyses).toBeLessThanOrEqual(4);
  });
});
