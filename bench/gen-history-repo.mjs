#!/usr/bin/env node
// Builds a large, realistic chezmoi dotfiles repository for the history benchmark with `git fast-import`:
// ~20,000 commits of one-line changes over ~3,000 files (a few of several MB), feature branches (merged
// and not), tags, notes, a jj keep ref and two stash entries, with secrets planted where scanners miss them.
// The planted list goes to <repo>.planted.json (raw values: bench data only, never real secrets).
//
// usage: node bench/gen-history-repo.mjs OUT_DIR [--commits N] [--files N] [--shape plain|data]
//   --shape data: the shape real chezmoi repos have (issue 15): `.chezmoidata.yaml`, `.chezmoidata.toml`
//   and `.chezmoi.toml.tmpl` each changed in ~250 commits, templates that read data changed in ~1,500
//   commits, and 4 plain files of 1-5 MB changed every ~250 commits (packed with deltas, as a real repository is).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const out = resolve(args.find((a) => !a.startsWith('--')) ?? 'bench/out/history-repo');
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : dflt; };
const COMMITS = opt('commits', 20000);
const FILES = opt('files', 3000);
const SHAPE = (() => { const i = args.indexOf('--shape'); return i >= 0 ? args[i + 1] : 'plain'; })();
if (!['plain', 'data'].includes(SHAPE)) throw new Error(`unknown --shape ${SHAPE} (plain or data)`);
const DATA = SHAPE === 'data';

// Deterministic randomness: the same repo (and planted list) every run.
let seed = 0x5eed;
const rand = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];
const chars = (alphabet, n) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', LOWER = 'abcdefghijklmnopqrstuvwxyz', DIGITS = '0123456789';
const awsKey = () => `AKIA${chars(UPPER + '234567', 16)}`;
const ghToken = () => `ghp_${chars(UPPER + LOWER + DIGITS, 36)}`;
const slackToken = () => `xoxb-${chars(DIGITS, 12)}-${chars(DIGITS, 13)}-${chars(UPPER + LOWER + DIGITS, 24)}`;
const password = () => chars(UPPER + LOWER + DIGITS + '!#%+', 20);
const privateKey = () => `-----BEGIN OPENSSH PRIVATE KEY-----\n${Array.from({ length: 5 }, () => chars(UPPER + LOWER + DIGITS + '+/', 70)).join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;

// ---- the file tree -------------------------------------------------------------------------------
const apps = ['nvim', 'git', 'tmux', 'alacritty', 'kitty', 'zsh', 'fish', 'starship', 'htop', 'mpv', 'i3', 'sway', 'waybar', 'rofi', 'dunst', 'picom', 'polybar', 'ranger', 'lf', 'bat'];
const exts = ['conf', 'toml', 'yaml', 'lua', 'sh', 'json', 'ini', 'vim'];
const files = new Map(); // path -> array of lines (small files)
const paths = [];
for (let i = 0; i < FILES; i++) {
  const app = apps[i % apps.length];
  const ext = exts[int(exts.length)];
  const path = i % 9 === 0 ? `dot_local/bin/executable_${app}-tool-${i}` : i % 7 === 0 ? `dot_config/${app}/${app}-${i}.${ext}.tmpl` : `dot_config/${app}/sub${i % 13}/file-${i}.${ext}`;
  const lines = Array.from({ length: 20 + int(80) }, (_, n) => `${app}_option_${n} = ${chars(LOWER, 6 + int(20))} # ${chars(LOWER + ' ', 10 + int(30))}`);
  // Data shape: a template reads its app's data (yaml, toml and the config template's [data]) every few lines.
  if (DATA && path.endsWith('.tmpl')) for (let n = 0; n < lines.length; n += 4) lines[n] = `${app}_ref_${n} = {{ ${pick([`.apps.${app}.opt${n % 12}`, `.hosts.${app}.port`, `.theme.${pick(['fg', 'bg', 'accent'])}`, `.work.${app}_url`])} }}`;
  files.set(path, lines);
  paths.push(path);
}
files.set('.chezmoidata.yaml', ['editor: nvim', 'email:', '  address: me@example.org', '  server: mail.example.org', 'theme: dark']);
files.set('dot_netrc', ['machine api.example.org', '  login me']);
if (DATA) {
  // Many leaves, as real data files have: per-app settings (yaml), hosts (toml), the config template's [data].
  const y = files.get('.chezmoidata.yaml');
  y.push('apps:');
  for (const app of apps) { y.push(`  ${app}:`); for (let k = 0; k < 12; k++) y.push(`    opt${k}: ${chars(LOWER, 8)}`); }
  files.set('.chezmoidata.toml', ['[theme]', 'fg = "#c0c0c0"', 'bg = "#101010"', 'accent = "#ff8800"', ...apps.flatMap((app) => [`[hosts.${app}]`, `name = "${app}.example.org"`, `port = ${1000 + int(9000)}`, `user = "${chars(LOWER, 6)}"`])]);
  files.set('.chezmoi.toml.tmpl', ['{{- $host := .chezmoi.hostname -}}', '[edit]', '    command = "nvim"', '[data]', '    host = {{ $host | quote }}', '[data.work]', ...apps.map((app) => `    ${app}_url = "https://${app}.${chars(LOWER, 6)}.example.org"`)]);
}
// A few files of several MB (a vendored plugin bundle, a dictionary, a shell history, a font map).
const BIG = DATA ? { 'dot_local/share/nvim/bundle.lua': 3, 'dot_local/share/dict/words.txt': 4, 'dot_zsh_history_archive': 1, 'dot_local/share/fonts/map.txt': 5 }
  : { 'dot_local/share/nvim/bundle.lua': 3, 'dot_local/share/dict/words.txt': 4, 'dot_zsh_history_archive': 2, 'dot_local/share/fonts/map.txt': 6 };
