import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command.js';
import { UsageError } from '../options.js';
import { resolveSourceDir } from '../../source/locate.js';
import type { MigrateOptions } from '../../migrate/types.js';
import { escapeForTerminal } from '../../report/escape.js';
import { writeOutput } from '../emit.js';
import { canAsk, chooseReviewItems } from '../ask.js';

const migrate = defineCommand({
  name: 'migrate',
  summary: 'plan (dry run with a diff) or, with --write, move secrets to sops',
  description: `Move every secret variable of a chezmoi source into a SOPS file: rewrite each template that reads
it to read the file sops-nix decrypts (SECRETS_DIR/<name>), remove it from the data files, and
write the sops.secrets stanzas to --nix-out. Without --write it prints the plan and a unified diff
and changes nothing. --include-review moves the items to review (personal e-mail addresses) too.
--home-manager reads the files home-manager's sops module writes, under the applying user's
XDG_CONFIG_HOME or ~/.config (built from .chezmoi.homeDir, not this machine's home). --write refuses a dirty git work tree unless --force, keeps a backup under
.git/chezmoi-sops until the result is verified, and restores everything if anything fails.
Exit codes: 0 complete, 1 manual work remains (incomplete), 2 usage error or failure.`,
  forms: [
    {
      args: '[DIR]',
      options: {
        'sops-file': { type: 'string', arg: 'PATH', required: true, help: 'the SOPS file to write (required)' },
        'nix-out': { type: 'string', arg: 'PATH', help: 'write the sops.secrets stanzas to this Nix file' },
        'secrets-dir': { type: 'string', arg: '/run/secrets', help: 'where sops-nix puts the decrypted secrets (absolute)' },
        owner: { type: 'string', arg: 'EXPR', help: 'owner of each secret file (a Nix expression)' },
        mode: { type: 'string', arg: '0400', help: 'mode of each secret file (octal)' },
        'sops-file-expr': { type: 'string', arg: 'EXPR', help: 'the Nix expression naming the SOPS file' },
        'home-manager': { type: 'boolean', help: "stanzas for home-manager's sops module (no owner; files under the user's config)" },
        'include-review': { type: 'boolean', help: 'move the items to review (personal e-mail addresses) too' },
        write: { type: 'boolean', help: 'apply the plan (default: dry run with a diff)' },
        force: { type: 'boolean', help: 'allow --write on a dirty git work tree' },
        'plaintext-out': { type: 'string', arg: 'FILE', help: 'also write the moved values unencrypted to FILE (mode 0600, outside the source)' },
      },
      common: ['format', 'output', 'config', 'show-secrets', 'no-color', 'quiet'],
      formats: ['text', 'json'],
      commonHelp: { quiet: 'text format: print no plan or diff (the exit code tells)', 'show-secrets': 'print the moved values in full (default: redacted)' },
    },
  ],
  async run({ values, positionals, common }) {
    if (positionals.length > 1) throw new UsageError('migrate takes at most one directory');
    const sopsFile = values['sops-file'] as string | undefined;
    if (!sopsFile) throw new UsageError('--sops-file PATH is required');
    const mode = values.mode as string | undefined;
    if (mode !== undefined && !/^0?[0-7]{3}$/.test(mode)) throw new UsageError(`--mode must be an octal file mode like 0400 (got '${mode}')`);
    const secretsDir = values['secrets-dir'] as string | undefined;
    if (secretsDir !== undefined && !secretsDir.startsWith('/')) throw new UsageError('--secrets-dir must be an absolute path');
    const opts: MigrateOptions = {
      sopsFile,
      nixOut: values['nix-out'] as string | undefined,
      secretsDir,
      owner: values.owner as string | undefined,
      mode: mode === undefined ? undefined : mode.padStart(4, '0'),
      sopsFileExpr: values['sops-file-expr'] as string | undefined,
      homeManager: Boolean(values['home-manager']),
      includeReview: Boolean(values['include-review']),
      write: Boolean(values.write),
      force: Boolean(values.force),
      plaintextOut: values['plaintext-out'] as string | undefined,
      configPath: common.config,
      // On a terminal, without --include-review: each item to review is the user's call.
      ...(!values['include-review'] && canAsk()
        ? { chooseReview: (items) => chooseReviewItems(items, (v) => ({ label: v.path.join('.'), value: v.value, why: v.reasons[0]?.message ?? 'to review' }), 'Move') }
        : {}),
    };
    const { planMigration, applyMigration, toMigrateJson, migrateText, exitCodeForMigration, realSourcePath } = await import('../../migrate/index.js');
    // One path for the whole run: a symlinked source dir is resolved here, once.
    const dir = await realSourcePath(resolveSourceDir(positionals[0]));
    const plan = await planMigration(dir, opts);
    if (plan.errors.length > 0) {
      // Fail closed: a file that cannot be analysed may hold a use that the move would break.
      for (const e of plan.errors) process.stderr.write(`chezmoi-sops migrate: ${escapeForTerminal(e.file)}${e.line ? `:${e.line}` : ''}: ${escapeForTerminal(e.message)}\n`);
      return 2;
    }
    await warnAboutLeftoverBackups(dir);
    const result = await applyMigration(plan, { ...opts, sourceDir: dir });
    const text =
      common.format === 'json'
        ? JSON.stringify(toMigrateJson(result, { showSecrets: common.showSecrets }), null, 2) + '\n'
        : migrateText(result, { showSecrets: common.showSecrets, diff: !result.written });
    if (common.output || !(common.quiet && common.format === 'text')) await writeOutput(text, common);
    return exitCodeForMigration(result);
  },
});

/**
 * A backup left by a run that was killed holds the plaintext originals: say so on every run until
 * the user restores or deletes it (docs/recovery.md).
 */
async function warnAboutLeftoverBackups(dir: string): Promise<void> {
  const { gitDirOf } = await import('../../git/repo.js');
  const gitDir = await gitDirOf(dir);
  if (!gitDir) return;
  const root = join(gitDir, 'chezmoi-sops');
  const left = existsSync(root) ? readdirSync(root).filter((n) => n.startsWith('backup-')) : [];
  for (const name of left) {
    process.stderr.write(`chezmoi-sops migrate: warning: a backup from an interrupted run is still at ${escapeForTerminal(join(root, name))}; it holds plaintext originals: restore it (docs/recovery.md) or delete it\n`);
  }
}

export default migrate;
