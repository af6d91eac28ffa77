// Property tests of the loaders and the whole analysis on hostile input. Already covered elsewhere:
// the template parser never throws (test/template/property.test.ts), the rewriter changes only the
// secret reads and its output still parses and renders the same (test/migrate/rewrite-property.test.ts),
// data-file edits (test/migrate-outputs/data-edit.property.test.ts), and parse errors of one fixed
// broken shape quote no input (test/data/parse.test.ts). Added here: mutated valid documents of
// every data format, config templates, and the full analysis of random source trees.
import fc from 'fast-check';
import { extractConfigData, parseDataFile } from '../../src/data/index.js';
import { analyse } from '../../src/scan/index.js';
import { entryForRepoPath } from '../../src/source/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';

const DATA_FILES = ['.chezmoidata.yaml', '.chezmoidata.toml', '.chezmoidata.json', '.chezmoidata.jsonc', '.chezmoidata/x.yml'];

/** A secret-looking value: what an error message must never quote. Letters and digits alternate, so
 * that no 6-character run of it is an English word of a message ("operty" of "property"). */
const secret = fc.stringMatching(/^(?:[A-Za-z][0-9]){7,12}$/);

/** A valid document of the format, holding the secret under a nested key. */
function validDoc(file: string, key: string, value: string): string {
  if (file.endsWith('.toml')) return `title = "x"\n[${key}]\n  password = "${value}"\n  list = [1, 2]\n`;
  if (/\.jsonc?$/.test(file)) return `{\n  "title": "x",\n  "${key}": { "password": "${value}", "list": [1, 2] }\n}\n`;
  return `title: x\n${key}:\n  password: "${value}"\n  list: [1, 2]\n`;
}

/** Edits that break documents the way people and tools do: cut, duplicate, insert syntax. */
const mutation = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 12 }),
  insert: fc.constantFrom('', '"', "'", '[', ']', '{', '}', ':', '=', ',', '\n', '\t', '  ', '#', '\\', '\0', '\ufeff', '\r', '${', '{{', '\u2028', '- ', '&a', '*a', '!!binary ', '%YAML 1.2\n---\n'),
});

function mutate(text: string, edits: Array<{ at: number; cut: number; insert: string }>): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.cut);
  }
  return out;
}

/** No 6-character run of the secret appears in the text. */
function quotesNothingOf(text: string, value: string): boolean {
  for (let i = 0; i + 6 <= value.length; i++) if (text.includes(value.slice(i, i + 6))) return false;
  return true;
}

describe('data loaders on broken documents', () => {
  it('parseDataFile never throws; an error has a line and quotes no part of the value', () => {
    let errors = 0;
    fc.assert(
      fc.property(fc.constantFrom(...DATA_FILES), fc.constantFrom('db', 'a_b', 'k-1'), secret, fc.array(mutation, { minLength: 1, maxLength: 4 }), (file, key, value, edits) => {
        const text = mutate(validDoc(file, key, value), edits);
        const r = parseDataFile(file, text);
        if (!r.error) return true;
        errors++;
        expect(r.error.file).toBe(file);
        expect(r.error.line).toBeGreaterThanOrEqual(1);
        expect(r.error.message).not.toContain('\n');
        expect(quotesNothingOf(r.error.message, value)).toBe(true);
        return true;
      }),
      { numRuns: 400 },
    );
    expect(errors).toBeGreaterThan(50); // the mutations do break documents
  });

  it('parseDataFile on arbitrary text (any code point) never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DATA_FILES), fc.string({ unit: 'binary', maxLength: 80 }), (file, text) => {
        const r = parseDataFile(file, text);
        return r.error === null || typeof r.error.message === 'string';
      }),
      { numRuns: 400 },
    );
  });

  it('extractConfigData (the config template data) never throws and quotes no value', () => {
    fc.assert(
      fc.property(fc.constantFrom('.chezmoi.toml.tmpl', '.chezmoi.yaml.tmpl', '.chezmoi.json.tmpl'), secret, fc.array(mutation, { maxLength: 4 }), (file, value, edits) => {
        const body = file.includes('toml')
          ? `{{ $email := promptStringOnce . "email" "Email" }}\n[data]\n  email = {{ $email | quote }}\n  password = "${value}"\n`
          : file.includes('yaml')
            ? `data:\n  email: {{ .email | quote }}\n  password: "${value}"\n`
            : `{"data": {"email": {{ .email | quote }}, "password": "${value}"}}\n`;
        const r = extractConfigData(file, mutate(body, edits));
        if (r.error) expect(quotesNothingOf(r.error.message, value)).toBe(true);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('the whole analysis on random source trees', () => {
  const PATHS = ['.chezmoidata.yaml', '.chezmoidata/b.toml', '.chezmoidata/c.json', '.chezmoi.toml.tmpl', 'dot_a.tmpl', 'modify_dot_b', 'dot_c', 'run_onchange_d.sh.tmpl', '.chezmoitemplates/p', 'symlink_dot_e.tmpl', 'dot_f/.chezmoiignore'];
  const PIECES = ['{{', '}}', '{{-', '-}}', ' .db.password ', ' include "x" ', ' template "p" . ', ' end ', ' if ', ' range $k, $v := . ', ' $x := 1 ', 'db:\n', '  password: ', 'password = ', '"', '\n', '[data]\n', 'chezmoi:modify-template\n', '{{/* c */}}', '`', '|', ' toJson ', '(', ')'];
  const fileText = fc.array(fc.oneof(fc.constantFrom(...PIECES), secret), { maxLength: 16 }).map((p) => p.join(''));

  it('analyse never throws; no error message quotes a value from the input', async () => {
    const config = cloneDefaultConfig();
    const seen = { errors: 0, findings: 0 };
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.constantFrom(...PATHS), { minLength: 1, maxLength: 5 }), fc.array(fileText, { minLength: 5, maxLength: 5 }), secret, async (paths, texts, value) => {
        const files = paths.map((path, i) => ({ path, entry: entryForRepoPath(path, '').entry, text: texts[i]!.split('SECRET').join(value) + `\npassword: "${value}"\n` }));
        const result = await analyse({ root: '/fuzz', files }, { config });
        seen.errors += result.errors.length;
        seen.findings += result.findings.length;
        for (const e of result.errors) expect(quotesNothingOf(e.message, value)).toBe(true);
        for (const n of result.notes) expect(quotesNothingOf(n.message, value)).toBe(true);
        return true;
      }),
      { numRuns: 120 },
    );
    expect(seen.errors).toBeGreaterThan(20);
    expect(seen.findings).toBeGreaterThan(20);
  });
});
