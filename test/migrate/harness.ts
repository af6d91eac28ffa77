// What the migrate tests share: a fresh age identity in SOPS_AGE_KEY while a test file runs, and
// git run in the test's repository with a fixed identity.
import { execFileSync } from 'node:child_process';
import { generateIdentity } from 'age-encryption';

/** git in the repository `cwd()` names at call time (tests make a new one per test). */
export function gitIn(cwd: () => string): (...args: string[]) => string {
  return (...args) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: cwd(), encoding: 'utf8' });
}

export function withAgeKey(onIdentity: (identity: string) => void): void {
  const saved = process.env.SOPS_AGE_KEY;
  beforeAll(async () => {
    const identity = await generateIdentity();
    process.env.SOPS_AGE_KEY = identity;
    onIdentity(identity);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.SOPS_AGE_KEY;
    else process.env.SOPS_AGE_KEY = saved;
  });
}
