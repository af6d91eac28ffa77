import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretNameFor, secretFilePath } from '../../src/migrate/names.js';
import {
  renderNixSecrets, renderNixModule, updateNixFile, relativeToRootExpr, NixRenderError, BEGIN_MARKER, END_MARKER,
} from '../../src/migrate/nix.js';
import { nixEvalJson, nixParse as parseNixFile } from '../tools.js';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'nix-out-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function writeNix(text: string): string {
  const file = join(dir, `m${fileCount++}.nix`);
  writeFileSync(file, text);
  return file;
}
/** Parses with the real Nix parser; throws on a syntax error. */
function nixParse(text: string): void {
  const parsed = parseNixFile(writeNix(text));
  if (!parsed.ok) throw new Error(`nix-instantiate --parse: ${parsed.stderr}`);
}
/** Evaluates a module file with stub config/lib and returns its sops.secrets as JSON. */
function evalSecrets(moduleText: string): Record<string, Record<string, string>> {
  const file = writeNix(moduleText);
  const expr = `(import ${file} {
    config = { users.users.rain.name = "rain"; xdg.configHome = "/home/rain/.config"; };
    lib = { custom.relativeToRoot = p: "/cfg/" + p; };
  }).config.sops.secrets`;
  return nixEvalJson(expr) as Record<string, Record<string, string>>;
}

const sopsFileExpr = relativeToRootExpr('secrets/dotfiles.yaml');

test("the user's example comes out exactly", () => {
  const name = secretNameFor(['acoustid_api']);
  const block = renderNixSecrets(
    [{ name: name.secretName, nixAttr: name.nixAttr, path: secretFilePath('/run/secrets', name.secretName) }],
    { sopsFileExpr, user: 'rain', mode: '0400' },
  );
  expect(block).toBe(
    '    sops.secrets.acoustid_api = {\n' +
    '      sopsFile = lib.custom.relativeToRoot "secrets/dotfiles.yaml";\n' +
    '      path = "/run/secrets/acoustid_api";\n' +
    '      owner = config.users.users.rain.name;\n' +
    '      mode = "0400";\n' +
    '    };\n',
  );
});

test('awkward names and paths parse and evaluate to the same strings', () => {
  const awkward = ['github/token', 'api.key', 'with"quote', 'dollar${x}', 'back\\slash', 'in'];
  const block = renderNixSecrets(
    awkward.map((name) => ({ name, path: `/run/secrets/${name}` })),
    { sopsFileExpr, ownerExpr: 'config.users.users."rain".name', mode: '0440' },
  );
  const module = renderNixModule(block);
  nixParse(module);
  const secrets = evalSecrets(module);
  expect(Object.keys(secrets).sort()).toEqual([...awkward].sort());
  for (const name of awkward) {
    expect(secrets[name]).toEqual({ sopsFile: '/cfg/secrets/dotfiles.yaml', path: `/run/secrets/${name}`, owner: 'rain', mode: '0440' });
  }
});

test('the default NixOS path is /run/secrets/<name>', () => {
  const secrets = evalSecrets(renderNixModule(renderNixSecrets([{ name: 'github/token' }], { sopsFileExpr, user: 'rain', mode: '0400' })));
  expect(secrets['github/token']!.path).toBe('/run/secrets/github/token');
});

test('home-manager: no owner, the xdg default path interpolated by Nix, names escaped', () => {
  const block = renderNixSecrets([{ name: 'github/token' }, { name: 'odd${x}"' }], { sopsFileExpr, mode: '0400', homeManager: true });
  expect(block).not.toMatch(/owner|group/);
  expect(block).toContain('path = "${config.xdg.configHome}/sops-nix/secrets/github/token";');
  const secrets = evalSecrets(renderNixModule(block));
  expect(secrets['github/token']).toEqual({ sopsFile: '/cfg/secrets/dotfiles.yaml', path: '/home/rain/.config/sops-nix/secrets/github/token', mode: '0400' });
  expect(secrets['odd${x}"']!.path).toBe('/home/rain/.config/sops-nix/secrets/odd${x}"');
});

test('NixOS stanzas need an owner', () => {
  expect(() => renderNixSecrets([{ name: 'a' }], { sopsFileExpr, mode: '0400' })).toThrow(NixRenderError);
  expect(() => renderNixSecrets([{ name: 'a' }], { sopsFileExpr, user: 'u', mode: 'rw' })).toThrow(/invalid file mode/);
});

describe('updateNixFile', () => {
  const opts = { sopsFileExpr, user: 'rain', mode: '0400' };
  const first = renderNixSecrets([{ name: 'a' }], opts);
  const second = renderNixSecrets([{ name: 'a' }, { name: 'b/c' }], opts);

  test('creates a module file when there is none, and regenerating is stable', () => {
    const created = updateNixFile(null, first);
    nixParse(created);
    expect(updateNixFile(created, first)).toBe(created);
    const updated = updateNixFile(created, second);
    nixParse(updated);
    expect(Object.keys(evalSecrets(updated))).toEqual(['a', 'b/c']);
  });

  test("replaces only the block in the user's own file, at the marker's indentation, keeping CRLF", () => {
    const own = [
      '{ config, lib, pkgs, ... }:',
      '{',
      '  # my own stuff',
      '  environment.systemPackages = [ pkgs.hello ];',
      `  ${BEGIN_MARKER}`,
      '  sops.secrets.old = { };',
      `  ${END_MARKER}`,
      '  services.foo.enable = true;',
      '}',
      '',
    ].join('\r\n');
    const updated = updateNixFile(own, second);
    expect(updated).toBe([
      '{ config, lib, pkgs, ... }:',
      '{',
      '  # my own stuff',
      '  environment.systemPackages = [ pkgs.hello ];',
      `  ${BEGIN_MARKER}`,
      ...second.trimEnd().split('\n').map((l) => l.slice(2)),
      `  ${END_MARKER}`,
      '  services.foo.enable = true;',
      '}',
      '',
    ].join('\r\n'));
    nixParse(updated);
  });

  test('refuses a file without markers or with broken markers', () => {
    expect(() => updateNixFile('{ }\n', first, 'hosts/x.nix')).toThrow(/hosts\/x.nix has no "# BEGIN chezmoi-sops"/);
    expect(() => updateNixFile(`${END_MARKER}\n${BEGIN_MARKER}\n`, first)).toThrow(/exactly one/);
    expect(() => updateNixFile(`${BEGIN_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}\n`, first)).toThrow(/exactly one/);
  });
});
