// Deterministic fake credentials for tests (built at run time so no token-shaped literal sits in the repo).
import { rng } from '../../../bench/quality-generator.mjs';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function fakeString(seed: number, alphabet: string, length: number): string {
  const r = rng(seed);
  return Array.from({ length }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
}

export const fake = {
  githubToken: () => 'ghp_' + fakeString(1, ALNUM, 36),
  awsKeyId: () => 'AKIA' + fakeString(2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
  awsSecret: () => fakeString(3, ALNUM + '+/', 40),
  slackToken: () => `xoxb-${fakeString(4, '0123456789', 12)}-${fakeString(5, '0123456789', 13)}-${fakeString(6, ALNUM, 24)}`,
  privateKey: () => `-----BEGIN OPENSSH PRIVATE KEY-----\n${[7, 8, 9, 10].map((s) => fakeString(s, ALNUM + '+/', 64)).join('\n')}\n-----END OPENSSH PRIVATE KEY-----`,
  password: () => fakeString(11, ALNUM + '!#%&*', 14) + '7q!',
  base64Secret: () => fakeString(12, ALNUM + '+/', 44),
};
