// Makes the V8 code cache of the scan bundle (see bin/scan-bundle.cjs): a warm-up run of what a
// pre-commit hook usually sees, `scan --staged --quiet` on a small chezmoi repository with edited
// templates and plain files staged, so that V8 has compiled the functions such a run needs. Run by
// build/bundle.mjs in a fresh process; exits non-zero (and the build goes on without a cache)
// when git is missing or the warm-up fails.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const { writeCache, CACHE } = createRequire(import.meta.url)('../bin/scan-bundle.cjs');

const repo = mkdtempSync(join(tmpdir(), 'chezmoi-sops-code-cache-'));
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'build', GIT_AUTHOR_EMAIL: 'build@example.invalid', GIT_COMMITTER_NAME: 'build', GIT_COMMITTER_EMAIL: 'build@example.invalid' };
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'] });
const write = (path, text) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};
try {
  rmSync(CACHE, { force: true });
  write('.chezmoidata.yaml', 'editor: nvim\ntheme: dark\nfont_size: 11\n');
  write('.chezmoiignore', 'README.md\n');
  write('dot_gitconfig.tmpl', '[user]\n  name = {{ .chezmoi.username }}\n[core]\n  editor = {{ .editor }}\n');
  write('dot_config/kitty/kitty.conf', 'font_size 11\nbackground_opacity 0.9\n');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'dotfiles');
  write('dot_gitconfig.tmpl', '[user]\n  name = {{ .chezmoi.username }}\n[core]\n  editor = {{ .editor }}\n{{ if eq .chezmoi.os "linux" }}  pager = less{{ end }}\n');
  write('dot_config/kitty/kitty.conf', 'font_size 12\nbackground_opacity 0.9\n');
  write('dot_config/foot/foot.ini.tmpl', '[main]\nfont = monospace:size={{ .font_size }}\n[colors]\ntheme = {{ .theme | quote }}\n');
  git('add', '-A');
  const bytes = await writeCache([['scan', '--staged', repo, '--quiet']]);
  process.stderr.write(`build: code cache for the scan bundle, ${Math.round(bytes / 1024)} kB\n`);
} finally {
  rmSync(repo, { recursive: true, force: true });
}
