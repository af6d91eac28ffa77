// .chezmoi-sops.yaml loading: defaults, every setting, errors with file and line, ignore matcher.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, loadConfig, makeIgnoreMatcher, overrideFor } from '../../src/config/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chezmoi-sops-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('no config file: defaults, no error', async () => {
  const { config, userRules, errors } = await loadConfig(dir);
  expect(errors).toEqual([]);
  expect(userRules).toEqual([]);
  expect(config).toEqual({ ...defaultConfig, overrides: {}, rules: {}, ignorePaths: [] });
  expect(config.entropy).toEqual({ base64: 4.5, hex: 3.0, minLength: 20 });
});

test('every setting is read', async () => {
  await writeFile(
    join(dir, '.chezmoi-sops.yaml'),
    [
      'overrides:',
      '  email_personal: secret',
      '  "secrets.*.url": config',
      'entropy: { base64: 4.2, hex: 2.8, minLength: 16 }',
      'rules:',
      '  entropy: false',
      'ignore:',
      '  - "*.lock"',
      '  - vendor/',
      '  - "!vendor/keep.txt"',
      'maxFileSize: 2048',
      'strictReview: true',
    ].join('\n'),
  );
  const { config, errors } = await loadConfig(dir);
  expect(errors).toEqual([]);
  expect(config.overrides).toEqual({ email_personal: 'secret', 'secrets.*.url': 'config' });
  expect(config.entropy).toEqual({ base64: 4.2, hex: 2.8, minLength: 16 });
  expect(config.rules).toEqual({ entropy: false });
  expect(config.maxFileSize).toBe(2048);
  expect(config.strictReview).toBe(true);
  expect(overrideFor(config, ['secrets', 'gitea', 'url'])).toEqual({ pattern: 'secrets.*.url', cls: 'config' });
  expect(overrideFor(config, ['email_personal'])).toEqual({ pattern: 'email_personal', cls: 'secret' });
  expect(overrideFor(config, ['secrets', 'url'])).toBeNull();

  const ignored = makeIgnoreMatcher(config);
  expect(ignored('a/b/yarn.lock')).toBe(true);
  expect(ignored('vendor/x/y.txt')).toBe(true);
  expect(ignored('dot_config/app.toml')).toBe(false);
  expect(ignored('./x.lock')).toBe(true);
});

test('invalid settings are reported with file and line; valid ones still apply', async () => {
  await writeFile(
    join(dir, '.chezmoi-sops.yaml'),
    ['overrides:', '  a: secret', '  b: maybe', 'entropy:', '  base64: high', 'colour: red', 'maxFileSize: 10'].join('\n'),
  );
  const { config, errors } = await loadConfig(dir);
  expect(errors).toEqual([
    { file: '.chezmoi-sops.yaml', line: 3, column: 6, message: "override for 'b' must be one of secret, review, config, reference" },
    { file: '.chezmoi-sops.yaml', line: 5, column: 11, message: 'entropy.base64 must be a number between 0 and 8' },
    { file: '.chezmoi-sops.yaml', line: 6, column: 1, message: "unknown setting 'colour' (expected overrides, entropy, rules, ignore, maxFileSize, strictReview)" },
  ]);
  expect(config.overrides).toEqual({ a: 'secret' });
  expect(config.maxFileSize).toBe(10);
});

test('YAML syntax errors name the line', async () => {
  await writeFile(join(dir, '.chezmoi-sops.yaml'), 'overrides:\n  a: secret\n b: [\n');
  const { errors } = await loadConfig(dir);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors[0]).toMatchObject({ file: '.chezmoi-sops.yaml' });
  expect(errors[0]!.line).toBeGreaterThanOrEqual(3);
});

test('a line indented too far is blamed at its own line, as in data files', async () => {
  await writeFile(join(dir, '.chezmoi-sops.yaml'), 'entropy:\n  base64: 4\n    hex: 3\n');
  const { errors } = await loadConfig(dir);
  expect(errors).toEqual([{ file: '.chezmoi-sops.yaml', line: 3, column: 8, message: 'YAML syntax error: mapping value not allowed here (is the line indented too far?)' }]);
});

test('an explicit --config path that does not exist is an error', async () => {
  const missing = join(dir, 'nope.yaml');
  const { errors } = await loadConfig(dir, missing);
  expect(errors).toEqual([{ file: missing, message: 'cannot read config file (ENOENT)' }]);
});

test('an empty file is the defaults', async () => {
  await writeFile(join(dir, '.chezmoi-sops.yaml'), '# nothing yet\n');
  const { errors, config } = await loadConfig(dir);
  expect(errors).toEqual([]);
  expect(config.maxFileSize).toBe(defaultConfig.maxFileSize);
});