const bigLine = () => `${chars(LOWER, 8)} ${chars(LOWER + DIGITS, 30)} ${chars(LOWER, 12)} ${chars(LOWER + DIGITS + ' ', 20)}`;
for (const [path, mb] of Object.entries(BIG)) files.set(path, Array.from({ length: Math.floor((mb * 1024 * 1024) / 76) }, bigLine));

// ---- planted secrets -----------------------------------------------------------------------------
const planted = [];
const plant = (id, value, where) => { planted.push({ id, value, where }); return value; };
const at = (fraction) => Math.floor(COMMITS * fraction);
const P = {
  sshKey: privateKey(), awsDeleted: awsKey(), netrc1: password(), netrc2: password(), dataPassword: 'correct horse battery staple',
  unmerged: ghToken(), lightweight: slackToken(), annotated: awsKey(), stashOld: awsKey(), stashUntracked: ghToken(), message: awsKey(),
  bigOld: ghToken(), renamed: slackToken(), jj: awsKey(), note: ghToken(), template: ghToken(), merged: awsKey(), dataDir: 'hunter2 hunter2',
};
plant('private-key-deleted', P.sshKey.split('\n').slice(1, -2).join('\n').slice(0, 40), 'dot_ssh/private_id_ed25519, added then deleted');
plant('aws-deleted', P.awsDeleted, 'dot_aws/credentials, added then deleted');
plant('netrc-rotated-old', P.netrc1, 'dot_netrc password, rotated');
plant('netrc-rotated-new', P.netrc2, 'dot_netrc password after rotation (at HEAD)');
plant('data-password', P.dataPassword, '.chezmoidata.yaml email.password (low-entropy, found by key name)');
plant('unmerged-branch', P.unmerged, 'refs/heads/wip/gh-cli only');
plant('lightweight-tag', P.lightweight, 'refs/tags/backup-2023 only (lightweight)');
plant('annotated-tag', P.annotated, 'refs/tags/v0.1-rc only (annotated)');
plant('stash-reflog', P.stashOld, 'stash@{1}: unstaged change to dot_bashrc');
plant('stash-untracked', P.stashUntracked, 'stash@{0} (-u): untracked file');
plant('commit-message', P.message, 'a commit message');
plant('big-file-old-version', P.bigOld, 'an old version of a 4 MB file');
plant('renamed-file', P.renamed, 'dot_config/slack/old.env, renamed later');
plant('jj-keep', P.jj, 'refs/jj/keep/* only');
plant('git-note', P.note, 'refs/notes/commits');
plant('template', P.template, 'dot_config/gh/hosts.yml.tmpl (at HEAD)');
plant('merged-branch', P.merged, 'feature branch, merged');
plant('data-dir', P.dataDir, '.chezmoidata/work.yaml vpn.secret (low-entropy)');
if (DATA) {
  P.tomlToken = ghToken(); P.configPassword = 'tr0ub4dor and 3 more';
  plant('data-toml-token', P.tomlToken, '.chezmoidata.toml hosts.backup.token, later removed');
  plant('config-template-password', P.configPassword, '.chezmoi.toml.tmpl [data.work] password (low-entropy, found by key name), later removed');
}

