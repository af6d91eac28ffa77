// Copies of a moved variable's value in other files (src/migrate/literal.ts copyFindings): found
// where the value stands alone, never inside a longer word, never for a short value (a PIN or a
// word would match unrelated text: that stays manual work), never in the files that define it.
import type { SourceFile } from '../../src/source/index.js';
import { copyFindings } from '../../src/migrate/literal.js';

const file = (repoPath: string, text: string) => ({ repoPath, text, encrypted: false, binary: false, inRoot: true }) as unknown as SourceFile;

test('a copy that stands alone is a finding at its position; inside a word, in its own data file or when short, not', () => {
  const files = [
    file('dot_config/git/allowed_signers', 'rain@example-personal.net ssh-ed25519 AAAA\n'),
    file('dot_notes', 'xrain@example-personal.net\nkey 4711 here\n'),
    file('.chezmoidata.yaml', 'email_personal: rain@example-personal.net\npin: 4711\n'),
  ];
  const found = copyFindings(files, [
    { value: 'rain@example-personal.net', path: ['email_personal'], definedIn: new Set(['.chezmoidata.yaml']) },
    { value: '4711', path: ['pin'], definedIn: new Set(['.chezmoidata.yaml']) },
  ]);
  expect(found.map((f) => [f.file, f.line, f.column, f.endColumn, f.value])).toEqual([
    ['dot_config/git/allowed_signers', 1, 1, 26, 'rain@example-personal.net'],
  ]);
});
