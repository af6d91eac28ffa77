// The tree analysis of history judges again only what changed since the previous tree
// (src/scan/tree-delta.ts): each tree of a sequence must give exactly what a fresh analysis gives.
import { analyse, AnalyseCache } from '../../src/scan/analyse.js';
import { defaultConfig } from '../../src/config/index.js';
import { entryForRepoPath } from '../../src/source/index.js';
import type { InputFile } from '../../src/scan/input.js';
import type { ScanResult } from '../../src/model.js';

const file = (path: string, text: string, id: string): InputFile => ({ path, entry: entryForRepoPath(path, '').entry, text, id });

const YAML1 = 'name: Alice Example\nwifi: Zq3mK9pLx2vB\nhosts:\n  - alpha.example.org\n  - beta.example.org\nmail:\n  user: alice\n  pass: hunter22hunter\n';
const YAML2 = YAML1.replace('alice\n', 'alice2\n'); // one value changes, same lines
const YAML3 = 'extra: line above\n' + YAML2; // every definition moves a line down
const TOML1 = '[theme]\nfg = "#c0c0c0"\n[work]\nnote = "Kp8wQ2zR7xLm4vN"\n';
const CONFIG1 = '[data]\n    email = {{ promptStringOnce . "email" "Email" | quote }}\n    token = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"\n';
const T_PLAIN = 'name = {{ .name }}\n';
const T_SLOT = 'name = {{ .name }}\npassword = {{ .note }}\n'; // now a template gives work.note a secret slot... at the top level: not read
const T_WORK = '{{ with .work }}password = {{ .note }}{{ end }}\n';
const T_MAIL = 'user={{ .mail.user }} pass={{ .mail.pass }}\n';
const T_MAP = '{{ .mail | toYaml }}\n';

const d = (v: number, text: string) => file('.chezmoidata.yaml', text, `y${v}`);
const toml = file('.chezmoidata.toml', TOML1, 'toml1');
const config = file('.chezmoi.toml.tmpl', CONFIG1, 'c1');
const t = (path: string, text: string, id: string) => file(path, text, id);

// Each tree is its predecessor plus one change, as history walks them, then some jumps.
const TREES: InputFile[][] = [
  [d(1, YAML1), t('dot_a.tmpl', T_PLAIN, 'a1')],
  [d(2, YAML2), t('dot_a.tmpl', T_PLAIN, 'a1')], // a value changes
  [d(2, YAML2), t('dot_a.tmpl', T_SLOT, 'a2')], // a template reads more
  [d(2, YAML2), t('dot_a.tmpl', T_SLOT, 'a2'), toml], // a data file appears
  [d(2, YAML2), t('dot_a.tmpl', T_SLOT, 'a2'), toml, t('dot_work.tmpl', T_WORK, 'w1')], // a template reads work.note in a secret slot
  [d(3, YAML3), t('dot_a.tmpl', T_SLOT, 'a2'), toml, t('dot_work.tmpl', T_WORK, 'w1')], // every definition moves
  [d(3, YAML3), t('dot_a.tmpl', T_SLOT, 'a2'), toml, t('dot_work.tmpl', T_WORK, 'w1'), t('dot_mail.tmpl', T_MAIL, 'm1')],
  [d(3, YAML3), t('dot_a.tmpl', T_SLOT, 'a2'), toml, t('dot_mail.tmpl', T_MAP, 'm2')], // a template gone, one reads a map
  [d(3, YAML3), t('dot_a.tmpl', T_SLOT, 'a2'), toml, t('dot_mail.tmpl', T_MAP, 'm2'), config], // the config template's [data] wins
  [d(1, YAML1), t('dot_a.tmpl', T_PLAIN, 'a1')], // back to the first tree
  [d(1, YAML1)], // no template at all
  [t('dot_a.tmpl', T_PLAIN, 'a1')], // no data at all
  [d(2, YAML2), toml, config, t('dot_work.tmpl', T_WORK, 'w1')],
];

const comparable = (r: ScanResult) => ({
  variables: [...r.variables].sort((a, b) => a.path.join('.').localeCompare(b.path.join('.'))),
  findings: r.findings.map((f) => [f.rule, f.file, f.line, f.column, f.value, f.severity]),
  errors: r.errors,
});

test('every tree of a sequence gives what a fresh analysis of it gives, and unchanged trees judge nothing again', async () => {
  const cache = new AnalyseCache();
  // The scanner's pass first, blob by blob, as history does: it fills the cache.
  for (const tree of TREES) for (const f of tree) await analyse({ root: '', files: [f] }, { config: defaultConfig, cache, command: 'history' });
  for (const [i, tree] of TREES.entries()) {
    const incremental = await analyse({ root: '', files: tree }, { config: defaultConfig, cache, literals: false, command: 'history' });
    const fresh = await analyse({ root: '', files: tree }, { config: defaultConfig, literals: false, command: 'history' });
    expect([i, comparable(incremental)]).toEqual([i, comparable(fresh)]);
  }
  // The same tree twice: nothing judged again.
  await analyse({ root: '', files: TREES[4]! }, { config: defaultConfig, cache, literals: false });
  await analyse({ root: '', files: TREES[4]! }, { config: defaultConfig, cache, literals: false });
  expect(cache.delta.lastJudged).toBe(0);
  // One value changed: that leaf alone.
  await analyse({ root: '', files: TREES[0]! }, { config: defaultConfig, cache, literals: false });
  await analyse({ root: '', files: TREES[1]! }, { config: defaultConfig, cache, literals: false });
  expect(cache.delta.lastJudged).toBe(1);
  // A template that reads a map: the map's leaves (mail.user, mail.pass) and nothing else.
  await analyse({ root: '', files: TREES[6]!.slice(0, 4) }, { config: defaultConfig, cache, literals: false });
  await analyse({ root: '', files: [...TREES[6]!.slice(0, 4), t('dot_mail.tmpl', T_MAP, 'm2')] }, { config: defaultConfig, cache, literals: false });
  expect(cache.delta.lastJudged).toBe(2);
});
