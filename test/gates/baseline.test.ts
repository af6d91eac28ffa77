import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint } from '../../src/fingerprint.js';
import { applyBaseline, configurationChanges, configurationOf, createBaseline, loadBaseline, parseBaseline, serializeBaseline, type Baseline } from '../../src/gates/baseline.js';
import { builtinRules } from '../../rules/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import { auditBaseline, parseDecision, type AuditDecision } from '../../src/gates/audit.js';
import type { Finding, ScanResult } from '../../src/model.js';
import { fakeAwsSecret, fakeGithubToken, TempRepo } from './helpers.js';

function finding(rule: string, value: string, file: string | null, line: number, variable: string[] | null = null): Finding {
  return { fingerprint: fingerprint(rule, value), rule, severity: 'error', file, line, column: 5, endLine: line, endColumn: 5 + value.length, value, variable, history: null };
}
const result = (findings: Finding[]): ScanResult => ({ command: 'scan', root: '/src', variables: [], findings, errors: [], notes: [] });

const tokenA = fakeGithubToken(1);
const tokenB = fakeGithubToken(2);
const awsSecret = fakeAwsSecret(3);

describe('baseline file', () => {
  const accepted = result([
    finding('variable/secret', tokenA, '.chezmoidata.yaml', 4, ['github', 'token']),
    finding('secretlint/aws', awsSecret, 'private_dot_aws/credentials', 3),
    finding('secretlint/aws', awsSecret, 'dot_config/other/credentials', 9),
    finding('secretlint/aws', awsSecret, 'private_dot_aws/credentials', 3), // the same finding twice: one entry
  ]);

  it('holds no secret, no line numbers and no timestamps, and is sorted by fingerprint then file', () => {
    const text = serializeBaseline(createBaseline(accepted));
    expect(text).not.toContain(tokenA);
    expect(text).not.toContain(awsSecret);
    expect(text).not.toMatch(/"line"|"column"|date|time/i);
    const entries = JSON.parse(text).entries as { fingerprint: string; file: string }[];
    expect(entries).toHaveLength(3);
    const keys = entries.map((e) => `${e.fingerprint} ${e.file}`);
    expect(keys).toEqual([...keys].sort());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n').filter((l) => l.includes('"fingerprint"'))).toHaveLength(3); // one entry per line
  });

  it('does not churn: the same findings in another order and at other lines give the same bytes', () => {
    const moved = result([...accepted.findings].reverse().map((f) => ({ ...f, line: f.line + 17 })));
    expect(serializeBaseline(createBaseline(moved))).toBe(serializeBaseline(createBaseline(accepted)));
  });

  it('round-trips through the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
    try {
      const file = join(dir, '.chezmoi-sops-baseline.json');
      const b = createBaseline(accepted);
      b.entries[0].falsePositive = true;
      writeFileSync(file, serializeBaseline(b));
      expect(await loadBaseline(file)).toEqual(b);
      expect(serializeBaseline(await loadBaseline(file))).toBe(readFileSync(file, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file and the place when it is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
    try {
      const file = join(dir, 'b.json');
      writeFileSync(file, '{\n  "version": 1,\n  "entries": [\n    {"fingerprint": "x"\n  ]\n}\n');
      await expect(loadBaseline(file)).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:[45]:\\d+: not valid JSON`));
      await expect(loadBaseline(join(dir, 'missing.json'))).rejects.toThrow(/cannot read baseline .*missing\.json: no such file/);
      expect(() => parseBaseline('{"version": 2, "entries": []}', 'b.json')).toThrow(/b\.json: "version": unsupported baseline version 2/);
      const bad = serializeBaseline(createBaseline(accepted)).replace(/"fingerprint":"[0-9a-f]+"/, (m) => m.slice(0, -3) + '"');
      expect(() => parseBaseline(bad, 'b.json')).toThrow(/b\.json: entry 1 \(line 4\): "fingerprint" must be 64 lower-case hex digits/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('applyBaseline', () => {
  const baseline = createBaseline(result([finding('variable/secret', tokenA, '.chezmoidata.yaml', 4, ['github', 'token'])]));

  it('suppresses an accepted secret wherever it moved: another line, another file, another layout', () => {
    const later = result([
      finding('variable/secret', tokenA, '.chezmoidata.yaml', 40, ['github', 'token']),
      finding('variable/secret', tokenA, '.chezmoidata/github.toml', 2, ['github', 'token']),
    ]);
    const { result: r, suppressed } = applyBaseline(later, baseline);
    expect(r.findings).toEqual([]);
    expect(suppressed).toBe(2);
  });

  it('still reports a different secret on the same line, and the same secret under another rule', () => {
    const later = result([
      finding('variable/secret', tokenB, '.chezmoidata.yaml', 4, ['github', 'token']),
      finding('secretlint/github', tokenA, 'dot_config/gh/hosts.yml', 2),
    ]);
    const { result: r, suppressed } = applyBaseline(later, baseline);
    expect(r.findings.map((f) => [f.rule, f.value])).toEqual([['variable/secret', tokenB], ['secretlint/github', tokenA]]);
    expect(suppressed).toBe(0);
  });

  it('leaves the rest of the result alone', () => {
    const input = { ...result([]), errors: [{ file: 'x.tmpl', message: 'unclosed action' }] };
    expect(applyBaseline(input, baseline).result).toEqual(input);
  });
});

describe('auditBaseline', () => {
  const b: Baseline = createBaseline(result([
    finding('r/a', 'value-one-1', 'a', 1), finding('r/b', 'value-two-22', 'b', 1), finding('r/c', 'value-three-333', 'c', 1),
  ]));

  it('keeps, drops and marks as told, in file order', async () => {
    const decisions: AuditDecision[] = ['false-positive', 'drop', 'keep'];
    const out = await auditBaseline(b, async (_e, i) => decisions[i]);
    expect(out.baseline.entries.map((e) => [e.fingerprint, Boolean(e.falsePositive)])).toEqual([[b.entries[0].fingerprint, true], [b.entries[2].fingerprint, false]]);
    expect([out.kept, out.dropped, out.markedFalsePositive, out.unreviewed, out.changed]).toEqual([1, 1, 1, 0, true]);
  });

  it('quitting keeps the entries not yet reviewed unchanged', async () => {
    const out = await auditBaseline(b, async (_e, i) => (i === 0 ? 'drop' : 'quit'));
    expect(out.baseline.entries).toEqual(b.entries.slice(1));
    expect(out.unreviewed).toBe(2);
  });

  it('understands the answers typed at the prompt', () => {
    expect(['', 'k', 'D', ' f ', 'q', 'maybe'].map(parseDecision)).toEqual(['keep', 'keep', 'drop', 'false-positive', 'quit', null]);
  });
});

describe('the configuration a baseline was made with (as detect-secrets records its plugins and filters)', () => {
  const defaults = configurationOf(cloneDefaultConfig(), builtinRules);

  it('is recorded in the file, read back, and absent from older baselines without complaint', () => {
    const b = createBaseline(result([finding('variable/secret', tokenA, '.chezmoidata.yaml', 4)]), defaults);
    const text = serializeBaseline(b);
    expect(parseBaseline(text, 'b.json')).toEqual(b);
    expect(defaults.rules).toEqual([...builtinRules.map((r) => r.id)].sort());
    // Serialized twice, the same bytes (no churn).
    expect(serializeBaseline(parseBaseline(text, 'b.json'))).toBe(text);
    expect(parseBaseline('{"version": 1, "entries": []}', 'old.json').configuration).toBeUndefined();
    expect(() => parseBaseline('{"version": 1, "configuration": [], "entries": []}', 'b.json')).toThrow(/b\.json: "configuration": expected an object/);
  });

  it('says in words what differs: rules switched off or new, thresholds, limits, ignored paths, overrides', () => {
    const config = cloneDefaultConfig();
    config.rules.entropy = false;
    config.entropy.base64 = 4;
    config.maxFileSize = 5_000_000;
    config.ignorePaths = ['vendor/'];
    config.overrides = { 'work.email': 'config' };
    const recorded = { ...defaults, rules: defaults.rules.filter((id) => id !== 'discord-token') };
    const userRule = { id: 'my-rule', description: 'x', evaluate: () => null };
    expect(configurationChanges(recorded, configurationOf(config, [...builtinRules, userRule]))).toEqual([
      "rule 'entropy' is off (it ran when the baseline was made)",
      "rule 'discord-token' runs now (not when the baseline was made)",
      "rule 'my-rule' runs now (not when the baseline was made)",
      'entropy.base64 is 4 (was 4.5)',
      'maxFileSize is 5000000 (was 1048576)',
      'ignorePaths is ["vendor/"] (was [])',
      'overrides is {"work.email":"config"} (was {})',
    ]);
    expect(configurationChanges(defaults, configurationOf(cloneDefaultConfig(), builtinRules))).toEqual([]);
  });

  it('scan says on stderr when the baseline was made with another configuration; the findings and exit code are unchanged', () => {
    const repo = new TempRepo();
    try {
      repo.write('.chezmoidata.yaml', `github:\n  token: ${tokenA}\n`);
      repo.write('dot_gitconfig.tmpl', '[github]\n  token = {{ .github.token }}\n');
      repo.write('.chezmoi-sops.yaml', 'entropy:\n  base64: 4.5\n');
      expect(repo.cli('baseline', 'create', '.', '--quiet').status).toBe(0);
      const file = readFileSync(join(repo.dir, '.chezmoi-sops-baseline.json'), 'utf8');
      expect(parseBaseline(file, 'b').configuration).toEqual(defaults);
      const same = repo.cli('scan', '.', '--format', 'json');
      expect({ status: same.status, stderr: same.stderr }).toEqual({ status: 0, stderr: '' });
      repo.write('.chezmoi-sops.yaml', 'entropy:\n  base64: 4.0\nrules:\n  url-credentials: false\n');
      const changed = repo.cli('scan', '.', '--format', 'json');
      // The report is the scan's own (the reasons quote the new threshold); the note is on stderr only.
      const findings = (r: { stdout: string }) => (JSON.parse(r.stdout) as { findings: unknown[] }).findings;
      expect(findings(changed)).toEqual(findings(same));
      expect({ status: changed.status, stderr: changed.stderr }).toEqual({
        status: 0,
        stderr:
          'chezmoi-sops scan: note: the baseline .chezmoi-sops-baseline.json was made with another configuration: ' +
          "rule 'url-credentials' is off (it ran when the baseline was made); entropy.base64 is 4 (was 4.5). " +
          'What it accepted is still accepted; a finding only the new configuration makes is reported (accept it with `chezmoi-sops baseline create`).\n',
      });
      // --quiet says nothing when nothing is found.
      expect(repo.cli('scan', '.', '--quiet').stderr).toBe('');
    } finally {
      repo.cleanup();
    }
  });
});
