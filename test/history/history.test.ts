import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chezmoiPathKind, NotARepositoryError, scanHistory, UnknownRevisionError } from '../../src/history/index.js';
import { fingerprint } from '../../src/fingerprint.js';
import type { Finding, ScanResult } from '../../src/model.js';
import { isolateGit, Repo } from './git-fixture.js';
import { simpleScanner } from './simple-scanner.js';
import { progressLine } from '../../src/history/progress.js';
import type { HistoryProgress } from '../../src/history/types.js';
import { chezmoiHistoryAnalysis } from '../../src/scan/blob.js';
import { defaultConfig } from '../../src/config/index.js';

const key = (n: number) => `AKIA${`TESTKEY${n}`.padEnd(16, 'Q')}`;
const byValue = (r: ScanResult, value: string): Finding => {
  const found = r.findings.filter((f) => f.value === value);
  expect(found).toHaveLength(1);
  return found[0]!;
};

beforeAll(isolateGit);

describe('scanHistory on a repository with secrets everywhere', () => {
  let repo: Repo;
  const c: Record<string, string> = {};
  let result: ScanResult;

  beforeAll(async () => {
    repo = Repo.init();
    c.initial = repo.commit('initial', { dot_bashrc: 'export PATH=$HOME/bin:$PATH\n' });
    c.addCreds = repo.commit('add aws credentials', { 'dot_aws/credentials': `[default]\naws_access_key_id = ${key(1)}\n` });
    repo.git('mv', 'dot_aws/credentials', 'dot_aws/credentials.old');
    c.rename = repo.commit('rename credentials');
    repo.git('rm', '-q', 'dot_aws/credentials.old');
    c.remove = repo.commit('remove credentials');
    c.passA = repo.commit('netrc', { dot_netrc: 'machine example.com\npassword = hunter2-first\n' });
    c.passB = repo.commit('rotate netrc password', { dot_netrc: 'machine example.com\npassword = hunter2-second\n' });
    c.data = repo.commit('data', { '.chezmoidata.yaml': 'github:\n  user: octo\n  token: plainvalue123\n' });
    c.message = repo.commit(`oops, pasted ${key(5)} here`);

    // An unmerged side branch, and a merged one.
    repo.git('checkout', '-q', '-b', 'feature', c.remove);
    c.feature = repo.commit('feature work', { 'dot_config/app.conf': `key=${key(2)}\n` });
    repo.git('checkout', '-q', '-b', 'merged', c.passB);
    c.side = repo.commit('side work', { dot_side: `id ${key(9)}\n` });
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'merged');
    c.merge = repo.git('rev-parse', 'HEAD');

    // Commits reachable only from tags (their branches deleted).
    repo.git('checkout', '-q', '-b', 'tmp', c.initial);
    c.lightweight = repo.commit('only in a lightweight tag', { dot_lw: `${key(3)}\n` });
    repo.git('tag', 'lw', c.lightweight);
    repo.git('checkout', '-q', c.initial);
    repo.git('branch', '-q', '-D', 'tmp');
    repo.git('checkout', '-q', '-b', 'tmp2', c.initial);
    c.annotated = repo.commit('only in an annotated tag', { dot_ann: `${key(4)}\n` });
    repo.git('tag', '-a', '-m', 'release', 'v1', c.annotated);
    repo.git('tag', '-a', '-m', `release notes\n\npassword = tag-message-secret`, 'v2', c.initial);
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'tmp2');

    // Two stashes: the older survives only in the stash reflog; the newer keeps an untracked file (^3).
    repo.write('dot_bashrc', `export AWS_ACCESS_KEY_ID=${key(6)}\n`);
    repo.git('stash', 'push', '-q');
    repo.write('untracked_secret', `${key(7)}\n`);
    repo.git('stash', 'push', '-q', '-u');

    // A jj-style keep ref to a commit no branch reaches, and a note.
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: `${key(8)}\n`, encoding: 'utf8' }).trim();
    const tree = execFileSync('git', ['mktree'], { cwd: repo.dir, input: `100644 blob ${blob}\tdot_jj\n`, encoding: 'utf8' }).trim();
    c.jj = repo.git('commit-tree', tree, '-p', c.initial, '-m', 'jj abandoned change');
    repo.git('update-ref', 'refs/jj/keep/0123456789abcdef0123456789abcdef01234567', c.jj);
    repo.git('notes', 'add', '-m', 'password = note-secret-1', c.initial);

    result = await scanHistory(repo.dir, { scanner: simpleScanner });
  });
  afterAll(() => repo.remove());

  test('a key renamed then deleted: introduced, last, both paths, not at HEAD', () => {
    const f = byValue(result, key(1));
    expect(f.history!.introduced.sha).toBe(c.addCreds);
    expect(f.history!.introduced.subject).toBe('add aws credentials');
    expect(f.history!.introduced.author).toBe('Test Author <author@example.com>');
    expect(f.history!.last.sha).toBe(c.rename);
    expect(f.history!.paths).toEqual(['dot_aws/credentials', 'dot_aws/credentials.old']);
    expect(f.history!.atHead).toBe(false);
    // the commits adding it and renaming it, plus the feature branch? no: the feature branch starts after the removal
    expect(f.history!.commits).toBe(2);
    expect(f.file).toBe('dot_aws/credentials');
    expect([f.line, f.column, f.endColumn]).toEqual([2, 21, 41]);
    expect(f.fingerprint).toBe(fingerprint('test/aws-access-key', key(1)));
    expect(f.history!.refs).toEqual(expect.arrayContaining(['refs/heads/main', 'refs/heads/feature', 'refs/stash']));
  });

  test('a rotated password is two findings, the older no longer at HEAD', () => {
    const first = byValue(result, 'hunter2-first');
    const second = byValue(result, 'hunter2-second');
    expect(first.history!.introduced.sha).toBe(c.passA);
    expect(first.history!.last.sha).toBe(c.passA);
    expect(first.history!.atHead).toBe(false);
    expect(first.history!.commits).toBe(1);
    expect(second.history!.introduced.sha).toBe(c.passB);
    expect(second.history!.atHead).toBe(true);
    expect(second.file).toBe('dot_netrc');
    expect(second.line).toBe(2);
  });

  test('a secret-class key of an old data file is found by parsing it', () => {
    const f = byValue(result, 'plainvalue123');
    expect(f.rule).toBe('variable/secret');
    expect(f.variable).toEqual(['github', 'token']);
    expect(f.file).toBe('.chezmoidata.yaml');
    expect([f.line, f.column]).toEqual([3, 10]);
    expect(f.history!.introduced.sha).toBe(c.data);
  });

  test('a secret in a commit message has file null and that commit as introduced', () => {
    const f = byValue(result, key(5));
    expect(f.file).toBeNull();
    expect(f.history!.introduced.sha).toBe(c.message);
    expect(f.history!.paths).toEqual([]);
    expect(f.history!.commits).toBe(1);
    expect(f.history!.introduced.subject).not.toContain(key(5));
  });

  test('side branches: unmerged is reached only by its branch; merged is at HEAD, introduced on the side', () => {
    const unmerged = byValue(result, key(2));
    expect(unmerged.history!.introduced.sha).toBe(c.feature);
    expect(unmerged.history!.refs).toEqual(['refs/heads/feature']);
    const merged = byValue(result, key(9));
    expect(merged.history!.introduced.sha).toBe(c.side);
    expect(merged.history!.atHead).toBe(true);
    // the side commit, the merge, and each stash's WIP and index commits (both made on top of the merge)
    expect(merged.history!.commits).toBe(6);
    expect(merged.history!.refs).toEqual(expect.arrayContaining(['refs/heads/main', 'refs/heads/merged']));
  });

  test('commits only reachable from a lightweight or an annotated tag', () => {
    expect(byValue(result, key(3)).history!.refs).toEqual(['refs/tags/lw']);
    expect(byValue(result, key(3)).history!.introduced.sha).toBe(c.lightweight);
    expect(byValue(result, key(4)).history!.refs).toEqual(['refs/tags/v1']);
    expect(byValue(result, key(4)).history!.introduced.sha).toBe(c.annotated);
  });

  test('a secret in an annotated tag message: file null, the tag its only ref, the tagged commit as introduced', () => {
    const f = byValue(result, 'tag-message-secret');
    expect(f.file).toBeNull();
    expect(f.history!.refs).toEqual(['refs/tags/v2']);
    expect(f.history!.introduced.sha).toBe(c.initial);
    expect([f.history!.commits, f.history!.atHead, f.line]).toEqual([0, false, 3]);
  });

  test('stash entries: the older one only in the reflog, the untracked-files commit of stash -u', () => {
    const older = byValue(result, key(6));
    expect(older.history!.refs).toEqual(['refs/stash@{1}']);
    expect(older.file).toBe('dot_bashrc');
    const untracked = byValue(result, key(7));
    expect(untracked.history!.refs).toEqual(['refs/stash']);
    expect(untracked.file).toBe('untracked_secret');
    expect(untracked.history!.atHead).toBe(false);
  });

  test('a jj keep ref and a git note', () => {
    const jj = byValue(result, key(8));
    expect(jj.history!.introduced.sha).toBe(c.jj);
    expect(jj.history!.refs).toEqual(['refs/jj/keep/0123456789abcdef0123456789abcdef01234567']);
    const note = byValue(result, 'note-secret-1');
    expect(note.history!.refs).toEqual(['refs/notes/commits']);
    expect(note.file).toBe(c.initial);
  });

  test('nothing else is reported, no errors, history complete', () => {
    expect(result.findings).toHaveLength(14);
    expect(result.errors).toEqual([]);
    expect(result.incompleteHistory).toBeUndefined();
    expect(result.command).toBe('history');
  });

  test('a shallow clone is scanned as far as it goes and says so', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'history-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'main', `file://${repo.dir}`, clone]);
      const r = await scanHistory(clone, { scanner: simpleScanner });
      expect(r.incompleteHistory).toBe(true);
      expect(r.findings.map((f) => f.value).sort()).toEqual([key(9), 'hunter2-second', 'plainvalue123'].sort());
      expect(byValue(r, key(9)).history!.introduced.sha).toBe(c.merge);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe('scanHistory --since', () => {
  test('reports what the range adds or re-introduces, not what it leaves untouched', async () => {
    const repo = Repo.init();
    try {
      repo.commit('old', { a: `${key(1)}\n`, keep: `${key(0)}\n` });
      const base = repo.commit('base', { other: 'x\n' });
      const added = repo.commit('add', { c: 'password = range-secret\n' });
      const copied = repo.commit('copy', { b: `${key(1)}\n` });
      const r = await scanHistory(repo.dir, { scanner: simpleScanner, since: base });
      expect(r.findings.map((f) => f.value).sort()).toEqual([key(1), 'range-secret'].sort());
      expect(byValue(r, 'range-secret').history!.introduced.sha).toBe(added);
      const reintroduced = byValue(r, key(1));
      expect(reintroduced.history!.introduced.sha).toBe(copied);
      expect(reintroduced.history!.paths).toEqual(['b']);
      expect(reintroduced.history!.refs).toEqual(['refs/heads/main']);
      await expect(scanHistory(repo.dir, { scanner: simpleScanner, since: 'no-such-ref' })).rejects.toBeInstanceOf(UnknownRevisionError);
    } finally {
      repo.remove();
    }
  });
});

describe('scanHistory edge cases', () => {
  test('not a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-norepo-'));
    try {
      await expect(scanHistory(dir, { scanner: simpleScanner })).rejects.toBeInstanceOf(NotARepositoryError);
      await expect(scanHistory(join(dir, 'missing'), { scanner: simpleScanner })).rejects.toBeInstanceOf(NotARepositoryError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an empty repository gives an empty result', async () => {
    const repo = Repo.init();
    try {
      const r = await scanHistory(repo.dir, { scanner: simpleScanner });
      expect(r.findings).toEqual([]);
      expect(r.errors).toEqual([]);
    } finally {
      repo.remove();
    }
  });

  test('binary and oversized blobs are skipped with notes', async () => {
    const repo = Repo.init();
    try {
      repo.commit('bin', { 'img.png': `\0PNG ${key(1)}\n`, big: `${key(2)}\n${'x'.repeat(200)}\n`, small: `${key(3)}\n` });
      const r = await scanHistory(repo.dir, { scanner: simpleScanner, maxBlobSize: 100 });
      expect(r.findings.map((f) => f.value)).toEqual([key(3)]);
      expect(r.notes).toEqual([
        { file: 'big', message: 'larger than the size limit, not scanned (1 version)' },
        { file: 'img.png', message: 'binary content not scanned (1 version)' },
      ]);
    } finally {
      repo.remove();
    }
  });

  test('a blob is scanned once per (blob, path kind), however many commits hold it', async () => {
    const repo = Repo.init();
    try {
      const a = `${key(3)}\n`;
      repo.commit('one', { small: a });
      repo.commit('two', { small: 'nothing\n' });
      repo.commit('revert', { small: a }); // the same blob again at the same path
      repo.commit('copies', { small2: a, 'small3.conf': a });
      const scans = async (pathKind?: (p: string) => string) => {
        const seen: string[] = [];
        const r = await scanHistory(repo.dir, { pathKind, scanner: async (path, content) => (path !== null && seen.push(path), simpleScanner(path, content)) });
        expect(byValue(r, key(3)).history!.paths).toEqual(['small', 'small2', 'small3.conf']);
        expect(byValue(r, key(3)).history!.commits).toBe(3);
        return seen.sort();
      };
      // By default the kind is the path: each path scanned once although 'small' holds it in two commits.
      // ('small' twice: its two distinct blobs.)
      expect(await scans()).toEqual(['small', 'small', 'small2', 'small3.conf']);
      // chezmoi kinds: 'small' and 'small2' are the same kind (plain file without extension), so the key's
      // blob is scanned once for both; 'small' is still scanned for its other blob.
      expect(await scans(chezmoiPathKind)).toEqual(['small', 'small2', 'small3.conf']);
    } finally {
      repo.remove();
    }
  });

  test('a blob that cannot be analysed is an error at its path naming the oldest commit; the walk goes on', async () => {
    const repo = Repo.init();
    try {
      const broken = repo.commit('broken data', { '.chezmoidata.yaml': 'a: [unclosed\n' });
      repo.commit('unrelated', { other: 'x\n' });
      repo.commit('fixed data', { '.chezmoidata.yaml': 'a:\n  token: fixed-secret\n' });
      // A scanner that throws (simpleScanner on bad YAML) ...
      const thrown = await scanHistory(repo.dir, { scanner: simpleScanner });
      expect(thrown.errors).toEqual([{ file: '.chezmoidata.yaml', message: `in commit ${broken.slice(0, 12)}: could not scan: YAML parse error at line 2` }]);
      expect(byValue(thrown, 'fixed-secret').variable).toEqual(['a', 'token']);
      // ... or one that returns errors next to the findings it could still make.
      const returned = await scanHistory(repo.dir, {
        scanner: async (path, content) => {
          if (path !== '.chezmoidata.yaml' || !content.includes('[unclosed')) return simpleScanner(path, content);
          return { findings: [], errors: [{ line: 1, column: 4, message: 'flow sequence not closed' }] };
        },
      });
      expect(returned.errors).toEqual([{ file: '.chezmoidata.yaml', line: 1, column: 4, message: `in commit ${broken.slice(0, 12)}: flow sequence not closed` }]);
    } finally {
      repo.remove();
    }
  });

  test('large text blobs: later versions are scanned only around new lines, findings carried over exactly', async () => {
    const repo = Repo.init();
    try {
      const filler = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `line ${i} ${tag}`);
      const v1 = filler(300, 'a');
      v1[9] = `key ${key(1)}`;
      const first = repo.commit('v1', { 'dot_big.txt': v1.join('\n') + '\n' });
      const v2 = [...v1];
      v2[249] = 'changed far away';
      repo.commit('v2', { 'dot_big.txt': v2.join('\n') + '\n' });
      const v3 = [...filler(90, 'inserted'), ...v2];
      v3[299] = `password = near-new-${'x'.repeat(4)}`;
      const last = repo.commit('v3: lines inserted above the key', { 'dot_big.txt': v3.join('\n') + '\n' });
      const scannedLines: number[] = [];
      const r = await scanHistory(repo.dir, {
        novelLinesMinSize: 1000,
        scanner: async (path, content) => {
          if (path === 'dot_big.txt') scannedLines.push(content.split('\n').filter((l) => l !== '').length);
          return simpleScanner(path, content);
        },
      });
      const f = byValue(r, key(1));
      expect(f.history!.introduced.sha).toBe(first);
      expect(f.history!.last.sha).toBe(last);
      expect(f.history!.commits).toBe(3);
      expect(f.history!.atHead).toBe(true);
      expect([f.file, f.line]).toEqual(['dot_big.txt', 10]);
      expect(byValue(r, 'near-new-xxxx').history!.introduced.sha).toBe(last);
      // The newest version is scanned whole (390 lines); the older two only around their new line (129 and 1 lines at most).
      expect(scannedLines[0]).toBe(390);
      expect(scannedLines.slice(1).every((n) => n <= 129)).toBe(true);
      expect(scannedLines).toHaveLength(3);
    } finally {
      repo.remove();
    }
  });

  test('a multi-line private key rotated in place is found in each version, scanning only new lines', async () => {
    const repo = Repo.init();
    try {
      const pem = (tag: string) => ['-----BEGIN OPENSSH PRIVATE KEY-----', ...[1, 2, 3].map((n) => `${tag}${n}`.repeat(10)), '-----END OPENSSH PRIVATE KEY-----'];
      const body = (key: string[], far: string) => [...Array.from({ length: 40 }, (_, i) => `# line ${i}`), ...key, ...Array.from({ length: 40 }, (_, i) => `# tail ${i}`), far].join('\n') + '\n';
      const first = repo.commit('key', { dot_keyfile: body(pem('A'), 'x') });
      const rotated = repo.commit('rotate key', { dot_keyfile: body(pem('B'), 'x') });
      const last = repo.commit('far change', { dot_keyfile: body(pem('B'), 'y') });
      const r = await scanHistory(repo.dir, { scanner: simpleScanner });
      const keys = r.findings.filter((f) => f.rule === 'test/private-key');
      expect(keys).toHaveLength(2);
      const [a, b] = [keys.find((k) => k.value.includes('A1'))!, keys.find((k) => k.value.includes('B1'))!];
      expect([a.history!.introduced.sha, a.history!.last.sha, a.history!.commits]).toEqual([first, first, 1]);
      expect([b.history!.introduced.sha, b.history!.last.sha, b.history!.commits, b.history!.atHead]).toEqual([rotated, last, 2, true]);
      expect([b.line, b.endLine]).toEqual([41, 45]);
    } finally {
      repo.remove();
    }
  });
});

