import fc from 'fast-check';
import { parseSourcePath, parseFileName, parseDirName, type SourceAttributes } from '../../src/source/index.js';

function on(entry: SourceAttributes): string[] {
  return Object.entries(entry)
    .filter(([, v]) => v === true)
    .map(([k]) => k)
    .sort();
}

describe('parseFileName: prefixes in chezmoi order', () => {
  const cases: Array<[string, string, string, string[]]> = [
    // [source name, type, target name, attributes set]
    ['dot_bashrc', 'file', '.bashrc', []],
    ['encrypted_private_readonly_empty_executable_dot_x', 'file', '.x', ['empty', 'encrypted', 'executable', 'private', 'readonly']],
    ['private_dot_netrc.tmpl', 'file', '.netrc', ['private', 'template']],
    ['encrypted_dot_x.tmpl.age', 'file', '.x', ['encrypted', 'template']],
    ['encrypted_private_dot_x.asc', 'file', '.x', ['encrypted', 'private']],
    ['executable_private_x', 'file', 'private_x', ['executable']],
    ['create_private_dot_config', 'create', '.config', ['private']],
    ['create_encrypted_empty_executable_x.tmpl', 'create', 'x', ['empty', 'encrypted', 'executable', 'template']],
    ['modify_private_dot_gitconfig', 'modify', '.gitconfig', ['private']],
    ['modify_empty_x', 'modify', 'empty_x', []],
    ['modify_encrypted_readonly_executable_x.tmpl', 'modify', 'x', ['encrypted', 'executable', 'readonly', 'template']],
    ['remove_dot_old', 'remove', '.old', []],
    ['remove_private_x', 'remove', 'private_x', []],
    ['run_once_before_install.sh.tmpl', 'script', 'install.sh', ['before', 'once', 'template']],
    ['run_onchange_after_x.sh', 'script', 'x.sh', ['after', 'onchange']],
    ['run_after_once_x.sh', 'script', 'once_x.sh', ['after']],
    ['run_x.sh', 'script', 'x.sh', []],
    ['symlink_dot_vimrc.tmpl', 'symlink', '.vimrc', ['template']],
    ['symlink_private_x', 'symlink', 'private_x', []],
    ['literal_dot_x', 'file', 'dot_x', []],
    ['literal_private_x.tmpl', 'file', 'private_x', ['template']],
    ['private_literal_run_x', 'file', 'run_x', ['private']],
    ['dot_x.literal', 'file', '.x', []],
    ['dot_x.tmpl.literal', 'file', '.x.tmpl', []],
    ['dot_x.literal.tmpl', 'file', '.x', ['template']],
    ['x.age', 'file', 'x.age', []],
    ['readonly_private_x', 'file', 'private_x', ['readonly']],
  ];
  test.each(cases)('%s', (name, type, target, attrs) => {
    const fa = parseFileName(name);
    expect(fa.type).toBe(type);
    expect(fa.targetName).toBe(target);
    expect(on(fa.attributes)).toEqual(attrs);
  });
});

describe('parseDirName: remove_ external_ exact_ private_ readonly_ then dot_/literal_', () => {
  test('every prefix in order', () => {
    expect(parseDirName('remove_external_exact_private_readonly_dot_x')).toEqual({
      targetName: '.x', remove: true, external: true, exact: true, private: true, readonly: true,
    });
  });
  test('out of order prefixes stay in the name', () => {
    expect(parseDirName('private_exact_dot_x')).toMatchObject({ targetName: 'exact_dot_x', private: true, exact: false });
  });
  test('literal_ stops parsing', () => {
    expect(parseDirName('literal_dot_x')).toMatchObject({ targetName: 'dot_x', private: false });
  });
});