// ---- the fast-import stream ----------------------------------------------------------------------
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync('git', ['init', '-q', '-b', 'main', out]);
const fi = spawn('git', ['-C', out, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'inherit', 'inherit'] });
const done = new Promise((res, rej) => fi.on('close', (code) => (code === 0 ? res() : rej(new Error(`fast-import exit ${code}`)))));
let buffered = [];
let bufferedBytes = 0;
const emit = async (s) => {
  buffered.push(s);
  bufferedBytes += s.length;
  if (bufferedBytes > 1 << 20) await flush();
};
const flush = async () => {
  if (!buffered.length) return;
  const chunk = buffered.join('');
  buffered = [];
  bufferedBytes = 0;
  if (!fi.stdin.write(chunk)) await new Promise((r) => fi.stdin.once('drain', r));
};
const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
let mark = 0;
let clock = 1_500_000_000;
const commitMarks = [];

/** Emits a commit on `ref` with the given file changes (content string, or null to delete). */
async function commit(ref, message, changes, { from, merge } = {}) {
  mark++;
  clock += 600 + int(3000);
  let s = `commit ${ref}\nmark :${mark}\nauthor Dot Files <me@example.org> ${clock} +0000\ncommitter Dot Files <me@example.org> ${clock} +0000\n${data(message)}`;
  if (from) s += `from ${from}\n`;
  if (merge) s += `merge ${merge}\n`;
  for (const [path, content] of changes) s += content === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(content)}`;
  await emit(s);
  return `:${mark}`;
}
const text = (path) => files.get(path).join('\n') + '\n';
/** One-line change to a random small file (what most dotfile commits are). */
const templatePaths = paths.filter((p) => p.endsWith('.tmpl'));
const plainPaths = paths.filter((p) => !p.endsWith('.tmpl'));
const tweak = () => {
  // Data shape: about 1,500 template versions in 20,000 commits.
  const path = DATA && rand() < 0.075 ? pick(templatePaths) : pick(DATA ? plainPaths : paths);
  const lines = files.get(path);
  let n = int(lines.length);
  if (lines[n].includes('{{')) n = (n + 1) % lines.length; // a template's references stay as they are
  lines[n] = lines[n].replace(/= \S+/, `= ${chars(LOWER, 6 + int(20))}`);
  return [path, text(path)];
};

let tip = null;
const main = async (message, changes) => (tip = await commit("refs/heads/main", message, changes));
await main('initial import', [...files.keys()].map((p) => [p, text(p)]));

const bigPaths = Object.keys(BIG);
const mergedAt = Math.max(400, Math.round(at(0.4) / 400) * 400); // a merged feature branch carries one secret
for (let i = 1; i < COMMITS; i++) {
  const changes = [tweak()];
  let message = `${pick(['tweak', 'update', 'fix', 'tune', 'adjust'])} ${changes[0][0].split('/').slice(-2).join('/')}`;
  if (DATA) {
    // Each data file changes in ~250 commits: one leaf's value (a new value each time).
    const every = Math.max(1, Math.round(COMMITS / 250));
    const dataChange = (path, edit) => { const l = files.get(path); edit(l); changes.push([path, text(path)]); };
    if (i % every === 0) dataChange('.chezmoidata.yaml', (l) => { const n = l.findIndex((x, j) => j > 5 && /opt/.test(x) && rand() < 0.02); const j = n > 0 ? n : l.length - 1; l[j] = l[j].replace(/: .*/, `: ${chars(LOWER, 8)}`); });
    if (i % every === Math.floor(every / 3)) dataChange('.chezmoidata.toml', (l) => { const js = l.flatMap((x, j) => (/^port = /.test(x) ? [j] : [])); l[pick(js)] = `port = ${1000 + int(9000)}`; });
    if (i % every === Math.floor((2 * every) / 3)) dataChange('.chezmoi.toml.tmpl', (l) => { const j = pick(l.flatMap((x, k) => (/_url = /.test(x) ? [k] : []))); l[j] = l[j].replace(/https:\/\/(\w+)\.\w+/, `https://$1.${chars(LOWER, 6)}`); });
    if (i === at(0.2)) dataChange('.chezmoidata.toml', (l) => l.push('[hosts.backup]', `token = "${P.tomlToken}"`));
    if (i === at(0.3)) dataChange('.chezmoidata.toml', (l) => l.splice(l.indexOf('[hosts.backup]'), 2));
    if (i === at(0.35)) dataChange('.chezmoi.toml.tmpl', (l) => l.splice(l.indexOf('[data.work]') + 1, 0, `    password = "${P.configPassword}"`));
    if (i === at(0.55)) dataChange('.chezmoi.toml.tmpl', (l) => l.splice(l.indexOf(`    password = "${P.configPassword}"`), 1));
  }
  const bigEvery = DATA ? 250 : 2500;
  if (i % bigEvery === 0) { // a big file changes now and then (data shape: often)
    const path = bigPaths[(i / bigEvery) % bigPaths.length];
    const lines = files.get(path);
    lines[int(lines.length)] = bigLine();
    changes.push([path, text(path)]);
  }
  if (i === at(0.025)) changes.push(['dot_ssh/private_id_ed25519', P.sshKey]);
  if (i === at(0.035)) changes.push(['dot_ssh/private_id_ed25519', null]);
  if (i === at(0.05)) changes.push(['dot_aws/credentials', `[default]\naws_access_key_id = ${P.awsDeleted}\nregion = eu-west-1\n`]);
  if (i === at(0.075)) changes.push(['dot_aws/credentials', null]);
  if (i === at(0.1)) { files.get('.chezmoidata.yaml').splice(2, 0, `  password: ${P.dataPassword}`); changes.push(['.chezmoidata.yaml', text('.chezmoidata.yaml')]); }
  if (i === at(0.4)) { files.get('.chezmoidata.yaml').splice(2, 1); changes.push(['.chezmoidata.yaml', text('.chezmoidata.yaml')]); }
  if (i === at(0.12)) changes.push(['.chezmoidata/work.yaml', `vpn:\n  gateway: vpn.example.org\n  secret: ${P.dataDir}\n`]);
  if (i === at(0.3)) changes.push(['.chezmoidata/work.yaml', 'vpn:\n  gateway: vpn.example.org\n']);
  if (i === at(0.15)) { files.get('dot_netrc').push(`  password ${P.netrc1}`); changes.push(['dot_netrc', text('dot_netrc')]); }
  if (i === at(0.6)) { files.get('dot_netrc')[2] = `  password ${P.netrc2}`; changes.push(['dot_netrc', text('dot_netrc')]); }
  if (i === at(0.2)) { const l = files.get('dot_local/share/dict/words.txt'); l[1000] = `token ${P.bigOld}`; changes.push(['dot_local/share/dict/words.txt', text('dot_local/share/dict/words.txt')]); }
  if (i === at(0.25)) { const l = files.get('dot_local/share/dict/words.txt'); l[1000] = bigLine(); changes.push(['dot_local/share/dict/words.txt', text('dot_local/share/dict/words.txt')]); }
  if (i === at(0.33)) changes.push(['dot_config/slack/old.env', `SLACK_BOT_TOKEN=${P.renamed}\n`]);
  if (i === at(0.5)) { changes.push(['dot_config/slack/old.env', null], ['dot_config/slack/bot.env', `SLACK_BOT_TOKEN=${P.renamed}\n`]); }
  if (i === at(0.7)) changes.push(['dot_config/gh/hosts.yml.tmpl', `github.com:\n  user: me\n  {{- $token := "${P.template}" }}\n  oauth_token: {{ $token }}\n`]);
  if (i === at(0.45)) message = `debug: use key ${P.message} for the deploy`;
  await main(message, changes);
  commitMarks.push(tip);

  if (i % 400 === 0) { // a merged feature branch of 3 commits
    const ref = `refs/heads/feature/f${i}`;
    const branchChanges = new Map();
    let btip = null;
    for (let k = 0; k < 3; k++) {
      const ch = [tweak()];
      if (i === mergedAt && k === 1) ch.push(['dot_config/feature/keys.env', `AWS_ACCESS_KEY_ID=${P.merged}\n`]);
      for (const [p, c] of ch) branchChanges.set(p, c);
      btip = await commit(ref, `feature f${i}: step ${k}`, ch, btip ? {} : { from: tip });
    }
    tip = await commit('refs/heads/main', `Merge branch 'feature/f${i}'`, [...branchChanges], { merge: btip });
  }
}

