// The `history` command end to end: the built CLI (bin/chezmoi-sops) with the real chezmoi-aware scanner.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolateGit, Repo } from './git-fixture.js';

const bin = join(process.cwd(), 'bin', 'chezmoi-sops');
const run = (...args: string[]) => spawnSync(bin, ['history', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const AWS_KEY = 'AKIAQYLPMN5HHHFPZAM2';

beforeAll(isolateGit);

describe('chezmoi-sops history', () => {
  test('a secret deleted from HEAD: exit 1, JSON history object, value redacted, nothing on stderr when not a terminal', () => {
    const repo = Repo.init();
    try {
      const added = repo.commit('add credentials', { 'private_dot_aws/credentials': `[default]\naws_access_key_id = ${AWS_KEY}\n` });
      repo.git('rm', '-q', 'private_dot_aws/credentials');
      repo.commit('remove credentials');
      const r = run(repo.dir, '--format', 'json');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.command).toBe('history');
      const finding = report.findings.find((f: { file: string }) => f.file === 'private_dot_aws/credentials');
      expect(finding.secret).toBe('AKIA****');
      expect(r.stdout).not.toContain(AWS_KEY);
      expect(finding.history).toMatchObject({ introduced: { sha: added, subject: 'add credentials' }, atHead: false, commits: 1, refs: ['refs/heads/main'] });
    } finally {
      repo.remove();
    }
  });

  test('the blob scanner in worker threads finds exactly what it finds in one thread (CHEZMOI_SOPS_THREADS)', () => {
    const repo = Repo.init();
    try {
      // Plain files changed line by line, a message, data and a template that reads it, a user rule.
      repo.commit('dotfiles', { 'dot_bashrc': 'export PATH=$HOME/bin:$PATH\n', 'dot_netrc': 'machine example.org login me password Zq3mK9pLx2vBn7Wd\n', '.chezmoidata.yaml': 'mail:\n  pass: hunter22hunter\n' });
      repo.commit(`rotate ${AWS_KEY}`, { 'dot_bashrc': `export PATH=$HOME/bin:$PATH\nexport AWS_ACCESS_KEY_ID=${AWS_KEY}\n`, 'dot_muttrc.tmpl': 'set imap_pass = {{ .mail.pass }}\n' });
      repo.commit('more', { 'dot_netrc': 'machine example.org login me password Zq3mK9pLx2vBn7Wd\nmachine other.org login you password Gh7tR2pLq9xWm4Kd\n', 'private_dot_ssh/id_rsa': '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n' });
      const at = (threads: string) => spawnSync(bin, ['history', repo.dir, '--format', 'json', '--show-secrets'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CHEZMOI_SOPS_THREADS: threads } });
      const one = at('0');
      const two = at('2');
      expect(one.status).toBe(1);
      expect(JSON.parse(one.stdout).findings.length).toBeGreaterThanOrEqual(4);
      expect(two.status).toBe(one.status);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
    } finally {
      repo.remove();
    }
  });

  test('not a repository, or an unknown --since revision: exit 2 with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-cli-'));
    try {
      const r = run(dir);
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(`chezmoi-sops history: not a git repository: ${dir}`);
      const repo = Repo.init();
      try {
        repo.commit('one', { a: 'x\n' });
        const s = run(repo.dir, '--since', 'no-such-ref');
        expect(s.status).toBe(2);
        expect(s.stderr.trim()).toBe('chezmoi-sops history: unknown revision for --since: no-such-ref');
        expect(run(repo.dir, '--since', 'HEAD', '--format', 'json').status).toBe(0);
      } finally {
        repo.remove();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
