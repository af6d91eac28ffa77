// The tools the suite runs for real are installed, and the Nix check is judged by what Nix parsed:
// on a machine where nix was never set up (no `nixbld` group) it still passes, and it still fails
// on a file that does not parse.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOracle } from './template/oracle.js';
import { nixParse, requireTool, TEST_TOOLS, type TestTool } from './tools.js';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cs-tools-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each(Object.keys(TEST_TOOLS) as TestTool[])('%s is installed', (tool) => {
  expect(() => requireTool(tool)).not.toThrow();
});

test('the Go template oracle is built', () => {
  expect(findOracle()).toMatch(/gotmpl-oracle$/);
});

test('nixParse accepts a valid file by its parsed expression and refuses a broken one', () => {
  writeFileSync(join(dir, 'ok.nix'), '{ sops.secrets.a = { mode = "0400"; }; }\n');
  writeFileSync(join(dir, 'bad.nix'), '{ sops.secrets.a = ; }\n');
  const ok = nixParse(join(dir, 'ok.nix'));
  expect(ok).toMatchObject({ ok: true });
  expect(ok.expr).toContain('sops');
  // The private nix.conf names no build-users group: no warning about a missing `nixbld`.
  expect(ok.stderr).not.toContain('nixbld');
  expect(nixParse(join(dir, 'bad.nix'))).toMatchObject({ ok: false });
});
