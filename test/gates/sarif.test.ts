import { fingerprint } from '../../src/fingerprint.js';
import type { ClassifiedVariable, Finding, ScanResult } from '../../src/model.js';
import { FINGERPRINT_KEY, pathToUri, toSarif } from '../../src/report/sarif.js';
import { fakeAwsKeyId, fakeGithubToken } from './helpers.js';
import { sarifSchemaErrors } from './sarif-schema.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const token = fakeGithubToken(7);
const awsId = fakeAwsKeyId(9);

function finding(over: Partial<Finding> & { rule: string; value: string }): Finding {
  const line = over.line ?? 1;
  const column = over.column ?? 1;
  return {
    fingerprint: fingerprint(over.rule, over.value), severity: 'error', file: 'dot_env', line, column,
    endLine: line, endColumn: column + Array.from(over.value).length, variable: null, history: null, ...over,
  };
}

const tokenVariable: ClassifiedVariable = {
  path: ['github', 'token'], class: 'secret', reasons: [{ rule: 'name-keyword', message: "key name contains 'token'" }], value: token,
  definedIn: [{ file: '.chezmoidata.yaml', line: 4, column: 10 }],
  usedIn: [{ file: 'dot_gitconfig.tmpl', line: 12, column: 14 }, { file: 'dot_config/gh/hosts.yml.tmpl', line: 2, column: 16 }],
};

const scanResult: ScanResult = {
  command: 'scan', root: '/home/rain/.local/share/chezmoi',
  variables: [tokenVariable, { path: ['name'], class: 'config', reasons: [], value: 'Rain', definedIn: [], usedIn: [] }],
  findings: [
    finding({ rule: 'variable/secret', value: token, file: '.chezmoidata.yaml', line: 4, column: 10, variable: ['github', 'token'] }),
    finding({ rule: 'secretlint/aws', value: awsId, file: 'private_dot_aws/credentials', line: 2, column: 21 }),
    finding({ rule: 'secretlint/aws', value: 'wJalrXUtnFEMI/K7MDENG', severity: 'warning', file: 'dir with space/100%#?é[x].tmpl', line: 3, column: 2 }),
    finding({ rule: 'secretlint/aws', value: 'zz-second-secret-value', file: 'evil\u001b[31m\nname\ud800.txt', line: 1, column: 1 }),
  ],
  errors: [{ file: 'dot_broken.tmpl', line: 3, column: 7, message: 'unclosed action' }],
  notes: [{ file: 'encrypted_dot_secret.age', message: 'encrypted file: not scanned' }],
};

const commit = (sha: string, subject: string) => ({ sha, author: 'Rain <rain@example.invalid>', date: '2024-01-05T10:00:00Z', subject });

const historyResult: ScanResult = {
  command: 'history', root: '/repo', variables: [], errors: [], notes: [], incompleteHistory: true,
  findings: [
    finding({
      rule: 'secretlint/github', value: token, file: 'dot_config/gh/hosts.yml', line: 2, column: 16,
      history: { introduced: commit('a'.repeat(40), 'add gh'), last: commit('b'.repeat(40), 'rm gh'), atHead: false, paths: ['dot_config/gh/hosts.yml'], refs: ['refs/heads/main'], commits: 3 },
    }),
    finding({
      rule: 'secretlint/github', value: fakeGithubToken(99), file: null, line: 1, column: 7,
      history: { introduced: commit('c'.repeat(40), `oops ${fakeGithubToken(99)}`), last: commit('c'.repeat(40), `oops ${fakeGithubToken(99)}`), atHead: true, paths: [], refs: ['refs/heads/main'], commits: 1 },
    }),
  ],
};