describe('progress', () => {
  test('objects read of those found, rates, and the time left once the walk of the log is over; then tree by tree', () => {
    const reading = { objects: 100, bytes: 2 * 1048576, findings: 3, queued: 400, listed: false };
    expect(progressLine(reading, 2)).toBe('history: 100 of 400+ objects, 2.0 MB (50 objects/s, 1.0 MB/s), 3 findings');
    expect(progressLine({ ...reading, listed: true }, 2)).toBe('history: 100 of 400 objects, 2.0 MB (50 objects/s, 1.0 MB/s), 3 findings, about 6 s left');
    expect(progressLine({ ...reading, objects: 400, listed: true, trees: { done: 10, total: 610 } }, 9, 1)).toBe('history: data and templates, tree 10 of 610, about 1 min left');
  });

  test('a scan reports every object it found to scan, and the trees', async () => {
    const repo = Repo.init();
    try {
      repo.commit('one', { 'dot_a': 'x\n', '.chezmoidata.yaml': 'a: 1\n', 'dot_b.tmpl': '{{ .a }}\n', 'bin.dat': 'a\u0000b' });
      repo.commit('two', { 'dot_a': 'y\n', '.chezmoidata.yaml': 'a: 2\n' });
      let last: HistoryProgress | undefined;
      const { scanner, tree } = chezmoiHistoryAnalysis(defaultConfig);
      await scanHistory(repo.dir, { scanner, tree, onProgress: (p) => (last = { ...p, ...(p.trees ? { trees: { ...p.trees } } : {}) }) });
      expect(last).toMatchObject({ listed: true, trees: { done: 2, total: 2 } });
      expect(last!.queued).toBe(7); // 2 messages, dot_a twice, the data file twice, the template (the binary file is not scanned)
    } finally {
      repo.remove();
    }
  });
});

test('a tree with more data files than the analysis keeps parsed: a broken one is reported once, naming its commit', async () => {
  const repo = Repo.init();
  try {
    const files: Record<string, string> = { 'dot_gitconfig.tmpl': '[user]\n  name = {{ .d0.name }}\n' };
    for (let i = 0; i < 40; i++) files[`.chezmoidata/d${String(i).padStart(2, '0')}.yaml`] = `d${i}:\n  name: n${i}\n`;
    files['.chezmoidata/d02.yaml'] = 'd2:\n  name: [unclosed\n';
    repo.commit('many data files', files);
    repo.commit('one more', { '.chezmoidata/d03.yaml': 'd3:\n  name: changed\n' });
    const { scanner, tree } = chezmoiHistoryAnalysis(defaultConfig);
    const r = await scanHistory(repo.dir, { scanner, tree });
    const broken = r.errors.filter((e) => e.file === '.chezmoidata/d02.yaml');
    expect(broken).toHaveLength(1);
    expect(broken[0]!.message).toMatch(/^in commit [0-9a-f]{12}: could not parse YAML/);
    expect(r.variables.map((v) => v.path.join('.'))).toContain('d39.name');
  } finally {
    repo.remove();
  }
});
