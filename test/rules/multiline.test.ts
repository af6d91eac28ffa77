// A match that is a block of lines (a private key) is declared by what finds it — a known pattern,
// a detector or a scanner's rule (secretlint's privatekey, in its adapter) — and the grader keeps
// it whole; any other finding that runs past a line end is cut there.
import { builtinRules } from '../../rules/index.js';
import { gradeFindings } from '../../src/classify/grade.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import { fingerprint } from '../../src/fingerprint.js';
import type { Finding } from '../../src/model.js';
import { fakeString } from '../classify/helpers/fake.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const block = `-----BEGIN OPENSSH PRIVATE KEY-----\n${[61, 62, 63].map((s) => fakeString(s, B64, 64)).join('\n')}\n-----END OPENSSH PRIVATE KEY-----`;
const file = 'private_dot_ssh/private_id_work';

function graded(rule: string): string[] {
  const lines = block.split('\n');
  const f: Finding = {
    fingerprint: fingerprint(rule, block), rule, severity: 'error', file, line: 1, column: 1,
    endLine: lines.length, endColumn: lines.at(-1)!.length + 1, value: block, variable: null, history: null,
  };
  return gradeFindings([f], new Map([[file, `${block}\n`]]), { config: cloneDefaultConfig(), rules: builtinRules }).findings.map((x) => x.value);
}

test.each(['secretlint/privatekey', 'known-pattern/private-key', 'openvpn-static-key', 'putty-private-key'])('%s: a block of lines, kept whole', (rule) => {
  expect(graded(rule)).toEqual([block]);
});

test('a single-line rule that ran past the line end is cut at it', () => {
  expect(graded('secretlint/github')).toEqual([block.split('\n')[0]]);
});
