#!/usr/bin/env node
// Speed of detectLiteralSecrets on a 3,000-file tree of small dotfiles (most clean, some with
// secrets, keywords and template actions), as a pre-commit hook sees it. Target: well under 1 s.
// Usage: node bench/literal-speed.mjs [FILES=3000]   (needs a build; DIST overrides dist/)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rng } from './quality-generator.mjs';

const dist = resolve(process.env.DIST ?? new URL('../dist', import.meta.url).pathname);
const t00 = performance.now();
const { detectLiteralSecrets } = await import(pathToFileURL(resolve(dist, 'src/classify/index.js')).href);
const { cloneDefaultConfig } = await import(pathToFileURL(resolve(dist, 'src/config/index.js')).href);
// The rule registry (rules/index.ts), handed to the classifier; a build from before it had none and ignores `rules`.
const { builtinRules } = await import(pathToFileURL(resolve(dist, 'rules/index.js')).href).catch(() => ({}));
const importMs = performance.now() - t00;

const n = Number(process.argv[2] ?? 3000);
const r = rng(42);
const lines = [
  'set -g mouse on', 'bind r source-file ~/.tmux.conf', 'editor = "nvim"', 'theme: catppuccin-mocha', '[user]',
  '  name = {{ .name }}', '  email = {{ .email }}', 'export PATH="$HOME/.local/bin:$PATH"', 'alias ll="ls -la"',
  'font_size = 12', '{{ if eq .chezmoi.os "darwin" }}', '{{ end }}', 'key = "ctrl+shift+down"', '"workbench.colorTheme": "One Dark Pro",',
  'signingkey = 0xA1B2C3D4E5F60718', 'commit: 3f786850e387550fdab836ed7e6dc881de23001b', 'url = https://github.com/rain/dotfiles.git',
  'password_command = "pass show mail"', 'token = {{ onepasswordRead "op://vault/gh/token" | quote }}',
];
const secrets = ['github_token = ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tV9wX1yZ3bC5', 'db_password = "Xk8#mQ2!vL9pRz4"'];
const files = [];
for (let i = 0; i < n; i++) {
  const body = Array.from({ length: 10 + Math.floor(r() * 40) }, () => lines[Math.floor(r() * lines.length)]);
  if (r() < 0.02) body.push(secrets[Math.floor(r() * secrets.length)]);
  const text = body.join('\n') + '\n';
  const spans = [...text.matchAll(/\{\{[\s\S]*?\}\}/g)].map((m) => [m.index, m.index + m[0].length]);
  files.push({ file: `dot_config/app${i}/config.tmpl`, text, spans });
}
const config = cloneDefaultConfig();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let found = 0;
for (const f of files) found += (await detectLiteralSecrets(f.file, f.text, { config, rules: builtinRules, skipSpans: f.spans })).length;
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const bytes = files.reduce((s, f) => s + f.text.length, 0);
console.log(`${n} files (${(bytes / 1024).toFixed(0)} KiB): ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${found} findings; module import ${importMs.toFixed(0)} ms`);
