// Precision on real dotfiles (issue 13): the shapes the real-world corpus (bench/real/) showed,
// rebuilt with synthetic values in fixtures/precision/. Each fixture is committed to a real git
// repository and judged by `scan` and `history` through the CLI: what fails the gate is what we are
// confident is a credential; the real credential in each fixture stays an error.
import { join } from 'node:path';
import { git, runCli, scratch, writeFiles } from '../scan/helpers.js';
import { markers, verifiedGithubToken, writeFixture } from './helpers/precision-fixture.js';

interface JsonFinding { rule: string; severity: string; warningKind?: string; file: string; line: number; column: number; endColumn: number; secret: string }
interface Report { findings: JsonFinding[]; notes?: Array<{ file: string; message: string }> }

function commitFixture(name: string, dir: string, extra: Record<string, string> = {}): string {
  const repo = writeFixture(name, join(dir, 'repo'));
  writeFiles(repo, extra);
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'fixture');
  return repo;
}

function run(command: 'scan' | 'history', repo: string): Report & { status: number | null } {
  const r = runCli([command, repo, '--format', 'json', '--show-secrets']);
  if (r.status === 2) throw new Error(r.stderr || r.stdout);
  return { ...JSON.parse(r.stdout), status: r.status };
}

const errors = (r: Report) => r.findings.filter((f) => f.severity === 'error');
const inFile = (r: Report, file: string) => r.findings.filter((f) => f.file === file);

