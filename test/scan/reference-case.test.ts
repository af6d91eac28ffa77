// The user's own audit (issue 3): acoustid_api is secret, email_personal needs review (or secret
// by the user's config), desktop and name are config. Run on the bundled demo source tree.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanSource } from '../../src/scan/index.js';
import { copyDemo, DEMO_SOURCE, scratch } from './helpers.js';

const classOf = async (dir: string) => {
  const result = await scanSource(dir);
  return { result, cls: new Map(result.variables.map((v) => [v.path.join('.'), v.class])) };
};

describe('the reference case on the demo repo', () => {
  it('classifies the four variables of the audit exactly', async () => {
    const { cls, result } = await classOf(DEMO_SOURCE);
    expect(cls.get('acoustid_api')).toBe('secret');
    expect(cls.get('email_personal')).toBe('review');
    expect(cls.get('desktop')).toBe('config');
    expect(cls.get('name')).toBe('config');
    expect(result.errors).toEqual([]);
  });

  it('reports where acoustid_api is defined and read, with a finding at the definition', async () => {
    const { result } = await classOf(DEMO_SOURCE);
    const v = result.variables.find((x) => x.path.join('.') === 'acoustid_api')!;
    expect(v.definedIn).toEqual([{ file: '.chezmoidata.yaml', line: 10, column: 1 }]);
    expect(v.usedIn).toEqual([{ file: 'dot_config/beets/acoustid.toml.tmpl', line: 2, column: 15 }]);
    const f = result.findings.find((x) => x.variable?.join('.') === 'acoustid_api')!;
    expect(f).toMatchObject({ rule: 'variable/secret', file: '.chezmoidata.yaml', line: 10, column: 15, value: 'Xt8kPq2mZr' });
  });

  it('reads through with-scopes and custom delimiters', async () => {
    const { result } = await classOf(DEMO_SOURCE);
    const token = result.variables.find((x) => x.path.join('.') === 'github.token')!;
    expect(token.class).toBe('secret');
    expect(token.usedIn).toContainEqual({ file: 'dot_gitconfig.tmpl', line: 9, column: 66 });
    const weather = result.variables.find((x) => x.path.join('.') === 'weather_api_key')!;
    expect(weather.usedIn).toEqual([{ file: 'dot_config/waybar/config.jsonc.tmpl', line: 5, column: 89 }]);
  });

  it('calls a variable read only through a password manager a reference, and finds hard-coded AWS keys', async () => {
    const { cls, result } = await classOf(DEMO_SOURCE);
    expect(cls.get('op.spotify')).toBe('reference');
    const aws = result.findings.filter((f) => f.file === 'private_dot_aws/credentials');
    expect(aws.map((f) => f.line).sort()).toEqual([2, 3]);
  });

  it('makes email_personal secret when the user config says so', async () => {
    const s = scratch();
    try {
      const dir = copyDemo(join(s.dir, 'src'));
      writeFileSync(join(dir, '.chezmoi-sops.yaml'), 'overrides:\n  email_personal: secret\n');
      const { cls, result } = await classOf(dir);
      expect(cls.get('email_personal')).toBe('secret');
      expect(result.findings.some((f) => f.variable?.join('.') === 'email_personal')).toBe(true);
    } finally {
      s.cleanup();
    }
  });
});

describe('values written inside template code', () => {
  it('finds a token assigned in a config template action and used as a [data] value, once', async () => {
    const s = scratch();
    try {
      const { writeFileSync: write } = await import('node:fs');
      write(join(s.dir, '.chezmoi.toml.tmpl'), '{{- $tok := "ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi" -}}\n[data]\n  github_token = {{ $tok | quote }}\n  email = {{ promptStringOnce . "email" "Email" | quote }}\n');
      const { result, cls } = await classOf(s.dir);
      expect(cls.get('github_token')).toBe('secret');
      // Typed at `chezmoi init`, so not in git: a reference (issue 14).
      expect(cls.get('email')).toBe('reference');
      expect(result.findings.map((f) => [f.rule, f.variable?.join('.') ?? null])).toEqual([['variable/secret', 'github_token']]);
    } finally {
      s.cleanup();
    }
  });

  it('finds a provider token in a string literal of any template', async () => {
    const s = scratch();
    try {
      const { writeFileSync: write } = await import('node:fs');
      write(join(s.dir, 'dot_npmrc.tmpl'), '{{ $t := "npm_Qm3Rt8Vw2Yz5Bn7Kc4Xp1Lh9Fa6Dk0Sj2Wu8" }}//registry.npmjs.org/:_authToken={{ $t }}\n');
      const { result } = await classOf(s.dir);
      expect(result.findings.some((f) => f.file === 'dot_npmrc.tmpl' && f.value.startsWith('npm_'))).toBe(true);
    } finally {
      s.cleanup();
    }
  });
});

describe('after a history purge', () => {
  it('reads the ***REMOVED*** markers a purge leaves in YAML as text, and flags none of them', async () => {
    const s = scratch();
    try {
      const { writeFileSync: write } = await import('node:fs');
      write(join(s.dir, '.chezmoidata.yaml'), 'name: Rain\nacoustid_api: ***REMOVED***\ngithub:\n  token: ***REMOVED***\n');
      write(join(s.dir, 'private_credentials'), 'aws_secret_access_key = ***REMOVED***\nreport_token: "ghp_****"\n');
      const { result, cls } = await classOf(s.dir);
      expect(result.errors).toEqual([]);
      expect(result.variables.find((v) => v.path.join('.') === 'github.token')?.value).toBe('***REMOVED***');
      expect(cls.get('acoustid_api')).toBe('config');
      expect(result.findings).toEqual([]);
    } finally {
      s.cleanup();
    }
  });
});
