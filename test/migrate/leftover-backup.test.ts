// A backup left by a killed `migrate --write` holds plaintext originals: every later run says so.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(process.cwd(), 'bin', 'chezmoi-sops');

describe('migrate after an interrupted run', () => {
  it('warns about a backup left under .git/chezmoi-sops, and not when there is none', () => {
    const work = mkdtempSync(join(tmpdir(), 'cs-leftover-'));
    try {
      const repo = execFileSync(join(process.cwd(), 'fixtures', 'demo', 'make-repo.sh'), [join(work, 'repo')], { encoding: 'utf8' }).trim();
      const run = () => spawnSync(BIN, ['migrate', repo, '--sops-file', join(work, 'secrets.yaml')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const clean = run();
      expect(clean.status).toBe(0);
      expect(clean.stderr).not.toContain('interrupted run');
      mkdirSync(join(repo, '.git', 'chezmoi-sops', 'backup-20240101T000000Z'), { recursive: true });
      const warned = run();
      expect(warned.status).toBe(0);
      expect(warned.stderr).toContain(`a backup from an interrupted run is still at ${join(repo, '.git', 'chezmoi-sops', 'backup-20240101T000000Z')}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
