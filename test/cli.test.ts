import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = join(process.cwd(), 'bin', 'chezmoi-sops');

describe('cli entry', () => {
  it('prints the version from package.json', () => {
    const out = execFileSync(bin, ['--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe('0.1.0');
  });

  it('rejects an unknown command with exit code 2', () => {
    const r = spawnSync(bin, ['frobnicate'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});
