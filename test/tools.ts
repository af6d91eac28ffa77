/**
 * The external tools the suite runs for real (nix-instantiate, age, git-filter-repo), found once.
 * A missing tool fails the test that needs it with the Debian package to install (`npm test`'s
 * pretest step, build/test-prereqs.sh, installs them): a check that cannot run never passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Command → Debian package that provides it (build/test-prereqs.sh keeps the same list for apt-get). */
export const TEST_TOOLS = {
  'nix-instantiate': 'nix-bin',
  age: 'age',
  'git-filter-repo': 'git-filter-repo',
  // A pseudo-terminal for the questions asked only on a terminal (util-linux's script).
  script: 'bsdutils',
} as const;

export type TestTool = keyof typeof TEST_TOOLS;

const found = new Map<TestTool, boolean>();

/** Throws, naming the package, when `tool` is not on PATH. */
export function requireTool(tool: TestTool): void {
  if (!found.has(tool)) found.set(tool, spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
  if (!found.get(tool)) {
    throw new Error(`${tool} is not installed: this test needs it (apt-get install ${TEST_TOOLS[tool]}, or run \`npm test\` as root, whose pretest installs it)`);
  }
}

let nixConfDir: string | undefined;
/**
 * Environment for nix-instantiate: a private NIX_CONF_DIR whose nix.conf names no build-users
 * group. Debian's nix-bin defaults to `nixbld` and warns on every call until that group exists
 * (only a full Nix set-up creates it); parsing and evaluating need no build users.
 */
function nixEnv(): NodeJS.ProcessEnv {
  if (!nixConfDir) {
    nixConfDir = mkdtempSync(join(tmpdir(), 'cs-nix-conf-'));
    writeFileSync(join(nixConfDir, 'nix.conf'), 'build-users-group =\n');
  }
  return { ...process.env, NIX_CONF_DIR: nixConfDir, NIX_CONFIG: undefined };
}

export interface NixParse {
  ok: boolean;
  /** The parsed expression as nix-instantiate prints it back (stdout). */
  expr: string;
  /** What Nix said, for the failure message. */
  stderr: string;
}

/**
 * Parses a Nix file with the real parser. Judged by the exit status and the expression printed on
 * stdout, never by an empty stderr (Nix writes warnings there that say nothing of the file).
 */
export function nixParse(file: string): NixParse {
  requireTool('nix-instantiate');
  const r = spawnSync('nix-instantiate', ['--parse', file], { encoding: 'utf8', env: nixEnv() });
  if (r.error) throw r.error;
  return { ok: r.status === 0 && r.stdout.trim() !== '', expr: r.stdout, stderr: r.stderr };
}

/** Evaluates a Nix expression strictly and returns its JSON value; throws with Nix's message. */
export function nixEvalJson(expr: string): unknown {
  requireTool('nix-instantiate');
  const r = spawnSync('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { encoding: 'utf8', env: nixEnv() });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`nix-instantiate --eval failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}
