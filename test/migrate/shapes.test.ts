// Template shapes that used to be manual work (issue 16 B) and the data files they leave (C):
// `with` over a map of secrets, `range` over a list of maps holding secrets, secrets no template
// reads; emptied maps go, section comments stay. Go's engine renders every template the same
// before and after; a second migrate changes nothing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { identityToRecipient } from 'age-encryption';
import { parse as parseYaml } from 'yaml';
import { applyMigration, planMigration, toMigrateJson } from '../../src/migrate/index.js';
import type { MigrateOptions } from '../../src/migrate/types.js';
import { readSopsSecrets } from '../../src/migrate/sops/index.js';
import { gitIn, withAgeKey } from './harness.js';
import { findOracle, RenderSandbox } from './oracle-render.js';
import { SHAPES_DATA, SHAPES_TEMPLATES } from './realistic-leaks.js';

let work: string;
let repo: string;
let secretsDir: string;
let identity: string;

const git = gitIn(() => repo);
const options = (extra: Partial<MigrateOptions> = {}): MigrateOptions => ({ sopsFile: join(work, 'secrets.yaml'), secretsDir, ...extra });

withAgeKey((id) => { identity = id; });
beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'cs-shapes-'));
  repo = join(work, 'chezmoi');
  secretsDir = join(work, 'run-secrets');
  mkdirSync(repo);
  writeFileSync(join(repo, '.chezmoidata.yaml'), SHAPES_DATA);
  for (const [f, t] of Object.entries(SHAPES_TEMPLATES)) writeFileSync(join(repo, f), t);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'dotfiles');
  writeFileSync(join(work, '.sops.yaml'), `creation_rules:\n  - path_regex: .*\\.yaml$\n    age: ${await identityToRecipient(identity)}\n`);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('template shapes migrate automatically', () => {
  it('with over a map of secrets, range over a list of maps, unread data: all moved, same output', async () => {
    const oldData = parseYaml(SHAPES_DATA);
    const plan = await planMigration(repo, options({ write: true }));
    const json = toMigrateJson(await applyMigration(plan, options({ write: true })));
    expect(json.manual).toEqual([]);
    expect(json.left).toEqual([]);
    expect(json.moved.map((m) => m.secretName).sort()).toEqual([
      'aws/personal/access_key', 'aws/personal/secret_key', 'mail/accounts/0/password', 'mail/accounts/1/password', 'openai/api_key', 'shell_token', 'tools/token',
    ]);

    // Emptied maps go with their own comment; a map a template tests with hasKey stays as {};
    // the comment heading a section that keeps a key stays.
    expect(readFileSync(join(repo, '.chezmoidata.yaml'), 'utf8')).toBe([
      'editor: vim',
      '',
      'mail:',
      '  accounts:',
      '    - name: work',
      '    - name: home',
      '',
      '# API tokens',
      'tools: {}',
      '',
      '# keys of the shell',
      'shell_name: zsh',
      '',
    ].join('\n'));

    for (const v of await readSopsSecrets(options().sopsFile, [identity])) {
      mkdirSync(dirname(join(secretsDir, ...v.key)), { recursive: true });
      writeFileSync(join(secretsDir, ...v.key), `${v.value}\n`);
    }
    const newData = parseYaml(readFileSync(join(repo, '.chezmoidata.yaml'), 'utf8'));
    const sandbox = new RenderSandbox(findOracle());
    try {
      for (const [file, old] of Object.entries(SHAPES_TEMPLATES)) {
        const before = sandbox.render(old, oldData);
        expect(before.status).toBe(0);
        const after = sandbox.render(readFileSync(join(repo, file), 'utf8'), newData);
        expect({ file, ...after }).toEqual({ file, ...before });
      }
    } finally {
      sandbox.cleanup();
    }
    expect(readFileSync(join(repo, 'dot_aws_creds.tmpl'), 'utf8')).toContain(`{{ with (stat "${secretsDir}/aws/personal/access_key") }}`);
    expect(readFileSync(join(repo, 'dot_mailrc.tmpl'), 'utf8')).toContain(`{{ include (printf "${secretsDir}/mail/accounts/%d/password" $i) | trim | quote }}`);

    git('add', '-A');
    git('commit', '-q', '-m', 'migrated');
    const again = toMigrateJson(await applyMigration(await planMigration(repo, options()), options()));
    expect(again).toEqual({ moved: [], manual: [], left: [], changed: [], written: false });
  });

  it('a truly dynamic read stays manual, with a suggested rewrite', async () => {
    writeFileSync(join(repo, 'dot_profile.tmpl'), '{{ $p := env "PROFILE" }}{{ (index .aws $p).access_key }}\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'dynamic');
    const plan = await planMigration(repo, options());
    expect(plan.manual).toEqual([{ file: 'dot_profile.tmpl', line: 1, reason: expect.stringMatching(/rewrite by hand, e\.g\. \{\{ include ".*\/aws\/personal\/access_key" \| trim \}\}/) }]);
  });
});
