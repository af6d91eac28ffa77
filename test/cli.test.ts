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

describe('purge warnings', () => {
  it('escape control characters in the message as well as in the file name', async () => {
    const { errorLines } = await import('../src/cli/commands/purge.js');
    const lines = errorLines({
      errors: [{ file: 'dot_\x1b[31mred.tmpl', line: 2, message: 'template does not parse: unclosed action started at dot_\x1b[31mred.tmpl:1\x07' }],
      incompleteHistory: false,
    });
    expect(lines).toEqual(['warning: dot_\\x1b[31mred.tmpl:2: template does not parse: unclosed action started at dot_\\x1b[31mred.tmpl:1\\x07 (a secret there would not be purged)']);
  });
});
