// Hostile names. File names with newlines, ANSI escapes or invalid UTF-8 are escaped in every
// output and never reach the terminal raw; data keys like `../../etc/passwd`, dots, spaces,
// quotes and `${` become safe secret names, SOPS keys and Nix attributes in migrate.
import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { cli, committedRepo, ESC, git, scratch, STACK_FRAME } from './helpers.js';
import { readSopsSecrets } from '../../src/migrate/sops/index.js';
import { nixParse } from '../tools.js';

const BODY = 'password = "nameSecr3tValue!9"\n';
// Raw bytes: a newline, a colour escape, a terminal-title OSC sequence, and bytes that are not UTF-8.
const NAMES: Buffer[] = [
  Buffer.from('dot_a\nb'),
  Buffer.from(`dot_${ESC}[31mred${ESC}[0m`),
  Buffer.from(`dot_${ESC}]0;pwned\x07`),
  Buffer.concat([Buffer.from('dot_'), Buffer.from([0xff, 0xfe]), Buffer.from('A')]),
];

interface JsonReport {
  findings: Array<{ file: string }>;
  errors: Array<{ file: string; message: string }>;
  variables: Array<{ path: string[] }>;
}

describe('hostile file names in every output', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = scratch('names'));
    committedRepo(dir, {});
    // A distinct value per file: history reports each distinct value once.
    NAMES.forEach((name, i) => writeFileSync(Buffer.concat([Buffer.from(dir + '/'), name]), BODY.replace('Value', `Value${i}`)));
    // A broken template and a data key with an escape: error lines and data paths are output too.
    writeFileSync(join(dir, `dot_broken${ESC}[2J.tmpl`), 'x {{ \n');
    writeFileSync(join(dir, '.chezmoidata.yaml'), '"k\\e[31m\\nx":\n  token: ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'hostile names');
    // Stage a change to every file as well, so that scan --staged reads them all from the index.
    for (const name of [...NAMES, Buffer.from(`dot_broken${ESC}[2J.tmpl`), Buffer.from(".chezmoidata.yaml")]) appendFileSync(Buffer.concat([Buffer.from(dir + '/'), name]), '# staged\n');
    git(dir, 'add', '-A');
  });
  afterAll(() => cleanup());

  const commands: string[][] = [['scan'], ['scan', '--staged'], ['history']];
  const formats = ['text', 'json', 'sarif'];

  it.each(commands.flatMap((c) => formats.map((f) => [c.join(' '), f] as const)))('%s --format %s: no raw ESC, every file still scanned', (command, format) => {
    const r = cli([...command.split(' '), dir, '--format', format]);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stderr).not.toContain(ESC);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    // The broken template fails scan closed; history searches old blobs' raw text and reports no parse errors.
    expect(r.status).toBe(command === 'history' ? 1 : 2);
    if (format === 'text') {
      expect(r.stdout).toContain('dot_\\x1b[31mred\\x1b[0m');
      expect(r.stdout).toContain('dot_a\\nb');
      expect(r.stdout).toContain('dot_\\x1b]0;pwned\\x07');
      if (command !== 'history') expect(r.stdout).toContain('dot_broken\\x1b[2J.tmpl');
      expect(r.stdout).toContain('k\\x1b[31m\\nx');
    }
    if (format === 'json') {
      const report = JSON.parse(r.stdout) as JsonReport;
      const files = report.findings.map((f) => f.file);
      // Invalid UTF-8 cannot be carried in JSON text: it is shown as U+FFFD, but the file was read.
      for (const name of ['dot_a\nb', `dot_${ESC}[31mred${ESC}[0m`, `dot_${ESC}]0;pwned\x07`, 'dot_\ufffd\ufffdA']) expect(files).toContain(name);
      expect(report.errors.map((e) => e.file)).toEqual(command === 'history' ? [] : [`dot_broken${ESC}[2J.tmpl`]);
    }
    if (format === 'sarif') {
      const uris = [...r.stdout.matchAll(/"uri": "([^"]*)"/g)].map((m) => m[1]);
      expect(uris).toEqual(expect.arrayContaining(['dot_a%0Ab', 'dot_%1B%5B31mred%1B%5B0m', 'dot_%1B%5D0%3Bpwned%07', 'dot_%EF%BF%BD%EF%BF%BDA']));
    }
  });

  it('inspect, purge plan and migrate (stdout and stderr) escape names too', () => {
    // Escapes inside a template's strings (include arguments, index keys) are data too.
    const side = scratch('names-side');
    const strings = join(side.dir, 'strings.tmpl');
    writeFileSync(strings, `{{ include "a${ESC}[2Jb" }} {{ index . "k${ESC}[31m" }} {{ template "t${ESC}]0;x\x07" }}\n`);
    // purge plan leaves its expressions file in TMPDIR: keep it in the scratch dir.
    try {
      for (const args of [['inspect', strings], ['inspect', strings, '--format', 'json'], ['inspect', join(dir, `dot_broken${ESC}[2J.tmpl`)], ['purge', 'plan', dir], ['migrate', dir, '--sops-file', join(side.dir, 'never.yaml')]]) {
        const r = cli(args, { env: { TMPDIR: side.dir } });
        expect(r.stdout + r.stderr).not.toContain(ESC);
        expect(r.stderr).not.toMatch(STACK_FRAME);
      }
    } finally {
      side.cleanup();
    }
  });
});

