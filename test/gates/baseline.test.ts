import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint } from '../../src/fingerprint.js';
import { applyBaseline, createBaseline, loadBaseline, parseBaseline, serializeBaseline, type Baseline } from '../../src/gates/baseline.js';
import { auditBaseline, parseDecision, type AuditDecision } from '../../src/gates/audit.js';
import type { Finding, ScanResult } from '../../src/model.js';
import { fakeAwsSecret, fakeGithubToken } from './helpers.js';

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