// Refs that reach otherwise unreachable commits: an unmerged branch, tags, a jj keep ref.
const base = commitMarks[at(0.55)];
await commit('refs/heads/wip/gh-cli', 'wip: gh cli config', [['dot_config/gh/hosts.yml', `github.com:\n  oauth_token: ${P.unmerged}\n`]], { from: base });
const lw = await commit('refs/heads/tmp-lw', 'backup of laptop config', [['dot_config/slack/backup.env', `TOKEN=${P.lightweight}\n`]], { from: commitMarks[at(0.35)] });
await emit(`reset refs/tags/backup-2023\nfrom ${lw}\n\n`);
const ann = await commit('refs/heads/tmp-ann', 'release candidate config', [['dot_aws/config.rc', `aws_access_key_id=${P.annotated}\n`]], { from: commitMarks[at(0.65)] });
await emit(`tag v0.1-rc\nfrom ${ann}\ntagger Dot Files <me@example.org> ${clock} +0000\n${data('rc')}`);
const jj = await commit('refs/jj/keep/8f1c2a9e0b7d4c3f6a5e2d1c0b9a8f7e6d5c4b3a', 'jj: abandoned experiment', [['dot_config/aws/jj.env', `AWS_ACCESS_KEY_ID=${P.jj}\n`]], { from: commitMarks[at(0.8)] });
await emit(`reset refs/heads/tmp-lw\nfrom 0000000000000000000000000000000000000000\n\n`);
await emit(`reset refs/heads/tmp-ann\nfrom 0000000000000000000000000000000000000000\n\n`);
await emit('done\n');
await flush();
fi.stdin.end();
await done;

