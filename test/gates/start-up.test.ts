// The pre-commit hook's start-up (bin/scan-bundle.cjs): `scan` runs from one script compiled with
// the V8 code cache the build made, and must give exactly what the ES module bundle gives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, checkout, fakeGithubToken, gitEnv, TempRepo } from './helpers.js';

const TS_RULE = `import type { Rule } from 'chezmoi-sops/rule';
const wifi: Rule = {
  id: 'wifi-psk',
  description: 'wifi passphrases',
  evaluate: (ctx) => (ctx.path[0] === 'wifi' ? { class: 'secret', confidence: 0.9, reason: 'wifi passphrase (house rule)' } : null),
};
export default wifi;
`;
const JS_RULE = `export default {
  id: 'hostnames-config',
  description: 'our host names are not secret',
  evaluate: (ctx) => (ctx.name === 'hostname' ? { class: 'config', confidence: 1, reason: 'host names are public' } : null),
};
`;

/** The environment of a run without Node options (the code cache fits) or with a V8 flag (it does not). */
const envWith = (nodeOptions: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...gitEnv, ...extra };
  delete env.NODE_OPTIONS;
  if (nodeOptions) env.NODE_OPTIONS = nodeOptions;
  return env;
};

test('the build made a code cache that this Node accepts', () => {
  const probe = `const m = require(${JSON.stringify(join(checkout, 'bin', 'scan-bundle.cjs'))}).load(); process.stdout.write(String(typeof (m && m.main)));`;
  const run = spawnSync(process.execPath, ['-e', probe], { env: envWith(''), encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('function');
});

test('scan from the code cache gives what the ES module bundle gives: findings, user rules, output, exit code', () => {
  const repo = new TempRepo();
  const cache = mkdtempSync(join(tmpdir(), 'chezmoi-sops-rules-cache-'));
  try {
    repo.write('.chezmoidata.yaml', `wifi:\n  home: my cat is called sam\nhostname: box1\ngithub_token: ${fakeGithubToken(7)}\n`);
    repo.write('dot_wifi.tmpl', 'psk={{ .wifi.home }}\nhost={{ .hostname }}\ntoken={{ .github_token }}\n');
    repo.write('.chezmoi-sops/rules/wifi.ts', TS_RULE);
    repo.write('.chezmoi-sops/rules/hosts.js', JS_RULE);
    repo.git('add', '-A');
    const run = (nodeOptions: string, format: string) =>
      spawnSync(process.execPath, [bin, 'scan', '--staged', '.', '--format', format], { cwd: repo.dir, env: envWith(nodeOptions, { CHEZMOI_SOPS_CACHE_DIR: cache }), encoding: 'utf8' });
    for (const format of ['json', 'text', 'sarif']) {
      const fast = run('', format);
      const esm = run('--max-old-space-size=3000', format);
      expect(fast.stderr).toBe('');
      expect(fast.status).toBe(1);
      expect({ status: fast.status, stdout: fast.stdout, stderr: fast.stderr }).toEqual({ status: esm.status, stdout: esm.stdout, stderr: esm.stderr });
    }
    const report = JSON.parse(run('', 'json').stdout) as { variables: { path: string[]; reasons: { rule: string }[] }[] };
    const rulesOf = (path: string) => report.variables.find((v) => v.path.join('.') === path)?.reasons.map((r) => r.rule);
    expect(rulesOf('wifi.home')).toContain('wifi-psk');
    expect(rulesOf('hostname')).toContain('hostnames-config');
  } finally {
    repo.cleanup();
    rmSync(cache, { recursive: true, force: true });
  }
});