describe('toSarif', () => {
  it('validates against the official SARIF 2.1.0 schema (scan and history)', () => {
    for (const r of [scanResult, historyResult, { ...scanResult, findings: [], errors: [], notes: [] }]) {
      expect(sarifSchemaErrors(JSON.parse(JSON.stringify(toSarif(r, { showSecrets: false, toolVersion: '0.1.0' }))))).toEqual([]);
    }
  });

  it('the schema check is not vacuous: a broken log is rejected', () => {
    const log = toSarif(scanResult, { showSecrets: false, toolVersion: '0.1.0' }) as any;
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    delete log.runs[0].tool.driver.name;
    expect(sarifSchemaErrors(log).length).toBeGreaterThan(0);
  });

  it('describes each rule once and points results at it', () => {
    const run = (toSarif(scanResult, { showSecrets: false, toolVersion: '0.1.0' }) as any).runs[0];
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    expect(ids).toEqual(['secretlint/aws', 'variable/secret']);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text).toContain('chezmoi-sops');
      expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(7);
    }
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(run.columnKind).toBe('unicodeCodePoints');
  });

  it('locates each finding with a relative URI, a region and our content fingerprint', () => {
    const run = (toSarif(scanResult, { showSecrets: false, toolVersion: '0.1.0' }) as any).runs[0];
    const aws = run.results[1];
    expect(aws.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'private_dot_aws/credentials', uriBaseId: 'SRCROOT' },
      region: { startLine: 2, startColumn: 21, endLine: 2, endColumn: 41, snippet: { text: 'AKIA****' } },
    });
    expect(aws.partialFingerprints[FINGERPRINT_KEY]).toBe(fingerprint('secretlint/aws', awsId));
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe('file:///home/rain/.local/share/chezmoi/');
  });

  it('never puts a secret in the log unless asked, and does with showSecrets', () => {
    const hidden = JSON.stringify(toSarif(scanResult, { showSecrets: false, toolVersion: '0.1.0' })) + JSON.stringify(toSarif(historyResult, { showSecrets: false, toolVersion: '0.1.0' }));
    for (const f of [...scanResult.findings, ...historyResult.findings]) expect(hidden).not.toContain(f.value);
    const shown = JSON.stringify(toSarif(scanResult, { showSecrets: true, toolVersion: '0.1.0' }));
    expect(shown).toContain(token);
    expect(shown).toContain(awsId);
  });

  it('makes hostile file names safe URIs (percent-encoded, no scheme, no control characters)', () => {
    const run = (toSarif(scanResult, { showSecrets: false, toolVersion: '0.1.0' }) as any).runs[0];
    const uris: string[] = run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris[2]).toBe('dir%20with%20space/100%25%23%3F%C3%A9%5Bx%5D.tmpl');
    expect(decodeURIComponent(uris[2].split('/')[1])).toBe('100%#?é[x].tmpl');
    expect(uris[3]).toBe('evil%1B%5B31m%0Aname%EF%BF%BD.txt');
    for (const uri of uris) expect(uri).toMatch(/^[A-Za-z0-9._~%!$&'()*+,;=:@/-]+$/);
    expect(pathToUri('a\\b//c')).toBe('a/b/c');
  });

  it('a secret template variable lists the templates that read it', () => {
    const run = (toSarif(scanResult, { showSecrets: false, toolVersion: '0.1.0' }) as any).runs[0];
    const varResult = run.results[0];
    expect(varResult.properties.variable).toEqual(['github', 'token']);
    expect(varResult.message.text).toContain('github.token');
    expect(varResult.relatedLocations.map((l: any) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]))
      .toEqual([['dot_gitconfig.tmpl', 12], ['dot_config/gh/hosts.yml.tmpl', 2]]);
  });

  it('history findings carry their commits; a commit-message secret has a logical location and a scrubbed subject', () => {
    const run = (toSarif(historyResult, { showSecrets: false, toolVersion: '0.1.0' }) as any).runs[0];
    expect(run.results[0].properties.history.introduced.sha).toBe('a'.repeat(40));
    expect(run.results[0].properties.history.atHead).toBe(false);
    expect(run.results[0].message.text).toContain('aaaaaaaaaaaa');
    const msg = run.results[1];
    expect(msg.locations[0].logicalLocations[0].fullyQualifiedName).toBe(`commit:${'c'.repeat(40)}:message`);
    expect(msg.properties.history.introduced.subject).toBe('oops ghp_****');
    expect(run.properties.incompleteHistory).toBe(true);
    expect(run.automationDetails.id).toBe('chezmoi-sops/history/');
  });

  it('prefixes scan paths with the .chezmoiroot subfolder when given the repository root', () => {
    const r = { ...scanResult, root: '/repo/home' };
    const run = (toSarif(r, { showSecrets: false, toolVersion: '0.1.0', repoRoot: '/repo' }) as any).runs[0];
    expect(run.results[1].locations[0].physicalLocation.artifactLocation.uri).toBe('home/private_dot_aws/credentials');
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe('file:///repo/');
  });

  it('reports files that could not be analysed as failed execution with notifications', () => {
    const inv = (toSarif(scanResult, { showSecrets: false, toolVersion: '0.1.0' }) as any).runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications[0].locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 7 });
    expect(inv.toolExecutionNotifications[1].level).toBe('note');
  });
});
