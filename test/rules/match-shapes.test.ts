// What a finding's match is — a block of lines (a private key), a URL with credentials — is
// declared by what finds it (a known pattern, a detector, a rule's `matches`: secretlint's
// privatekey and basicauth in its adapter, url-credentials), and the grader reads only that: a
// block is kept whole, a URL whose password is filler is dropped, other findings are not.
import { builtinRules } from '../../rules/index.js';
import { gradeFindings } from '../../src/classify/grade.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import { fingerprint } from '../../src/fingerprint.js';
import type { Finding } from '../../src/model.js';
import { fakeString } from '../classify/helpers/fake.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const block = `-----BEGIN OPENSSH PRIVATE KEY-----\n${[61, 62, 63].map((s) => fakeString(s, B64, 64)).join('\n')}\n-----END OPENSSH PRIVATE KEY-----`;
const file = 'private_dot_ssh/private_id_work';

function graded(rule: string, value = block, where = file): string[] {
  const lines = value.split('\n');
  const f: Finding = {
    fingerprint: fingerprint(rule, value), rule, severity: 'error', file: where, line: 1, column: 1,
    endLine: lines.length, endColumn: lines.at(-1)!.length + 1, value, variable: null, history: null,
  };
  return gradeFindings([f], new Map([[where, `${value}\n`]]), { config: cloneDefaultConfig(), rules: builtinRules }).findings.map((x) => x.value);
}

test.each(['secretlint/privatekey', 'known-pattern/private-key', 'openvpn-static-key', 'putty-private-key'])('%s: a block of lines, kept whole', (rule) => {
  expect(graded(rule)).toEqual([block]);
});

test('a single-line rule that ran past the line end is cut at it', () => {
  expect(graded('secretlint/github')).toEqual([block.split('\n')[0]]);
});

// The user name again as its password: dropped only by the URL check.
const fillerUrl = 'postgres://postgres:postgres@db.example.com/app';

test.each(['secretlint/basicauth', 'secretlint/database-connection-string', 'url-credentials'])('%s: a URL whose password is filler is dropped', (rule) => {
  expect(graded(rule, fillerUrl, 'dot_gitconfig')).toEqual([]);
});

test('a rule not declared to match URLs keeps such a value (the URL check is not applied to it)', () => {
  expect(graded('known-pattern/jwt', fillerUrl, 'dot_gitconfig')).toEqual([fillerUrl]);
});

// A token-looking value in a vendored file: a provider's format is still reported (a warning of
// that kind); what only a key name or entropy found there is not.
const vendored = 'dot_config/app/node_modules/lib/config.js';
const tokenLike = `token = "${fakeString(71, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40)}"`;

test.each(['secretlint/github', 'known-pattern/gitlab-token'])('%s: a provider format, reported in a vendored file', (rule) => {
  const value = tokenLike.slice(9, -1);
  expect(graded(rule, value, vendored)).toEqual([value]);
});

test('a finding of name-keyword in a vendored file is not reported', () => {
  expect(graded('name-keyword', tokenLike.slice(9, -1), vendored)).toEqual([]);
});