describe('precision on real dotfile shapes', () => {
  let s: ReturnType<typeof scratch>;
  beforeEach(() => { s = scratch('cs-precision-'); });
  afterEach(() => s.cleanup());

  it('lock and checksum files (npm, yarn, Bazel, lazy.nvim, one known only by its content) raise nothing; the weak signals skipped are noted', () => {
    const repo = commitFixture('lockfiles', s.dir);
    for (const cmd of ['scan', 'history'] as const) {
      const r = run(cmd, repo);
      expect(r.findings).toEqual([]);
      expect(r.status).toBe(0);
    }
    const notes = run('scan', repo).notes!.map((n) => n.file);
    expect(notes).toEqual(expect.arrayContaining(['MODULE.bazel.lock', 'dot_config/app/deps.json']));
  });

  it('vendored code, linguist attributes and machine-written files do not fail the gate; a checksummed token there does, and so does the user\'s own file', () => {
    const repo = commitFixture('vendored', s.dir);
    for (const cmd of ['scan', 'history'] as const) {
      const r = run(cmd, repo);
      expect(errors(r).map((f) => f.file).sort()).toEqual([
        'dot_obsidian/plugins/local-rest-api/data.json', // the plugin's settings are the user's
        'dot_oh-my-zsh/custom/aliases.zsh', // custom/ is the user's own
        'node_modules/some-tool/fallback.js', // a verified GitHub token is a secret anywhere
      ]);
      expect(r.findings.find((f) => f.file === 'node_modules/some-tool/fallback.js')!.secret).toBe(verifiedGithubToken);
      for (const file of ['node_modules/registry-auth-token/index.js', 'dot_oh-my-zsh/plugins/dotenv/README.md', 'third_party/lib/settings.py', 'generated/app.conf', 'dot_obsidian/plugins/local-rest-api/main.js']) {
        expect(inFile(r, file)).toEqual([]);
      }
      // Only its size and line length say machine-written (a one-line config may be the user's): a warning.
      expect(inFile(r, 'dot_config/app/state.json').map((f) => [f.severity, f.warningKind])).toEqual([['warning', 'machine-written']]);
    }
  });

  it('rules: { vendored-files: false } reports vendored files like any other', () => {
    const repo = commitFixture('vendored', s.dir, { '.chezmoi-sops.yaml': 'rules:\n  vendored-files: false\n' });
    const r = run('scan', repo);
    expect(errors(r).map((f) => f.file)).toEqual(expect.arrayContaining(['node_modules/registry-auth-token/index.js', 'third_party/lib/settings.py', 'generated/app.conf']));
  });

  it('application state (JetBrains workspace, AI chat logs, browser profile, OBS scenes): weak signals are app-state warnings, provider patterns stay errors', () => {
    const repo = commitFixture('app-state', s.dir);
    for (const cmd of ['scan', 'history'] as const) {
      const r = run(cmd, repo);
      expect(errors(r).map((f) => f.secret).sort()).toEqual([markers.AWS_ID, markers.AWS_SECRET].sort());
      const warnings = r.findings.filter((f) => f.severity === 'warning');
      expect(warnings.map((f) => f.file).sort()).toEqual([
        'dot_claude.json',
        'dot_claude/projects/-home-rain-src/session.jsonl',
        'dot_config/obs-studio/basic/scenes/Untitled.json',
        'dot_idea/workspace.xml',
        'private_dot_config/vivaldi/Default/Preferences',
      ]);
      for (const w of warnings) expect(w.warningKind).toBe('app-state');
      // The extension's public key (base64 DER) in the browser profile is not reported at all.
      expect(r.findings.some((f) => f.secret.startsWith('MIG'))).toBe(false);
    }
  });

  it('public material is recognised positively; the private key and WireGuard PrivateKey next to it are errors', () => {
    const repo = commitFixture('public', s.dir);
    for (const cmd of ['scan', 'history'] as const) {
      const r = run(cmd, repo);
      expect(r.findings.map((f) => [f.file, f.line, f.severity])).toEqual(expect.arrayContaining([
        ['private_dot_kube/config', 11, 'error'],
        ['private_dot_config/wireguard/wg0.conf', 2, 'error'],
      ]));
      expect(r.findings).toHaveLength(2);
      expect(r.findings.find((f) => f.file === 'private_dot_kube/config')!.rule).toBe('encoded-private-key');
    }
  });

  it('code, template expressions, placeholders and plain settings are not values; the real token among them is', () => {
    const repo = commitFixture('code', s.dir);
    for (const cmd of ['scan', 'history'] as const) {
      const r = run(cmd, repo);
      expect(r.findings.map((f) => [f.file, f.secret, f.severity])).toEqual([['dot_bashrc', markers.TOKEN32, 'error']]);
    }
  });

  it('matches that run too far are cut back: npm token after an empty _authToken=, a URL in escaped JSON, a passphrase with #', () => {
    const repo = commitFixture('run-on', s.dir);
    for (const cmd of ['scan', 'history'] as const) {
      const r = run(cmd, repo);
      expect(inFile(r, 'proj/.npmrc')).toEqual([]);
      const url = inFile(r, 'dot_config/app/state.json');
      expect(url.map((f) => f.secret)).toEqual([`postgres://app:${markers.URL_PASSWORD}@db.internal:5432/app`]);
      expect(url[0]!.endColumn - url[0]!.column).toBe(url[0]!.secret.length);
      expect(inFile(r, 'dot_s3cfg').map((f) => f.secret)).toEqual(expect.arrayContaining([markers.HASH_PASSPHRASE]));
    }
  });

  it('a token after _authToken= is reported on the token itself (secretlint places it 11 characters early)', () => {
    const token = 'npm_' + markers.TOKEN32.slice(0, 30) + 'Ab12Cd';
    const repo = commitFixture('run-on', s.dir, { 'proj/.npmrc': `//registry.npmjs.org/:_authToken=${token}\n` });
    const [f] = inFile(run('scan', repo), 'proj/.npmrc');
    expect(f).toMatchObject({ secret: token, column: '//registry.npmjs.org/:_authToken='.length + 1, severity: 'error' });
  });

  it('a GitHub token split over two shell variables is two errors, not two warnings', () => {
    const repo = commitFixture('split', s.dir);
    for (const cmd of ['scan', 'history'] as const) {
      const r = run(cmd, repo);
      expect(r.findings.map((f) => [f.rule, f.severity, f.line, f.secret])).toEqual([
        ['split-credential', 'error', 1, markers.GHP_A],
        ['split-credential', 'error', 2, markers.GHP_B],
      ]);
      expect(r.status).toBe(1);
    }
  });

  it('default and example passwords of copied upstream configs are example-password warnings', () => {
    writeFiles(s.dir, {
      'dot_config/docker/templates/fider.yml': 'POSTGRES_PASSWORD: s0m3g00dp4ssw0rd\nDATABASE_URL: postgres://fider:s0m3g00dp4ssw0rd@db:5432/fider\n',
      'dot_config/docker/templates/stack.yml': '- INDEXER_PASSWORD=SecretPassword\n- RALLLY_URL=postgres://postgres:postgres@db/rallly\n',
      'dot_bashrc': `export DB_PASSWORD="${markers.TOKEN32}"\n`,
    });
    git(s.dir, 'init', '-q');
    const r = run('scan', s.dir);
    expect(errors(r).map((f) => f.file)).toEqual(['dot_bashrc']);
    expect(r.findings.filter((f) => f.severity === 'warning').map((f) => f.warningKind)).toEqual(['example-password', 'example-password', 'example-password']);
  });

  it('a template of values to fill in (example.com hosts, your-… placeholders) is example-file warnings; registry dwords and colour styles are not values', () => {
    writeFiles(s.dir, {
      'dot_config/deploy/apps.yml': [
        '# fill in the details below, e.g. your own domain',
        'app:', '  MONGODB_URI: mongo.example.com', '  SMTP_HOST: smtp.example.com',
        `  ENCRYPTION_PASSWORD: 'kn${markers.TOKEN32.slice(0, 10)}%j'`, '  STORAGE_SECRET: your-s3-secret-key', '',
      ].join('\n'),
      'scripts/debloat.reg': '"PasswordMonitorAllowed"=dword:00000000\n',
      'dot_config/mycli/myclirc': "Token.Menu.Completions.ProgressButton = 'bg:#003333'\n",
    });
    git(s.dir, 'init', '-q');
    const r = run('scan', s.dir);
    expect(r.findings.map((f) => [f.file, f.severity, f.warningKind])).toEqual([['dot_config/deploy/apps.yml', 'warning', 'example-file']]);
  });

  it('password hashes (sha512-crypt, bcrypt as Nix escapes it) are password-hash warnings', () => {
    const repo = commitFixture('hashes', s.dir);
    for (const cmd of ['scan', 'history'] as const) {
      const r = run(cmd, repo);
      expect(r.findings.map((f) => [f.line, f.severity, f.warningKind])).toEqual([[2, 'warning', 'password-hash'], [3, 'warning', 'password-hash']]);
      expect(r.status).toBe(0);
    }
  });

  it('api_key:VALUE without a space (an rc file) is an assignment; tide_pwd_color:00AFFF and task names are not', () => {
    writeFiles(s.dir, { 'dot_ansiweatherrc': `location:Berlin\napi_key:${markers.TOKEN32}\n`, 'dot_config/fish/fish_variables': 'SETUVAR tide_pwd_color_anchors:00AFFF\n', 'Taskfile.yml': 'tasks:\n  secrets:list-targets:\n    cmds: [ls]\n' });
    git(s.dir, 'init', '-q');
    const r = run('scan', s.dir);
    expect(r.findings.map((f) => [f.file, f.secret])).toEqual([['dot_ansiweatherrc', markers.TOKEN32]]);
  });

  it('prose, identifiers, filler placeholders and command arguments under a strong key name do not fail the gate; the real keys beside them do', () => {
    const castai = 'castai_v1_' + markers.TOKEN32.toLowerCase().replace(/[^a-f0-9]/g, 'a').padEnd(64, '0') + '_' + markers.TOKEN32.slice(0, 8).toLowerCase();
    writeFiles(s.dir, {
      'SECRETS.md': '**Q: Can I use a different password manager?**\n4. **Use password managers** to store credentials\n**Homeserver secret source**:\n'
        + 'It holds the non-secret protected-apply helper and the secret publication\n'
        + '│  3. Install 1Password    │────▶│ Enable the agent     │\n',
      'dot_config/iterm2/it2tip': '{ "body": "Open the password Manager.” It stores the password manager’s entries." }\n',
      'run_onchange_wifi.sh': 'unset psk existing_psk\npw=$(fuzzel --dmenu --password --prompt="Password for $ssid: " || true)\necho x | sudo passwd jdoe\nprev_pass=cur_pass\n',
      'infra/models/router.py': 'ALIASES = {\n    "wan.password": "router_pppoe_password",\n    "wireless.psk": "router_main_wifi_psk",\n}\n',
      'hosts/fw/adguard.nix': '{ users = [ { name = "me"; password = "ADGUARDHOMEPASSWORD"; /* placeholder */ } ]; }\n',
      'dot_config/app/.env.example': 'GITHUB_TOKEN=gho_xxxx\nGITLAB_TOKEN=glpat-xxxx\n',
      'dot_config/router/config.json': '{ "api_key": "sk-xxx" }\n',
      'dot_config/mimeapps.list': '[Default Applications]\nimage/x-gimp-pat=feh.desktop;\n',
      'dot_config/nvim/meta/lib.lua': '---* token 必须是唯一的，默认为 coroutine.running() 。\n',
      'dot_subversion/servers': '# http-proxy-password = doubleblah\n',
      'dot_config/agent.yaml': 'limits:\n  token_limit_action: "compress_context"\n',
      'docs/stack.md': '```toml\nsecrets_management = "APPROACH"\n```\n',
      'private_dot_config/backup.sh': 'export BACKUP_PASSWORD="MotDePasse"\n',
      'private_dot_config/fish/config.fish': `set -gx KIMCHI_API_KEY ${castai}\n`,
      'dot_config/docker/rallly.yml': 'environment:\n  - POSTGRES_PASSWORD=postgres\n  - SECRET_KEY_BASE=replace_with_lengthy_secure_hex\n',
      'dot_bashrc': `export DB_PASSWORD="${markers.TOKEN32}"\n`,
    });
    git(s.dir, 'init', '-q');
    git(s.dir, 'add', '-A');
    git(s.dir, 'commit', '-qm', 'fixture');
    for (const cmd of ['scan', 'history'] as const) {
      const r = run(cmd, s.dir);
      expect(errors(r).map((f) => [f.file, f.secret]).sort()).toEqual([['dot_bashrc', markers.TOKEN32], ['private_dot_config/fish/config.fish', castai]]);
      expect(r.findings.filter((f) => f.severity === 'warning').map((f) => [f.file, f.warningKind])).toEqual([['dot_config/docker/rallly.yml', 'example-password'], ['private_dot_config/backup.sh', 'example-password']]);
    }
  });
});
