import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { planPurge, runPurge, verifyPurged } from '../../src/purge/index.js';
import { cleanup, commitAll, purgeSecret, sh, tempDir, write } from './fixture.js';

const TOKEN = 'ghp_Edge0Case1Token2Value3Abcdefghijklm';
const secrets = [purgeSecret(TOKEN, 'secretlint/github', ['dot_netrc'])];

/** A small repo: the token in the first commit, a note on it, a clean file, one stash entry. */
function smallRepo(): string {
  const base = tempDir('purge-edge-');
  const root = join(base, 'src');
  mkdirSync(root);
  sh(root, ['init', '-q', '-b', 'main']);
  write(root, 'dot_netrc', `machine github.com password ${TOKEN}\n`);
  write(root, 'dot_vimrc', 'set number\n');
  commitAll(root, 'add netrc');
  sh(root, ['notes', 'add', '-m', `note: rotated ${TOKEN}`, 'HEAD']);
  write(root, 'dot_netrc', 'machine github.com\n');
  commitAll(root, 'drop the password');
  write(root, 'dot_vimrc', 'set number\nset ruler\n');
  sh(root, ['stash', 'push', '-q', '-m', 'vim wip']);
  return root;
}

async function purge(root: string) {
  const plan = await planPurge(root, secrets);
  // The detached HEAD below still holds the token: replacing it there is asked for explicitly.
  return runPurge(root, plan, secrets, { yes: true, includeHead: true, backupDir: join(dirname(root), 'backups') });
}

describe('purge edge cases', () => {
  it('a single stash entry, a detached HEAD and notes: verified, stash list kept, notes cleaned', async () => {
    const root = smallRepo();
    try {
      sh(root, ['commit', '-q', '--allow-empty', '-m', `ci: rotate ${TOKEN}`]); // also lands in .git/COMMIT_EDITMSG
      sh(root, ['checkout', '-q', '--detach', 'HEAD~2']);
      const r = await purge(root);
      expect(r.problems).toEqual([]);
      expect(r.remaining).toEqual([]);
      expect(r.verified).toBe(true);
      expect(sh(root, ['stash', 'list'])).toMatch(/^stash@\{0\}: On main: vim wip\n$/);
      // The note's text is cleaned, but it still names the old commit id (documented; the log says how to re-attach).
      expect(sh(root, ['log', '-p', 'refs/notes/commits'])).toContain('note: rotated ***REMOVED***');
      const [, annotated] = sh(root, ['notes', 'list']).trim().split(' ');
      expect(sh(root, ['rev-list', '--all'])).not.toContain(annotated);
      expect(r.log.join('\n')).toMatch(/git notes copy OLD NEW/);
      expect(readFileSync(join(root, '.git', 'COMMIT_EDITMSG'), 'utf8')).toBe('ci: rotate ***REMOVED***\n');
      expect(sh(root, ['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('HEAD');
      expect(sh(root, ['show', 'HEAD:dot_netrc'])).toBe('machine github.com password ***REMOVED***\n');
      const detachedAt = sh(root, ['rev-parse', 'HEAD']).trim();
      expect(detachedAt).toHaveLength(40);
      expect(r.restoreCommands.some((c) => /^git update-ref --no-deref HEAD [0-9a-f]{40}$/.test(c))).toBe(true);
    } finally {
      cleanup(dirname(root));
    }
  });

  it('a bare mirror, purged twice: the second run has nothing left to change and still verifies', async () => {
    const root = smallRepo();
    const bare = join(dirname(root), 'mirror.git');
    try {
      sh(dirname(root), ['clone', '-q', '--mirror', root, bare]);
      const first = await purge(bare);
      expect(first.verified).toBe(true);
      expect(first.restoreCommands).not.toContain('git reset --hard');
      const second = await purge(bare);
      expect(second.verified).toBe(true);
      expect(second.log.join('\n')).toMatch(/0 file version\(s\) had secrets replaced/);
    } finally {
      cleanup(dirname(root));
    }
  });

  it('verifyPurged also reads the plain files of a colocated .jj directory', async () => {
    const root = smallRepo();
    try {
      mkdirSync(join(root, '.jj', 'repo', 'op_store', 'operations'), { recursive: true });
      writeFileSync(join(root, '.jj', 'repo', 'op_store', 'operations', 'abc'), `args: jj describe -m "${TOKEN}"`);
      const found = await verifyPurged(root, secrets);
      expect(found).toContainEqual({ where: 'file', detail: expect.stringMatching(/^\.jj\/repo\/op_store\/operations\/abc contains ghp_\*\*\*\*/) });
    } finally {
      cleanup(dirname(root));
    }
  });
});
