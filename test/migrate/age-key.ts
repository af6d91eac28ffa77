// A fresh age identity for a test file, in SOPS_AGE_KEY while its tests run (as sops reads it),
// and the variable put back afterwards.
import { generateIdentity } from 'age-encryption';

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
