import { chezmoiPathKind, exactPathKind, isLineOriented } from '../../src/history/path-kind.js';

describe('path kinds (cache keys for a blob scanned at a path)', () => {
  test('exactPathKind is the path', () => {
    expect(exactPathKind('dot_config/a b/c')).toBe('dot_config/a b/c');
  });

  test.each([
    ['.chezmoidata.yaml', 'data:yaml'],
    ['sub/.chezmoidata.toml', 'data:toml'],
    ['.chezmoidata/work.json', 'data:json'],
    ['.chezmoi.toml.tmpl', 'config:.chezmoi.toml.tmpl'],
    ['.chezmoiignore', 'special:.chezmoiignore'],
    ['dot_gitconfig.tmpl', 'template:'],
    ['dot_config/gh/hosts.yml.tmpl', 'template:yml'],
    ['.chezmoitemplates/header', 'template:'],
    ['encrypted_private_dot_netrc.age', 'encrypted'],
    ['modify_dot_zshrc', 'modify'],
    ['dot_bashrc', 'text:'],
    ['dot_config/kitty/kitty.conf', 'text:conf'],
  ])('%s is %s', (path, kind) => {
    expect(chezmoiPathKind(path)).toBe(kind);
  });

  test('only plain text is line-oriented (scanned by new lines): data, templates, modify_ and special files are not', () => {
    const lineOriented = ['dot_bashrc', '.chezmoidata.yaml', 'dot_x.tmpl', 'modify_dot_y', '.chezmoiignore', 'encrypted_z'].filter(isLineOriented);
    expect(lineOriented).toEqual(['dot_bashrc']);
  });
});
