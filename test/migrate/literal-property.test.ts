// Plain files holding a secret, with text that looks like template syntax around it (delimiters,
// partial delimiters right next to the value, directive markers): once planLiterals turns them
// into templates, Go's engine renders them to the original bytes with the secret file in place.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { planLiterals } from '../../src/migrate/literal.js';
import type { Finding } from '../../src/model.js';
import { parseSourcePath, type SourceFile } from '../../src/source/index.js';
import { findOracle, RenderSandbox } from './oracle-render.js';

const SECRET = 'ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi';
const piece = fc.constantFrom('{', '}', '{{', '}}', '{{-', '-}}', '{{/*', '*/}}', 'chezmoi:template:left-delimiter=[[', '[[', ' ', '\n', 'a', 'key=', '"', '$', '\\', 'é', '\r\n');
const text = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));

function sourceFile(name: string, body: string): SourceFile {
  return { entry: parseSourcePath(name), absPath: `/nowhere/${name}`, repoPath: name, inRoot: true, size: body.length, binary: false, encrypted: false, text: body };
}

function finding(body: string, start: number): Finding {
  const before = body.slice(0, start).split('\n');
  const line = before.length;
  const column = Array.from(before[before.length - 1]!).length + 1;
  return { fingerprint: 'f', rule: 'secretlint/github', severity: 'error', file: 'dot_cfg', line, column, endLine: line, endColumn: column + SECRET.length, value: SECRET, variable: null, history: null };
}

describe('plain files become templates that render to the same bytes', () => {
  it('for random surroundings of the secret (Go text/template, chezmoi directives)', () => {
    const sandbox = new RenderSandbox(findOracle());
    try {
      const dir = join(sandbox.dir, 'secrets');
      const samples = fc.sample(fc.tuple(text, text), { numRuns: 150, seed: 16 });
      for (const [head, tail] of samples) {
        const body = `${head}${SECRET}${tail}`;
        const plan = planLiterals({ files: [sourceFile('dot_cfg', body)], findings: [finding(body, head.length)], secretsDir: dir, takenNames: [] });
        expect(plan.refused).toEqual([]);
        const edit = [...plan.edits.values()][0]!;
        // The name depends on the text before the value (its key, or the file when it is all of it).
        rmSync(dir, { recursive: true, force: true });
        const file = join(dir, ...plan.groups[0]!.name.sopsKey);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${SECRET}\n`);
        expect(edit.newFile).toBe('dot_cfg.tmpl');
        expect(edit.text).not.toContain(SECRET);
        const r = sandbox.render(edit.text, {});
        expect({ body, ...r }).toEqual({ body, status: 0, stdout: body, stderr: '' });
      }
    } finally {
      sandbox.cleanup();
    }
  });
});
