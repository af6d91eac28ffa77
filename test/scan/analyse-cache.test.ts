// AnalyseCache: what history's tree analyses reuse, so that a blob is parsed once and a context classified once.
import { analyse, AnalyseCache } from '../../src/scan/analyse.js';
import { defaultConfig } from '../../src/config/index.js';
import { entryForRepoPath } from '../../src/source/index.js';
import type { InputFile } from '../../src/scan/input.js';

const file = (path: string, text: string, id: string): InputFile => ({ path, entry: entryForRepoPath(path, '').entry, text, id });
const DATA = 'name: Alice Example\nwifi: Zq3mK9pLx2vB\n';
const TEMPLATE = '[home]\npassword = {{ .wifi }}\n';

test('a data file and a template seen once (same path and id) are not parsed again; the result is the same', async () => {
  const cache = new AnalyseCache();
  const first = await analyse({ root: '', files: [file('.chezmoidata.yaml', DATA, 'd1'), file('dot_wifi.tmpl', TEMPLATE, 't1')] }, { config: defaultConfig, cache });
  expect(first.variables.find((v) => v.path[0] === 'wifi')).toMatchObject({ class: 'secret', usedIn: [{ file: 'dot_wifi.tmpl', line: 2, column: 15 }] });
  // Texts that would not parse: with the cache and literals off, they are never read again.
  const again = await analyse(
    { root: '', files: [file('.chezmoidata.yaml', 'wifi: [unclosed', 'd1'), file('dot_wifi.tmpl', '{{ if', 't1')] },
    { config: defaultConfig, cache, literals: false },
  );
  expect(again.errors).toEqual([]);
  expect(again.variables).toEqual(first.variables);
  expect(again.findings.map((f) => [f.rule, f.file, f.line, f.value])).toEqual(first.findings.map((f) => [f.rule, f.file, f.line, f.value]));
  expect(cache.contribution('dot_wifi.tmpl', 't1')).not.toBeNull();
  expect(cache.contribution('.chezmoidata.yaml', 'd1')).not.toBeNull();
});

test('a template that reads no data gives a tree nothing; two versions that read the same data the same way give the same', async () => {
  const cache = new AnalyseCache();
  const files = [file('.chezmoidata.yaml', DATA, 'd1'), file('dot_plain.tmpl', 'export A=1\n', 'p1'), file('dot_wifi.tmpl', TEMPLATE, 't1'), file('dot_wifi.tmpl', `${TEMPLATE}# edited below the reference\n`, 't2')];
  await analyse({ root: '', files: files.slice(0, 3) }, { config: defaultConfig, cache });
  await analyse({ root: '', files: [files[0]!, files[3]!] }, { config: defaultConfig, cache });
  expect(cache.contribution('dot_plain.tmpl', 'p1')).toBeNull();
  expect(cache.contribution('dot_wifi.tmpl', 't2')).toBe(cache.contribution('dot_wifi.tmpl', 't1'));
});