describe('hostile data keys in migrate', () => {
  const KEYS: Record<string, string> = {
    '../../etc/passwd': 'Pw9xTraversalSecretA1zz',
    'a.b': 'ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi',
    'sp ace': 'Sk9fQ2mZr8LpW3xYvN7tBh4J',
    'q"uo\'te': 'Qx7mWp2Lr9KzT4vNb8HcY3jD',
    '${builtins.abort "x"}': 'Dl4rInjectionSecretB2z9',
    '/abs': 'Ab5sAbsolutePathSecretQ7',
    [`e${ESC}[31m\nvil`]: 'Es3cControlCharSecretW8',
  };
  let base: string;
  let cleanup: () => void;
  const savedKey = process.env.SOPS_AGE_KEY;
  beforeAll(async () => {
    ({ dir: base, cleanup } = scratch('keys'));
    process.env.SOPS_AGE_KEY = await generateIdentity();
    mkdirSync(join(base, 'nixos'));
    writeFileSync(join(base, 'nixos', '.sops.yaml'), `creation_rules:\n  - age: ${await identityToRecipient(process.env.SOPS_AGE_KEY)}\n`);
  });
  afterAll(() => {
    cleanup();
    if (savedKey === undefined) delete process.env.SOPS_AGE_KEY;
    else process.env.SOPS_AGE_KEY = savedKey;
  });

  /** Every file under `dir` with its size and mtime. */
  const listing = (dir: string): Map<string, string> => {
    const out = new Map<string, string>();
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else out.set(relative(base, p), `${st.size}:${st.mtimeMs}`);
      }
    };
    walk(dir);
    return out;
  };

  it('sanitised secret names, SOPS keys and Nix attributes; nothing written outside the given paths', async () => {
    const src = join(base, 'src');
    const nixos = join(base, 'nixos');
    mkdirSync(src);
    const yaml = Object.entries(KEYS).map(([k, v]) => `${JSON.stringify(k)}:\n  password: "${v}"\n`).join('');
    const tmpl = Object.keys(KEYS).map((k, i) => `v${i}={{ (index . ${JSON.stringify(k)}).password }}\n`).join('');
    committedRepo(src, { '.chezmoidata.yaml': yaml, 'dot_cfg.tmpl': tmpl });
    const before = listing(base);

    const r = cli(['migrate', src, '--sops-file', join(nixos, 'secrets.yaml'), '--nix-out', join(nixos, 'secrets.nix'), '--write', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { moved: Array<{ secretName: string; sopsKey: string[] }>; changed: string[] };

    const safe = /^[A-Za-z0-9_-]+$/;
    expect(summary.moved).toHaveLength(Object.keys(KEYS).length);
    for (const m of summary.moved) {
      expect(m.sopsKey.every((k) => safe.test(k) && k !== '..' && !k.startsWith('-'))).toBe(true);
      expect(m.secretName).toBe(m.sopsKey.join('/'));
    }
    // Only the two data/template files and the two given outputs were written: no path escaped.
    const after = listing(base);
    const touched = [...after].filter(([p, stamp]) => before.get(p) !== stamp && !p.startsWith('src/.git/')).map(([p]) => p).sort();
    expect(touched).toEqual(['nixos/secrets.nix', 'nixos/secrets.yaml', 'src/.chezmoidata.yaml', 'src/dot_cfg.tmpl']);
    expect([...before.keys()].filter((p) => !after.has(p) && !p.startsWith('src/.git/'))).toEqual([]);

    // The Nix module parses, and no `${` survives unescaped in it (no interpolation = no injection).
    const nix = readFileSync(join(nixos, 'secrets.nix'), 'utf8');
    expect(nixParse(join(nixos, 'secrets.nix'))).toMatchObject({ ok: true });
    expect(nix).not.toMatch(/(?<!\\)\$\{/);
    expect(nix).not.toContain(ESC);

    // The SOPS file holds every value under its sanitised key.
    const values = await readSopsSecrets(join(nixos, 'secrets.yaml'), [process.env.SOPS_AGE_KEY!]);
    expect(values.map((v) => v.value).sort()).toEqual(Object.values(KEYS).sort());
    for (const v of values) expect(v.key.every((k) => safe.test(k))).toBe(true);

    // The rewritten template reads files under /run/secrets only.
    const rewritten = readFileSync(join(src, 'dot_cfg.tmpl'), 'utf8');
    for (const m of rewritten.matchAll(/include "([^"]*)"/g)) expect(m[1]).toMatch(/^\/run\/secrets\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/);
  });
});