describe('parseSourcePath', () => {
  test('target path is built from every directory component', () => {
    const e = parseSourcePath('private_dot_ssh/exact_dot_config/encrypted_private_id_ed25519.age');
    expect(e.kind).toBe('file');
    expect(e.targetPath).toBe('.ssh/.config/id_ed25519');
    expect(e.attributes.encrypted).toBe(true);
    expect(e.attributes.private).toBe(true);
    expect(e.ancestors).toMatchObject({ private: true, exact: true, readonly: false });
  });

  test('templates', () => {
    const e = parseSourcePath('dot_config/git/config.tmpl');
    expect(e).toMatchObject({ kind: 'file', targetPath: '.config/git/config', isTemplate: true });
  });

  test('external_ directories: children copied verbatim', () => {
    const e = parseSourcePath('dot_vim/external_pack/private_dot_x.tmpl');
    expect(e).toMatchObject({ kind: 'file', targetPath: '.vim/pack/private_dot_x.tmpl', isTemplate: false });
    expect(e.attributes.external).toBe(true);
    expect(e.ancestors.external).toBe(true);
  });

  test('remove_ directory', () => {
    expect(parseSourcePath('remove_dot_old/x').ancestors.remove).toBe(true);
    expect(parseSourcePath('remove_dot_old/x').targetPath).toBe('.old/x');
  });

  test.each([
    ['.chezmoidata.yaml', 'data', false],
    ['.chezmoidata.yml', 'data', false],
    ['.chezmoidata.json', 'data', false],
    ['.chezmoidata.jsonc', 'data', false],
    ['dot_config/.chezmoidata.toml', 'data', false],
    ['.chezmoidata/packages.yaml', 'data', false],
    ['.chezmoidata/sub/more.toml', 'data', false],
    ['.chezmoidata/unknown', 'data', false],
    ['.chezmoidata/.hidden.yaml', 'ignored', false],
    ['.chezmoidata/.chezmoiignore', 'data', false],
    ['.chezmoitemplates/.ignore', 'ignored', false],
    ['.chezmoiexternals/.keep', 'ignored', false],
    ['.chezmoiscripts/.keep', 'ignored', false],
    ['.chezmoidata.ini', 'special', false],
    ['.chezmoi.toml.tmpl', 'config-template', true],
    ['.chezmoi.yaml.tmpl', 'config-template', true],
    ['.chezmoi.json.tmpl', 'config-template', true],
    ['dot_config/.chezmoi.toml.tmpl', 'special', false],
    ['.chezmoitemplates/header', 'template-partial', true],
    ['.chezmoitemplates/sub/part.tmpl', 'template-partial', true],
    ['.chezmoiignore', 'special-template', true],
    ['dot_config/.chezmoiignore', 'special-template', true],
    ['.chezmoiremove', 'special-template', true],
    ['.chezmoiexternal.toml', 'special-template', true],
    ['.chezmoiexternal.yaml.tmpl', 'special-template', true],
    ['.chezmoiexternals/tools.toml', 'special-template', true],
    ['.chezmoiroot', 'special', false],
    ['.chezmoiversion', 'special', false],
    ['.chezmoiscripts/run_once_x.sh.tmpl', 'script', true],
    ['.chezmoiscripts/linux/run_x.sh', 'script', false],
    ['.chezmoiscripts/not_a_script', 'ignored', false],
    ['.gitignore', 'ignored', false],
    ['.github/workflows/ci.yml', 'ignored', false],
    ['dot_config/.DS_Store', 'ignored', false],
    ['.git/config', 'ignored', false],
  ])('%s is %s', (path, kind, isTemplate) => {
    const e = parseSourcePath(path);
    expect(e.kind).toBe(kind);
    expect(e.isTemplate).toBe(isTemplate);
    expect(e.targetPath).toBeNull();
    expect(e.sourcePath).toBe(path);
  });

  test('scripts in .chezmoiscripts keep their attributes and have no target', () => {
    const e = parseSourcePath('.chezmoiscripts/run_onchange_before_x.sh.tmpl');
    expect(on(e.attributes)).toEqual(['before', 'onchange', 'template']);
    expect(e.targetPath).toBeNull();
  });

  test('every kind of target entry', () => {
    expect(parseSourcePath('create_dot_x').kind).toBe('create');
    expect(parseSourcePath('modify_dot_x').kind).toBe('modify');
    expect(parseSourcePath('remove_dot_x').kind).toBe('remove');
    expect(parseSourcePath('remove_dot_x').targetPath).toBe('.x');
    expect(parseSourcePath('run_x.sh').kind).toBe('script');
    expect(parseSourcePath('dot_local/bin/symlink_tool').kind).toBe('symlink');
    expect(parseSourcePath('dot_local/bin/symlink_tool').targetPath).toBe('.local/bin/tool');
  });
});