// Stash entries and a note need a work tree and the porcelain.
const git = (...a) => execFileSync('git', ['-C', out, ...a], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Dot Files', GIT_AUTHOR_EMAIL: 'me@example.org', GIT_COMMITTER_NAME: 'Dot Files', GIT_COMMITTER_EMAIL: 'me@example.org' } });
for (const ref of ['refs/heads/tmp-lw', 'refs/heads/tmp-ann']) execFileSync('git', ['-C', out, 'update-ref', '-d', ref], { stdio: 'ignore' });
git('checkout', '-q', '-f', 'main');
writeFileSync(resolve(out, 'dot_bashrc'), `export AWS_ACCESS_KEY_ID=${P.stashOld}\n`);
git('add', 'dot_bashrc');
git('commit', '-q', '-m', 'bashrc');
writeFileSync(resolve(out, 'dot_bashrc'), `export AWS_ACCESS_KEY_ID=${P.stashOld}\nexport EDITOR=nvim\n`);
git('stash', 'push', '-q');
git('reset', '-q', '--hard', 'HEAD~1'); // the commit with the key is gone: only stash@{1} holds it
writeFileSync(resolve(out, 'dot_config/gh/token.txt'), `${P.stashUntracked}\n`);
git('stash', 'push', '-q', '-u');
git('notes', 'add', '-m', `deploy token: ${P.note}`, 'HEAD~10');

// fast-import stores each version of a big file whole; a real repository is packed with deltas.
if (DATA) git('repack', '-a', '-d', '-f', '-q');
writeFileSync(`${out}.planted.json`, JSON.stringify({ repo: out, commits: COMMITS, files: FILES, planted }, null, 2) + '\n');
const count = git('rev-list', '--all', '--count').trim();
process.stdout.write(`generated ${out}: ${count} commits, ${planted.length} planted secrets (${out}.planted.json)\n`);
