import { purgePatterns } from '../../src/text/value-forms.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { planPurge, PurgeError } from '../../src/purge/index.js';
import { ExpressionError } from '../../src/purge/expressions.js';
import { secretsFromFindings } from '../../src/purge/from-findings.js';
import type { Finding } from '../../src/model.js';
import { buildRepo, cleanup, S, tempDir, type Fixture } from './fixture.js';

describe('purge plan', () => {
  let f: Fixture;
  let tempRoot: string;
  beforeAll(() => {
    f = buildRepo();
    tempRoot = tempDir('purge-plan-tmp-');
  });
  afterAll(() => cleanup(dirname(f.root), tempRoot));

  it('writes the expressions (and BFG) file 0600 in a private 0700 dir outside the repository', async () => {
    const plan = await planPurge(f.root, f.secrets, { bfg: true, tempRoot });
    const dir = dirname(plan.expressionsFile);
    expect(dirname(dir)).toBe(tempRoot);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(plan.expressionsFile).mode & 0o777).toBe(0o600);
    expect(statSync(plan.bfgFile!).mode & 0o777).toBe(0o600);
    const text = readFileSync(plan.expressionsFile, 'utf8');
    // Each value in each form it may be stored in: escaped, and a key block's lines on their own.
    expect(text.trim().split('\n')).toHaveLength(f.secrets.flatMap((s) => purgePatterns(s.value)).length);
    expect(readFileSync(plan.bfgFile!, 'utf8')).toContain(`${S.githubToken}==>***REMOVED***\n`);
  });

  it('reports refs, rotation list and the warning about clones, never a raw value', async () => {
    const plan = await planPurge(f.root, f.secrets, { tempRoot, replacement: '<gone>' });
    expect(plan.replacement).toBe('<gone>');
    expect(plan.refs).toEqual(expect.arrayContaining(['refs/heads/main', 'refs/heads/feature', 'refs/stash', 'refs/tags/v1', 'refs/remotes/origin/old-feature']));
    expect(plan.refs.some((r) => r.startsWith('refs/jj/keep/'))).toBe(true);
    expect(plan.report).toMatch(/clone, fork, CI cache/);
    expect(plan.report).toContain('ghp_****');
    const aws = plan.secrets.find((s) => s.rule === 'secretlint/aws')!;
    expect(aws.redacted).toBe('wJal****');
    // Paths found in history are added to those the findings gave (the renamed file).
    const gh = plan.secrets.find((s) => s.rule === 'secretlint/github')!;
    expect(gh.paths).toEqual(['dot_config/app/config.toml', 'dot_config/app/private_config.toml']);
    const everything = JSON.stringify(plan);
    for (const s of f.secrets) expect(everything).not.toContain(s.value);
    expect(plan.notCleaned).toEqual([]);
  });

  it('refuses (and writes nothing) when the values cannot be expressed or the temp dir is inside the repo', async () => {
    const root = tempDir('purge-plan-empty-');
    try {
      await expect(planPurge(f.root, [...f.secrets, { ...f.secrets[0]!, value: 'x==>y-secret', fingerprint: 'f' }], { bfg: true, tempRoot: root })).rejects.toThrow(ExpressionError);
      await expect(planPurge(f.root, f.secrets, { tempRoot: root, replacement: 'a==>b' })).rejects.toThrow(ExpressionError);
      expect(readdirSync(root)).toEqual([]);
      await expect(planPurge(f.root, f.secrets, { tempRoot: join(f.root, '.git') })).rejects.toThrow(PurgeError);
      await expect(planPurge(tempRoot, f.secrets, { tempRoot: root })).rejects.toThrow(/not a git repository/);
    } finally {
      cleanup(root);
    }
  });
});

describe('secretsFromFindings', () => {
  const base: Omit<Finding, 'fingerprint' | 'value' | 'file' | 'rule'> = {
    severity: 'error', line: 1, column: 1, endLine: 1, endColumn: 2, variable: null, history: null,
  };
  it('one secret per fingerprint, paths merged, message findings kept, empty values dropped', () => {
    const findings: Finding[] = [
      { ...base, fingerprint: 'a', rule: 'r1', value: 'value-one', file: 'x', history: { introduced: null as never, last: null as never, atHead: false, paths: ['x', 'y'], refs: [], commits: 2 } },
      { ...base, fingerprint: 'a', rule: 'r1', value: 'value-one', file: 'z' },
      { ...base, fingerprint: 'b', rule: 'r2', value: 'in-a-message', file: null },
      { ...base, fingerprint: 'c', rule: 'r3', value: '', file: 'w' },
    ];
    expect(secretsFromFindings(findings)).toEqual([
      { value: 'value-one', rule: 'r1', fingerprint: 'a', paths: ['x', 'y', 'z'] },
      { value: 'in-a-message', rule: 'r2', fingerprint: 'b', paths: [] },
    ]);
  });
});