// Every combination: build a source name from attributes the way chezmoi writes one
// (FileAttr.SourceName in internal/chezmoi/attr.go) and check that parsing gives them back.
describe('parseFileName inverts chezmoi source names (property)', () => {
  const ATTR_PREFIX = /^(after|before|create|dot|empty|encrypted|exact|executable|external|literal|modify|once|onchange|private|readonly|remove|run|symlink)_/;
  const arbTarget = fc
    .tuple(
      fc.boolean(),
      fc.constantFrom('', 'private_', 'run_', 'dot_', 'literal_', 'x_'),
      fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
      fc.constantFrom('', '.tmpl', '.literal', '.age', '.sh', '.tmpl.literal'),
    )
    .map(([dot, pre, stem, suf]) => (dot ? '.' : '') + pre + stem + suf);
  const arbAttrs = fc.record({
    type: fc.constantFrom('file', 'create', 'modify', 'remove', 'script', 'symlink'),
    encrypted: fc.boolean(), private: fc.boolean(), readonly: fc.boolean(), empty: fc.boolean(), executable: fc.boolean(),
    template: fc.boolean(), condition: fc.constantFrom('', 'once', 'onchange'), order: fc.constantFrom('', 'before', 'after'),
    suffix: fc.constantFrom('.age', '.asc'),
  });

  test('round trip', () => {
    fc.assert(
      fc.property(arbTarget, arbAttrs, (target, a) => {
        const modes = a.type === 'file' || a.type === 'create' || a.type === 'modify';
        const encrypted = modes && a.encrypted;
        const empty = (a.type === 'file' || a.type === 'create') && a.empty;
        let name = { file: '', create: 'create_', modify: 'modify_', remove: 'remove_', script: 'run_', symlink: 'symlink_' }[a.type];
        if (modes) {
          if (encrypted) name += 'encrypted_';
          if (a.private) name += 'private_';
          if (a.readonly) name += 'readonly_';
          if (empty) name += 'empty_';
          if (a.executable) name += 'executable_';
        }
        if (a.type === 'script') name += (a.condition ? a.condition + '_' : '') + (a.order ? a.order + '_' : '');
        if (target.startsWith('.')) name += 'dot_' + target.slice(1);
        else if (ATTR_PREFIX.test(target)) name += 'literal_' + target;
        else name += target;
        if (/\.(literal|tmpl)$/.test(target)) name += '.literal';
        if (a.template) name += '.tmpl';
        if (encrypted) name += a.suffix;

        const parsed = parseFileName(name);
        expect(parsed.targetName).toBe(target);
        expect(parsed.type).toBe(a.type);
        expect(parsed.attributes).toMatchObject({
          template: a.template, encrypted, empty,
          private: modes && a.private, readonly: modes && a.readonly, executable: modes && a.executable,
          once: a.type === 'script' && a.condition === 'once', onchange: a.type === 'script' && a.condition === 'onchange',
          before: a.type === 'script' && a.order === 'before', after: a.type === 'script' && a.order === 'after',
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseDirName inverts chezmoi directory names (property)', () => {
  test('round trip', () => {
    const arbName = fc
      .tuple(fc.boolean(), fc.constantFrom('', 'exact_', 'private_', 'dot_', 'remove_', 'y_'), fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/))
      .map(([dot, pre, stem]) => (dot ? '.' : '') + pre + stem);
    fc.assert(
      fc.property(arbName, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (target, remove, external, exact, priv, readonly) => {
        let name = (remove ? 'remove_' : '') + (external ? 'external_' : '') + (exact ? 'exact_' : '') + (priv ? 'private_' : '') + (readonly ? 'readonly_' : '');
        if (target.startsWith('.')) name += 'dot_' + target.slice(1);
        else if (/^(dot|exact|external|literal|private|readonly|remove)_/.test(target)) name += 'literal_' + target;
        else name += target;
        expect(parseDirName(name)).toEqual({ targetName: target, remove, external, exact, private: priv, readonly });
      }),
      { numRuns: 1000 },
    );
  });
});
