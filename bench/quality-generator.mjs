// Generator of realistic chezmoi source repos for measuring classification quality: template data
// with planted secrets, decoys that look random but are harmless, and ordinary config; templates
// that use them; and plain files with literal secrets and decoys. Deterministic (seeded).
//
// Used by bench/quality.mjs (against dist/) and test/classify/quality.test.ts (against the sources).

/** mulberry32: a small seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';
const PW = ALNUM + '!@#%^&*-_=+.';

function make(r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const str = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
  const uuid = () => `${str(HEX, 8)}-${str(HEX, 4)}-4${str(HEX, 3)}-${pick(['8', '9', 'a', 'b'])}${str(HEX, 3)}-${str(HEX, 12)}`;
  const password = () => {
    // Ensure the classes a real generated password has.
    const core = str(PW, 10 + Math.floor(r() * 10));
    return core + pick(['7', '3', '9']) + pick(['K', 'q', 'Z']) + pick(['!', '#', '%']);
  };
  const pem = (type) => {
    const body = Array.from({ length: 6 }, () => str(B64, 64)).join('\n');
    return `-----BEGIN ${type}PRIVATE KEY-----\n${body}\n-----END ${type}PRIVATE KEY-----`;
  };
  return { pick, str, uuid, password, pem };
}

/** Planted secrets: [name, value generator]. Names are what people really call them. */
function secretKinds(g) {
  return [
    ['aws_access_key_id', () => 'AKIA' + g.str(UPPER_DIGITS.replace(/[0-1]/g, ''), 16)],
    ['aws_secret_access_key', () => g.str(B64, 40)],
    ['github_token', () => 'ghp_' + g.str(ALNUM, 36)],
    ['gh_pat', () => 'ghp_' + g.str(ALNUM, 36)],
    ['slack_token', () => `xoxb-${g.str('0123456789', 12)}-${g.str('0123456789', 13)}-${g.str(ALNUM, 24)}`],
    ['db_password', () => g.password()],
    ['smtp_pass', () => g.password()],
    ['mqtt_password', () => g.password()],
    ['wifi_psk_password', () => g.password()],
    ['openweather_api_key', () => g.str(HEX, 32)],
    ['lastfm_apikey', () => g.str(ALNUM, 32)],
    ['acoustid_api', () => g.str(ALNUM, 10) + '7'],
    ['spotify_client_secret', () => g.str(ALNUM, 32)],
    ['restic_repository_password', () => g.password()],
    ['stripe_key', () => 'sk_live_' + g.str(ALNUM, 24)],
    ['gitlab_token', () => 'glpat-' + g.str(ALNUM, 20)],
    ['ssh_private_key', () => g.pem('OPENSSH ')],
    ['tls_key', () => g.pem('RSA ')],
    ['age_identity', () => 'AGE-SECRET-KEY-1' + g.str('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)],
    ['matrix_access_token', () => 'syt_' + g.str(ALNUM, 30) + '_' + g.str(ALNUM, 6)],
    ['session_secret', () => g.str(B64, 44)],
    ['jwt_signing_secret', () => g.str(B64, 48)],
    ['backup_encryption_key', () => g.str(B64, 43) + '='],
    ['cookie_secret', () => g.str(HEX, 64)],
    // Values whose alphabet alone says nothing (issue 14): a strong name is enough.
    ['mail_app_password', () => g.str('abcdefghijklmnopqrstuvwxyz', 16)],
    ['wifi_psk', () => g.str(HEX, 64)],
    ['borg_passphrase', () => [g.pick(['amber', 'ochre', 'tangerine']), g.pick(['falcon', 'meadow', 'lantern']), g.pick(['river', 'sky', 'stone'])].join('.')],
  ];
}

/** Decoys: look random or key-like, are not secrets. Several are deliberately named with key words. */
function decoyKinds(g) {
  return [
    ['commit', () => g.str(HEX, 40)],
    ['pinned_rev', () => g.str(HEX, 40)],
    ['nvim_plugin_sha', () => g.str(HEX, 7)],
    ['checksum', () => g.str(HEX, 64)],
    ['sha256', () => g.str(HEX, 64)],
    ['archive_sha256', () => 'sha256:' + g.str(HEX, 64)],
    ['device_id', () => g.uuid()],
    ['machine_uuid', () => g.uuid()],
    ['syncthing_folder_id', () => g.uuid()],
    ['ssh_pubkey', () => 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + g.str(B64, 43) + ' rain@laptop'],
    ['authorized_key', () => 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ' + g.str(B64, 300) + ' rain@desktop'],
    ['signingkey', () => g.str(HEX.toUpperCase(), 16)],
    ['gpg_fingerprint', () => g.str(HEX.toUpperCase(), 40)],
    ['gpg_key_id', () => '0x' + g.str(HEX.toUpperCase(), 16)],
    ['api_token', () => g.pick(['REPLACEME', 'changeme', '<your-token>', 'xxxxxxxxxxxx', 'YOUR_API_KEY'])],
    ['password', () => g.pick(['changeme', 'CHANGEME', '<password>', 'REPLACE_ME'])],
    ['github_token', () => `op://Personal/GitHub/${g.pick(['token', 'credential'])}`],
    ['restic_password_ref', () => 'op://Private/restic/password'],
    ['wifi_password_file', () => '/run/secrets/wifi/psk'],
    ['accent_color', () => '#' + g.str(HEX, 6)],
    ['background', () => '#' + g.str(HEX, 8)],
    ['key', () => g.pick(['ctrl+shift+down', 'ctrl+alt+t', 'super+Return', 'shift+F12', 'cmd+k'])],
    ['age_recipient', () => 'age1' + g.str('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58)],
    ['ssh_key_path', () => '~/.ssh/id_ed25519'],
    ['token_file', () => '~/.config/gh/token'],
    ['api_url', () => 'https://api.example.com/v2'],
    ['password_command', () => 'pass show mail/fastmail'],
    ['font', () => g.pick(['JetBrainsMono Nerd Font', 'Iosevka Term', 'Fira Code'])],
    ['desktop', () => g.pick(['hyprland', 'sway', 'gnome', 'kde'])],
    ['name', () => g.pick(['Rain', 'Alex Doe', 'Sam'])],
    ['git_email_noreply', () => `${g.str('0123456789', 8)}+rain@users.noreply.github.com`],
    ['keyboard_layout', () => g.pick(['us', 'de', 'us(altgr-intl)'])],
    ['session_type', () => 'wayland'],
    ['auth_method', () => g.pick(['oauth', 'password', 'publickey'])],
    ['max_tokens', () => 4096],
    ['editor', () => 'nvim'],
    ['version', () => `v${Math.floor(g.str('123456789', 1))}.${g.str('0123456789', 1)}.${g.str('0123456789', 2)}`],
    ['theme_seed', () => 'abcdefghijklmnopqrstuvwxyz0123456789'],
  ];
}

/**
 * One repo: { data: [{path, value, expectSecret}], files: [{file, text, planted: [{line, column, value}], decoy: number}] }.
 * Template data keys are nested under groups like real repos do.
 */
export function generateRepo(seed, { secrets = 6, decoys = 12 } = {}) {
  const r = rng(seed);
  const g = make(r);
  const sk = secretKinds(g);
  const dk = decoyKinds(g);
  const groups = ['', 'secrets', 'services', 'git', 'desktop'];
  const data = [];
  for (let i = 0; i < secrets; i++) {
    const [name, gen] = g.pick(sk);
    const group = g.pick(groups);
    data.push({ path: group ? [group, name] : [name], value: gen(), expectSecret: true });
  }
  for (let i = 0; i < decoys; i++) {
    const [name, gen] = g.pick(dk);
    const group = g.pick(groups);
    data.push({ path: group ? [group, name] : [name], value: gen(), expectSecret: false });
  }
  // Templates using every variable in a realistic slot.
  const uses = data.map((d, i) => {
    const ref = '.' + d.path.join('.');
    const key = d.path[d.path.length - 1];
    const lineText = d.expectSecret && r() < 0.5 ? `${key} = {{ ${ref} | quote }}` : `  ${key}: {{ ${ref} }}`;
    const column = lineText.indexOf(ref) + 1;
    const isRef = typeof d.value === 'string' && d.value.startsWith('op://');
    return {
      file: `private_dot_config/app${i % 3}/config.tmpl`,
      line: i + 1,
      column,
      lineText: isRef ? `${key} = {{ onepasswordRead ${ref} }}` : lineText,
      flowsInto: isRef ? ['onepasswordRead'] : [],
      filePrivate: i % 3 === 0,
      targetPath: null,
    };
  });

  // Plain files with literal secrets and decoys in the syntaxes dotfiles use.
  const files = [];
  const fileKinds = [
    (k, v) => `${k} = "${v}"`,
    (k, v) => `${k}: ${v}`,
    (k, v) => `export ${k.toUpperCase()}=${v}`,
    (k, v) => `  "${k}": "${v}",`,
    (k, v) => `$env:${k.toUpperCase()} = "${v}"`,
    (k, v) => `<${k}>${v}</${k}>`,
    (k, v) => `set -gx ${k.toUpperCase()} ${v}`,
    (k, v) => `Environment=${k.toUpperCase()}=${v}`,
  ];
  const specialForm = (name, value) => {
    if (/pass|psk/.test(name)) return g.pick([`password ${value}`, `machine mail.example.com login rain password ${value}`, `url = https://rain:${value}@git.example.com/dots.git`]);
    if (/token|secret|key/.test(name)) return g.pick([`curl -H "Authorization: Bearer ${value}" https://api.example.com`, `feed = "https://example.com/rss?token=${value}"`]);
    return null;
  };
  const decoyLines = ['passwordeval "pass show mail/work"', 'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com', 'url = https://git.example.com/rain/dots.git', 'PassCmd "pass show mbsync"', '# the password manager is pass'];
  for (let f = 0; f < 3; f++) {
    const lines = ['# generated settings', '[general]', 'editor = "nvim"', g.pick(decoyLines)];
    const planted = [];
    let decoyCount = 0;
    for (let i = 0; i < 6; i++) {
      const plant = r() < 0.4;
      const [name, gen] = plant ? g.pick(sk) : g.pick(dk);
      let value = gen();
      if (typeof value !== 'string' || value.includes('\n')) {
        if (plant && typeof value === 'string') {
          // A private key block goes in verbatim.
          const startLine = lines.length + 1;
          lines.push(...value.split('\n'));
          planted.push({ line: startLine, column: 1, value });
        }
        continue;
      }
      // Values with spaces are quoted, as they would be,
      // and so are values a YAML or shell reader would mangle (`#…` is a comment, `&` a job).
      const fmt = /[\s#&;|<>()$`\\"'*?!%@^=]/.test(value) || /^[-:]/.test(value) ? g.pick([fileKinds[0], fileKinds[3], fileKinds[4]]) : g.pick(fileKinds);
      // Passwords and tokens also appear in the operator-less and URL forms of mail, netrc, git and curl configs.
      const special = plant && /^[A-Za-z0-9_-]+$/.test(value) && r() < 0.35 ? specialForm(name, value) : null;
      const line = special ?? fmt(name, value);
      lines.push(line);
      if (plant) planted.push({ line: lines.length, column: line.indexOf(value) + 1, value });
      else decoyCount++;
      if (r() < 0.3) lines.push(`# ${g.pick(['see the wiki', 'TODO: rotate', 'keep in sync with laptop'])}`);
    }
    // Template actions are never secrets.
    lines.push('password = {{ .secrets.db_password | quote }}', 'token: "{{ onepasswordRead "op://x/y/z" }}"');
    files.push({ file: `dot_config/generated${f}.conf.tmpl`, text: lines.join('\n') + '\n', planted, decoy: decoyCount });
  }
  return { data, uses, files };
}
