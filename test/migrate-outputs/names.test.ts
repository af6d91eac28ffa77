import { secretFilePath, secretNameFor, secretNamesFor, nixAttrName, SecretNameError } from '../../src/migrate/names.js';

describe('secretNameFor', () => {
  test('a plain key keeps its name and is a bare Nix attribute', () => {
    expect(secretNameFor(['acoustid_api'])).toEqual({ secretName: 'acoustid_api', sopsKey: ['acoustid_api'], nixAttr: 'acoustid_api' });
  });

  test('nested keys become a slash name, a nested sops key and a quoted attribute', () => {
    expect(secretNameFor(['github', 'token'])).toEqual({ secretName: 'github/token', sopsKey: ['github', 'token'], nixAttr: '"github/token"' });
  });

  test.each([
    [['..', '..', 'etc', 'passwd'], '__/__/etc/passwd'],
    [['/etc/passwd'], '_etc_passwd'],
    [['api.key'], 'api_key'],
    [['my key'], 'my_key'],
    [['a"b\'c'], 'a_b_c'],
    [['${x}'], '__x_'],
    [['line\nbreak'], 'line_break'],
    [['-rf'], '_rf'],
    [['naïve'], 'na_ve'],
    [['back\\slash'], 'back_slash'],
  ])('sanitises %j to %s', (path, expected) => {
    const name = secretNameFor(path);
    expect(name.secretName).toBe(expected);
    expect(name.secretName.split('/')).toEqual(name.sopsKey);
    for (const segment of name.sopsKey) expect(segment).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/);
  });

  test('keys sops would leave unencrypted, and the metadata key, are renamed', () => {
    expect(secretNameFor(['db', 'password_unencrypted']).sopsKey).toEqual(['db', 'password_unencrypted_']);
    expect(secretNameFor(['sops']).sopsKey).toEqual(['sops_']);
    expect(secretNameFor(['x', 'sops']).sopsKey).toEqual(['x', 'sops']);
  });

  test('Nix keywords and names starting with a digit are quoted', () => {
    expect(secretNameFor(['in']).nixAttr).toBe('"in"');
    expect(secretNameFor(['1password']).nixAttr).toBe('"1password"');
    expect(nixAttrName('a${b}"c\\')).toBe('"a\\${b}\\"c\\\\"');
  });

  test('empty paths and empty keys are rejected', () => {
    expect(() => secretNameFor([])).toThrow(SecretNameError);
    expect(() => secretNameFor(['a', ''])).toThrow(/empty key at position 2/);
  });
});

describe('secretNamesFor', () => {
  test('collisions after sanitising name both data paths', () => {
    expect(() => secretNamesFor([['api.key'], ['other'], ['api key']])).toThrow(
      'data paths "api.key" and "api key" both map to secret name api_key',
    );
  });

  test('a name that would be a directory of another is rejected', () => {
    expect(() => secretNamesFor([['a', 'b'], ['a']])).toThrow(/"a" and "a"\."b" conflict/);
  });

  test('distinct names pass in input order', () => {
    expect(secretNamesFor([['b'], ['a', 'x'], ['a', 'y']]).map((n) => n.secretName)).toEqual(['b', 'a/x', 'a/y']);
  });
});

describe('secretFilePath', () => {
  test('joins under the secrets directory', () => {
    expect(secretFilePath('/run/secrets', 'github/token')).toBe('/run/secrets/github/token');
    expect(secretFilePath('/run/secrets/', 'acoustid_api')).toBe('/run/secrets/acoustid_api');
  });

  test('refuses names that could leave the directory', () => {
    for (const bad of ['../x', 'a/../../b', '/abs', 'a//b', '', 'a/.']) {
      expect(() => secretFilePath('/run/secrets', bad)).toThrow(SecretNameError);
    }
  });
});
