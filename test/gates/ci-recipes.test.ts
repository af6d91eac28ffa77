// The CI recipes of docs/ci-recipes.md, run as the CI would run them: the scan script of each
// recipe, unchanged, with `chezmoi-sops` on PATH, in a real repository with a base branch and a
// pull-request branch.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bin, checkout, fakeAwsKeyId, fakeAwsSecret, fakeGithubToken, gitEnv, TempRepo } from './helpers.js';
import { sarifSchemaErrors } from './sarif-schema.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const doc = readFileSync(join(checkout, 'docs', 'ci-recipes.md'), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]) as any);
const github = yamlBlocks.find((b) => b.jobs)!;
const gitlab = yamlBlocks.find((b) => b['chezmoi-sops'])!['chezmoi-sops'];
const githubSteps: any[] = github.jobs.secrets.steps;
const githubScan: string = githubSteps.find((s) => s.name === 'Scan for secrets').run;
const gitlabScan: string = gitlab.script.join('\n');

describe('CI recipes (docs/ci-recipes.md)', () => {
  it('GitHub: full history checkout, security-events permission, SARIF upload of the file the scan writes, even after a failed scan', () => {
    expect(githubSteps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(github.permissions['security-events']).toBe('write');
    const upload = githubSteps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif'));
    expect(githubScan).toContain(`--output ${upload.with.sarif_file}`);
    expect(upload.if).toContain('!cancelled()');
    expect(githubSteps.find((s) => s.name === 'Scan for secrets').env.BASE_SHA).toBe('${{ github.event.pull_request.base.sha }}');
  });

  it('GitLab: full clone, merge request and default branch rules, SARIF kept as an artifact', () => {
    expect(gitlab.variables.GIT_DEPTH).toBe('0');
    expect(gitlab.artifacts).toMatchObject({ when: 'always', paths: ['chezmoi-sops.sarif'] });
    expect(gitlab.rules.map((r: any) => r.if)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']);
  });

  describe('the scan scripts on a pull request', () => {
    let repo: TempRepo;
    let pathDir: string;
    let baseSha: string;
    const oldToken = fakeGithubToken(51);
    beforeAll(() => {
      repo = new TempRepo();
      pathDir = mkdtempSync(join(tmpdir(), 'chezmoi-sops-path-'));
      symlinkSync(bin, join(pathDir, 'chezmoi-sops'));
      // The base branch holds an old secret: not the pull request's doing.
      repo.write('.chezmoidata.yaml', `name: Rain\ngithub:\n  token: ${oldToken}\n`);
      repo.write('dot_bashrc', 'export EDITOR=nvim\n');
      repo.commitAll('base');
      baseSha = repo.git('rev-parse', 'HEAD').trim();
      repo.git('checkout', '-q', '-b', 'pr');
    });
    afterAll(() => {
      repo.cleanup();
      rmSync(pathDir, { recursive: true, force: true });
    });
    const run = (script: string, env: Record<string, string>) => {
      rmSync(join(repo.dir, 'chezmoi-sops.sarif'), { force: true });
      return spawnSync('sh', ['-c', script], { cwd: repo.dir, encoding: 'utf8', env: { ...gitEnv, PATH: `${pathDir}:${process.env.PATH}`, ...env } });
    };
    const sarif = () => JSON.parse(readFileSync(join(repo.dir, 'chezmoi-sops.sarif'), 'utf8')) as any;

    it('pass a clean pull request although the base branch has a secret, and fail on push (whole history)', () => {
      repo.write('dot_vimrc', 'set number\n');
      repo.commitAll('clean change');
      for (const [script, env] of [[githubScan, { BASE_SHA: baseSha }], [gitlabScan, { CI_MERGE_REQUEST_DIFF_BASE_SHA: baseSha }]] as const) {
        const r = run(script, env);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(sarifSchemaErrors(sarif())).toEqual([]);
        expect(sarif().runs[0].results).toEqual([]);
      }
      const push = run(githubScan, {});
      expect(push.status).toBe(1);
      expect(push.stdout).not.toContain(oldToken);
    });

    it('fail a pull request that adds a secret, even one a later commit deletes, with valid SARIF pointing at it', () => {
      repo.write('private_dot_aws/credentials', `[default]\naws_access_key_id = ${fakeAwsKeyId(52)}\naws_secret_access_key = ${fakeAwsSecret(52)}\n`);
      repo.commitAll('add aws');
      repo.git('rm', '-q', '-r', 'private_dot_aws');
      repo.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'remove aws again');
      for (const [script, env] of [[githubScan, { BASE_SHA: baseSha }], [gitlabScan, { CI_MERGE_REQUEST_DIFF_BASE_SHA: baseSha }]] as const) {
        const r = run(script, env);
        expect(r.status).toBe(1);
        expect(r.stdout).toContain('private_dot_aws/credentials'); // the redacted text report in the job log
        const log = sarif();
        expect(sarifSchemaErrors(log)).toEqual([]);
        const uris = log.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri);
        expect(uris).toContain('private_dot_aws/credentials');
        expect(JSON.stringify(log)).not.toContain(fakeAwsSecret(52));
        expect(JSON.stringify(log)).not.toContain(oldToken);
      }
    });

    it('pass again, on a pull request and on push, once the findings are accepted in a committed history baseline', () => {
      const created = spawnSync(process.execPath, [bin, 'baseline', 'create', '.', '--history'], { cwd: repo.dir, env: gitEnv, encoding: 'utf8' });
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      repo.git('add', '.chezmoi-sops-baseline.json');
      repo.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'accept the findings');
      for (const env of [{ BASE_SHA: baseSha }, {}] as Record<string, string>[]) {
        const r = run(githubScan, env);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(sarif().runs[0].results).toEqual([]);
      }
      expect(run(gitlabScan, { CI_MERGE_REQUEST_DIFF_BASE_SHA: baseSha }).status).toBe(0);
    });
  });
});
