import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existingStanzas, mergeNixBlock } from '../../src/migrate/nix-block.js';
import { renderNixSecrets, updateNixFile } from '../../src/migrate/nix.js';
import { nixParse } from '../tools.js';

const opts = { sopsFileExpr: './secrets.yaml', ownerExpr: 'config.users.users.rain.name', mode: '0400' };
const block = (names: string[]) => renderNixSecrets(names.map((name) => ({ name, path: `/run/secrets/${name}` })), opts);

describe('mergeNixBlock', () => {
  it('keeps the stanzas of an earlier run, replaces redefined ones, and the file still parses', () => {
    const first = updateNixFile(null, block(['a', 'github/token']));
    expect([...existingStanzas(first).keys()]).toEqual(['a', '"github/token"']);
    const merged = updateNixFile(first, mergeNixBlock(first, block(['b', 'a'])));
    expect(merged.match(/sops\.secrets\.\S+/g)).toEqual(['sops.secrets."github/token"', 'sops.secrets.b', 'sops.secrets.a']);
    // Everything outside the generated block is untouched.
    expect(merged.split('# BEGIN chezmoi-sops\n')[0]).toBe(first.split('# BEGIN chezmoi-sops\n')[0]);
    const dir = mkdtempSync(join(tmpdir(), 'cs-nix-'));
    try {
      writeFileSync(join(dir, 'm.nix'), merged);
      expect(nixParse(join(dir, 'm.nix'))).toMatchObject({ ok: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds nothing in a file without a generated block', () => {
    expect(existingStanzas('{ sops.secrets.x = { }; }').size).toBe(0);
    expect(existingStanzas(null).size).toBe(0);
  });
});
