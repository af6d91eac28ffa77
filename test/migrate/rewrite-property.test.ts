import fc from 'fast-check';
import { readsOf, rewriteTemplateTargets, type SecretTarget } from '../../src/migrate/rewrite.js';
import { parseTemplate } from '../../src/template/index.js';
import { findOracle, RenderSandbox, valueAt, withoutPaths } from './oracle-render.js';
import { DATA, file, SECRET_PATHS, template } from './template-gen.js';

const targets: SecretTarget[] = SECRET_PATHS.map((s) => ({ path: s.path, secretFile: file(s.name) }));
const dataPaths = [['name'], ['flag'], ['list', '0'], ['list', '1'], ['x'], ['github', 'token'], ['github', 'user'], ['nested', 'deep', 'key'], ['nested', 'other']];

function rewrite(text: string) {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new Error(`generated template does not parse: ${parsed.error?.message}\n${text}`);
  return rewriteTemplateTargets(text, parsed, targets, { dataPaths });
}

describe('rewrite of random valid templates', () => {
  it('changes exactly the secret reads, still parses, and reads no secret afterwards', () => {
    fc.assert(
      fc.property(template, ({ orig, want }) => {
        const r = rewrite(orig);
        expect(r.manual).toEqual([]);
        expect(r.text).toBe(want);
        const again = parseTemplate(r.text);
        expect(again.error).toBeNull();
        expect(readsOf(again, targets.map((t) => t.path))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('renders to the same bytes with Go text/template: old data versus new data plus secret files', () => {
    const sandbox = new RenderSandbox(findOracle());
    try {
      const newData = withoutPaths(DATA, SECRET_PATHS.map((s) => s.path));
      const secretsDir = sandbox.secretsDir(SECRET_PATHS.map((s) => ({ name: s.name, value: valueAt(DATA, s.path) })));
      const samples = fc.sample(template, { numRuns: 40, seed: 20261126 });
      for (const { orig } of samples) {
        const before = sandbox.render(orig, DATA);
        expect(before.stderr).toBe('');
        const after = sandbox.render(rewrite(orig).text, newData, secretsDir);
        expect({ status: after.status, stdout: after.stdout, stderr: after.stderr }).toEqual({ status: 0, stdout: before.stdout, stderr: '' });
        // The secrets really come from the files: without them the new template cannot render.
        if (orig !== rewrite(orig).text) expect(sandbox.render(rewrite(orig).text, newData).status).not.toBe(0);
      }
    } finally {
      sandbox.cleanup();
    }
  });
});
