import { accessSync, constants, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hookScript, hooksDir, HOOK_MARKER, installHook } from '../../src/gates/hook.js';
import { TempRepo } from './helpers.js';

describe('installHook', () => {
  let repo: TempRepo;
  beforeEach(() => { repo = new TempRepo(); });
  afterEach(() => repo.cleanup());

  it('writes an executable .git/hooks/pre-commit that runs scan --staged and tells how to bypass it', async () => {
    const { path, message } = await installHook(repo.dir, { force: false });
    expect(path).toBe(join(realpathSync(repo.dir), '.git', 'hooks', 'pre-commit'));
    expect(() => accessSync(path, constants.X_OK)).not.toThrow();
    const script = readFileSync(path, 'utf8');
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain(HOOK_MARKER);
    expect(script).toContain('scan --staged');
    expect(message).toContain('git commit --no-verify');
    expect(message).toContain(path);
  });

  it('honours core.hooksPath relative to the work tree root, also when run from a subdirectory', async () => {
    repo.git('config', 'core.hooksPath', 'tools/hooks');
    mkdirSync(join(repo.dir, 'sub'));
    const { path } = await installHook(join(repo.dir, 'sub'), { force: false });
    expect(path).toBe(join(realpathSync(repo.dir), 'tools', 'hooks', 'pre-commit'));
    expect(await hooksDir(realpathSync(repo.dir))).toBe(join(realpathSync(repo.dir), 'tools', 'hooks'));
  });

  it('never clobbers a foreign hook without --force, and keeps it as pre-commit.bak with --force', async () => {
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho mine\n', { mode: 0o755 });
    await expect(installHook(repo.dir, { force: false })).rejects.toThrow(/already exists and is not a chezmoi-sops hook.*--force/);
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\necho mine\n');
    const { message } = await installHook(repo.dir, { force: true });
    expect(readFileSync(`${hook}.bak`, 'utf8')).toBe('#!/bin/sh\necho mine\n');
    expect(readFileSync(hook, 'utf8')).toContain(HOOK_MARKER);
    expect(message).toContain('pre-commit.bak');
  });

  it('re-installs its own hook without --force', async () => {
    await installHook(repo.dir, { force: false });
    await expect(installHook(repo.dir, { force: false })).resolves.toHaveProperty('path');
  });

  it('uses the main repository hooks from a linked worktree', async () => {
    repo.write('f', 'x\n');
    repo.commitAll('init');
    const wt = `${repo.dir}-wt`;
    repo.git('worktree', 'add', '-q', wt);
    try {
      const { path } = await installHook(wt, { force: false });
      expect(path).toBe(join(realpathSync(repo.dir), '.git', 'hooks', 'pre-commit'));
    } finally {
      repo.git('worktree', 'remove', '--force', wt);
    }
  });

  it('quotes paths in the script so a space or quote cannot break it', () => {
    const script = hookScript(['/opt/my node/node', "/x/it's/bin/chezmoi-sops"], ['chezmoi-sops']);
    expect(script).toContain(`exec '/opt/my node/node' '/x/it'\\''s/bin/chezmoi-sops' scan --staged --quiet .`);
    expect(script).toContain(`exec 'chezmoi-sops' scan --staged --quiet .`);
  });
});
