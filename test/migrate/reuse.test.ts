// migrate works from the files the scan read and the templates it parsed (no second read, no second
// parse): what it writes back is still byte for byte what it read, and files the scan does not
// read (ignored by the config, over its maxFileSize) are still read and checked by migrate.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { planMigration } from '../../src/migrate/index.js';
import { decodeTextFile, textFileOf } from '../../src/migrate/textfile.js';
import { readSourceTree } from '../../src/source/index.js';

const TOKEN = 'ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
let dir: string;

const put = (rel: string, bytes: string | Buffer): void => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), bytes);
};
const plan = () => planMigration(dir, { sopsFile: join(dir, '..', 'secrets.yaml') });

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'cs-migrate-reuse-')), 'src');
  put('.chezmoidata.yaml', `github:\n  token: ${TOKEN}\n`);
});
afterEach(() => rmSync(dirname(dir), { recursive: true, force: true }));

describe('migrate reuses the scan', () => {
  it('takes each file as decodeTextFile reads it: BOM, UTF-8 and Latin-1 (with and without a BOM)', async () => {
    const bodies: Record<string, Buffer> = {
      'utf8.txt': Buffer.from('caf\u00e9\n'),
      'bom.txt': Buffer.concat([BOM, Buffer.from('caf\u00e9\n')]),
      'latin1.txt': Buffer.from('caf\u00e9\n', 'latin1'),
      'bom-latin1.txt': Buffer.concat([BOM, Buffer.from('caf\u00e9\n', 'latin1')]),
      'double-bom.txt': Buffer.concat([BOM, BOM, Buffer.from('x\n')]),
      'empty.txt': Buffer.alloc(0),
    };
    for (const [name, bytes] of Object.entries(bodies)) put(name, bytes);
    const tree = await readSourceTree(dir);
    for (const [name, bytes] of Object.entries(bodies)) {
      expect([name, textFileOf(tree.files.find((f) => f.repoPath === name)!)]).toEqual([name, decodeTextFile(bytes)]);
    }
  });

  it('writes a BOM + Latin-1 template back with its BOM and its bytes, rewritten where it read the secret', async () => {
    put('dot_gitconfig.tmpl', Buffer.concat([BOM, Buffer.from('# caf\u00e9\n[github]\n  token = {{ .github.token }}\n', 'latin1')]));
    const p = await plan();
    expect(p.errors).toEqual([]);
    const change = p.changes.find((c) => c.file === 'dot_gitconfig.tmpl')!;
    expect(change.before).toBe('# caf\u00e9\n[github]\n  token = {{ .github.token }}\n');
    const bytes = change.bytes!;
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    expect(bytes.subarray(3, 9)).toEqual(Buffer.from('# caf\u00e9', 'latin1'));
    expect(bytes.toString('latin1')).toContain('include');
    expect(bytes.toString('latin1')).not.toContain(TOKEN);
  });

  it('checks the files the scan ignores for a value that would remain', async () => {
    put('.chezmoi-sops.yaml', 'ignore:\n  - notes/\n');
    put('dot_gitconfig.tmpl', '[github]\n  token = {{ .github.token }}\n');
    put('notes/todo.txt', `old token ${TOKEN}\n`);
    const p = await plan();
    expect(p.errors).toEqual([]);
    // A copy of a moved value moves with it: the plain file becomes a template reading the secret file.
    const note = p.changes.find((c) => c.renamedFrom?.file === 'notes/todo.txt')!;
    expect([note.file, note.after]).toEqual(['notes/todo.txt.tmpl', 'old token {{ include "/run/secrets/github/token" | trim }}\n']);
    expect(readFileSync(join(dir, 'notes/todo.txt'), 'utf8')).toContain(TOKEN); // a dry run
  });

  it('reads and parses a template the scan skipped as too large, as it did before', async () => {
    put('.chezmoi-sops.yaml', 'maxFileSize: 200\n');
    put('dot_gitconfig.tmpl', '[github]\n  token = {{ .github.token }}\n');
    put('dot_big.tmpl', `# ${'x'.repeat(300)}\n{{ .github.token }}\n`);
    const p = await plan();
    expect(p.errors).toEqual([]);
    expect(p.manual).toEqual([]);
    const big = p.changes.find((c) => c.file === 'dot_big.tmpl')!;
    expect(big.after).toBe(`# ${'x'.repeat(300)}\n{{ include "/run/secrets/github/token" | trim }}\n`);
  });
});
