// The fixtures of fixtures/precision/: real-world shapes with synthetic values. Token-shaped values
// are written as @@MARKERS@@ and built here at run time (no provider-format literal sits in the repo).
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeString } from './fake.js';
import { tokenChecksum } from '../../../src/classify/verified-token.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const FIXTURES = join(process.cwd(), 'fixtures', 'precision');

const body = fakeString(101, ALNUM, 30);
/** A GitHub token with a valid checksum (the format GitHub itself verifies). */
export const verifiedGithubToken = `ghp_${body}${tokenChecksum(body)}`;
const pem = `-----BEGIN EC PRIVATE KEY-----\n${[102, 103, 104].map((s) => fakeString(s, ALNUM + '+/', 64)).join('\n')}\n-----END EC PRIVATE KEY-----\n`;

export const markers: Record<string, string> = {
  GHP_VERIFIED: verifiedGithubToken,
  GHP_A: verifiedGithubToken.slice(0, 20),
  GHP_B: verifiedGithubToken.slice(20),
  TOKEN32: fakeString(105, ALNUM, 32),
  PRIVKEY_B64: Buffer.from(pem).toString('base64'),
  WG_PRIVATE: Buffer.from(fakeString(106, ALNUM, 32)).toString('base64'),
  AWS_ID: 'AKIA' + fakeString(107, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
  AWS_SECRET: fakeString(108, ALNUM + '+/', 40),
  PK_LIVE: 'pk_live_' + fakeString(109, ALNUM, 24),
  URL_PASSWORD: fakeString(110, ALNUM, 18),
  HASH_PASSPHRASE: fakeString(111, ALNUM, 6) + '#' + fakeString(112, ALNUM, 9),
};

/** Copy fixtures/precision/NAME into `to`, markers expanded. */
export function writeFixture(name: string, to: string): string {
  cpSync(join(FIXTURES, name), to, { recursive: true });
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const text = readFileSync(p, 'utf8');
        const out = text.replace(/@@([A-Z0-9_]+)@@/g, (m, k: string) => markers[k] ?? m);
        if (out !== text) writeFileSync(p, out);
      }
    }
  };
  walk(to);
  return to;
}
