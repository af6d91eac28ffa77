// Regular expressions cannot hang the scan: a user rule with a catastrophically backtracking
// pattern is stopped after USER_RULE_TIME_LIMIT_MS and fails closed (exit 2, the rule named); the
// built-in detectors stay linear on adversarial files (per-rule inputs: test/classify/backtracking).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, committedRepo, scratch, STACK_FRAME } from './helpers.js';
import { withTimeLimit } from '../../src/config/rule-guard.js';
import { makeRuleContext } from '../../src/classify/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';

// The textbook ReDoS: nested quantifiers, then a character that makes every split fail.
const EVIL_VALUE = `${'a'.repeat(48)}b`;
const EVIL_RULE = `export default {
  id: 'house-tokens',
  description: 'values made of a-runs are house tokens',
  evaluate: (ctx) => (/(a+)+$/.test(ctx.valueString) ? { class: 'secret', confidence: 0.9, reason: 'house token' } : null),
};
`;
const NEVER_SETTLES = `export default {
  id: 'lost-promise',
  description: 'an async rule that never answers',
  evaluate: (ctx) => (ctx.name === 'pending' ? new Promise(() => {}) : null),
};
`;

interface JsonReport {
  variables: Array<{ path: string[]; class: string }>;
  errors: Array<{ file: string; message: string }>;
}

describe('user rules cannot hang the scan', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = scratch('regex'));
    committedRepo(dir, {
      '.chezmoidata.yaml': `blob: ${EVIL_VALUE}\npending: x\ngithub:\n  token: ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi\n`,
      'dot_cfg.tmpl': '{{ .blob }} {{ .pending }} {{ .github.token }}\n',
    });
    mkdirSync(join(dir, '.chezmoi-sops', 'rules'), { recursive: true });
    writeFileSync(join(dir, '.chezmoi-sops', 'rules', 'evil.js'), EVIL_RULE);
    writeFileSync(join(dir, '.chezmoi-sops', 'rules', 'pending.js'), NEVER_SETTLES);
  });
  afterAll(() => cleanup());

  it('a backtracking regex and a promise that never settles: the scan ends, exit 2, both rules named', () => {
    // Unguarded, /(a+)+$/ on 48 a's and a b runs for days: the spawn timeout would fire first.
    const r = cli(['scan', dir, '--format', 'json'], { env: { CHEZMOI_SOPS_CACHE_DIR: 'off' } });
    process.stdout.write(`scan with a ReDoS user rule: ${r.ms} ms\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.errors.map((e) => e.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^rule 'house-tokens' failed on blob: took longer than \d+ ms/),
      expect.stringMatching(/^rule 'lost-promise' failed on pending: took longer than \d+ ms/),
    ]));
    // The rest of the data is still classified: the timed-out rule only loses its own verdict.
    expect(report.variables.find((v) => v.path.join('.') === 'github.token')?.class).toBe('secret');
    expect(report.variables.find((v) => v.path.join('.') === 'blob')?.class).not.toBe('config');
    expect(r.stdout).not.toContain(EVIL_VALUE);
  });

  it('CHEZMOI_SOPS_USER_RULES=off: no user rule runs (for CI on untrusted pull requests)', () => {
    const r = cli(['scan', dir, '--format', 'json'], { env: { CHEZMOI_SOPS_CACHE_DIR: 'off', CHEZMOI_SOPS_USER_RULES: 'off' } });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as JsonReport).errors).toEqual([]);
    expect(r.stdout).not.toContain('house-tokens');
  });

  it('withTimeLimit passes results of well-behaved rules through unchanged (sync and async)', async () => {
    const ctx = makeRuleContext(['k'], 'v', cloneDefaultConfig());
    const verdict = { class: 'config' as const, confidence: 1, reason: 'fine' };
    expect(withTimeLimit({ id: 's', description: '', evaluate: () => verdict }).evaluate(ctx)).toBe(verdict);
    await expect(withTimeLimit({ id: 'a', description: '', evaluate: async () => verdict }).evaluate(ctx)).resolves.toBe(verdict);
    expect(() => withTimeLimit({ id: 't', description: '', evaluate: () => { throw new Error('boom'); } }).evaluate(ctx)).toThrow('boom');
    expect(() => withTimeLimit({ id: 'r', description: '', evaluate: () => (/(a+)+$/.test(EVIL_VALUE) ? verdict : null) }, 200).evaluate(ctx)).toThrow(/took longer than 200 ms/);
  });
});

describe('built-in detectors on adversarial files', () => {
  it('a 1 MB file of classic ReDoS shapes scans to the end (exit code, not a hang)', () => {
    const { dir, cleanup } = scratch('regex-builtin');
    try {
      const shapes = [
        'password='.repeat(3000),
        `token = "${'a'.repeat(60_000)}!"`,
        `https://${'u:'.repeat(20_000)}@host`,
        `${'{{'.repeat(20_000)}`,
        `-----BEGIN PRIVATE KEY-----${'A'.repeat(50_000)}`,
        `key: ${'ab'.repeat(40_000)}`,
        `export ${'A_'.repeat(30_000)}=1`,
        `${' '.repeat(100_000)}secret=`,
        `Authorization: Bearer ${'x.'.repeat(30_000)}`,
        // A long run of blanks in a file that mentions a bearer token anywhere.
        `Bearer${' '.repeat(100_000)}x`,
      ];
      let text = '';
      while (text.length < 1_000_000) text += shapes.join('\n') + '\n';
      committedRepo(dir, { 'dot_adversarial': text, 'dot_adversarial_one_line': text.replace(/\n/g, ' ') , '.chezmoi-sops.yaml': 'maxFileSize: 4000000\n' });
      // Linear detectors take well under a second here; 15 s only bounds the test if one is not.
      const r = cli(['scan', dir, '--format', 'json'], { timeout: 15_000 });
      process.stdout.write(`scan of 2 adversarial 1 MB files: ${r.ms} ms\n`);
      expect([0, 1]).toContain(r.status);
      expect((JSON.parse(r.stdout) as JsonReport).errors).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
