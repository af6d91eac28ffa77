import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionsOf } from '../src/cli/options.js';

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

describe('options are declared per command', () => {
  const run = (args: string[], cwd?: string) => spawnSync(bin, args, { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });

  it('a flag of another command, or of another form of this one, is a usage error (exit 2) that names it; nothing is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-cli-'));
    try {
      execFileSync('git', ['init', '-q', dir]);
      const out = join(dir, 'F');
      const hook = run(['install-hook', dir, '--format', 'bogus', '--output', out]);
      expect({ status: hook.status, stderr: hook.stderr }).toEqual({ status: 2, stderr: 'chezmoi-sops install-hook: --format is not an option of install-hook (see chezmoi-sops install-hook --help)\n' });
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
      for (const [args, flag, where] of [
        [['inspect', 'x.tmpl', '--baseline', 'b.json'], '--baseline', 'inspect'],
        [['purge', 'plan', dir, '--yes'], '--yes', 'purge plan'],
        [['purge', 'run', dir, '--bfg', '--yes'], '--bfg', 'purge run'],
        [['baseline', 'audit', dir, '--history'], '--history', 'baseline audit'],
        [['migrate', dir, '--sops-file', 's.yaml', '--strict'], '--strict', 'migrate'],
      ] as const) {
        const r = run([...args]);
        expect([args.join(' '), r.status, r.stderr]).toEqual([args.join(' '), 2, expect.stringContaining(`${flag} is not an option of ${where} `)]);
      }
      const unknown = run(['scan', dir, '--frobnicate']);
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toMatch(/^chezmoi-sops scan: Unknown option '--frobnicate'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help lists exactly the options the command accepts, each with a line of its own', async () => {
    const commands = ['inspect', 'scan', 'history', 'migrate', 'purge', 'baseline', 'install-hook'];
    for (const name of commands) {
      const command = (await import(`../src/cli/commands/${name}.js`)).default as import('../src/cli/command.js').Command;
      const help = run([name, '--help']);
      expect(help.status).toBe(0);
      const declared = new Set(command.forms.flatMap((f) => Object.keys(optionsOf(f)).map((o) => `--${o}`)));
      const listed = new Set([...help.stdout.split('Options:')[1]!.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!));
      expect([name, [...listed].sort()]).toEqual([name, [...declared].sort()]);
    }
  });
});
