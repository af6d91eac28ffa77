// The rewriter on real chezmoi repositories (../shared/corpus/real): pretend every leaf the
// templates read is a secret, rewrite, and check the result against the parser's own view.
import { readFileSync } from 'node:fs';
import { pathKey, rewriteTemplateTargets, type SecretTarget } from '../../src/migrate/rewrite.js';
import { parseTemplate } from '../../src/template/index.js';
import { corpusTemplates } from '../template/oracle.js';

describe('rewrite on the real corpus', () => {
  it('every rewrite parses, keeps the bytes outside the reads, and leaves no read of a target', () => {
    let rewritten = 0;
    let manual = 0;
    let reads = 0;
    for (const file of corpusTemplates()) {
      const text = readFileSync(file, 'utf8');
      const parsed = parseTemplate(text, { modify: /(^|\/)modify_/.test(file) });
      if (!parsed.ok) continue;
      const paths = parsed.refs.map((r) => r.path).filter((p): p is string[] => p !== null && p.length > 0 && p[0] !== 'chezmoi');
      const keys = new Set(paths.map(pathKey));
      // Leaves only: a path that another read goes below is a map, not a secret string.
      const leaves = [...keys].map((k) => JSON.parse(k) as string[]).filter((p) => ![...keys].some((k) => k !== pathKey(p) && k.startsWith(pathKey(p).slice(0, -1) + ',')));
      if (leaves.length === 0) continue;
      const targets: SecretTarget[] = leaves.map((p) => ({ path: p, secretFile: `/run/secrets/${p.join('/')}` }));
      const r = rewriteTemplateTargets(text, parsed, targets);
      if (r.manual.length > 0) {
        expect(r.text).toBe(text);
        manual++;
        continue;
      }
      const again = parseTemplate(r.text, { modify: /(^|\/)modify_/.test(file) });
      expect({ file, error: again.error }).toEqual({ file, error: null });
      const left = again.refs.filter((ref) => ref.path && targets.some((t) => pathKey(t.path) === pathKey(ref.path!)));
      expect({ file, left: left.map((l) => `${l.line}:${l.text}`) }).toEqual({ file, left: [] });
      // Outside the replaced operands not a byte changed, and each replacement is an include.
      let at = 0;
      let out = 0;
      for (const rep of r.replaced) {
        const keep = text.slice(at, rep.start);
        expect(r.text.slice(out, out + keep.length)).toBe(keep);
        out += keep.length;
        const inserted = /^(?:\(include "\/run\/secrets\/[^"]*" \| trim\)|include "\/run\/secrets\/[^"]*" \| trim)/.exec(r.text.slice(out))![0];
        expect(parsed.refs.some((ref) => ref.start >= rep.start && ref.end <= rep.end)).toBe(true);
        out += inserted.length;
        at = rep.end;
      }
      expect(r.text.slice(out)).toBe(text.slice(at));
      reads += r.replaced.length;
      rewritten++;
    }
    // The corpus exercises the rewriter for real (numbers are reported by the test name on failure).
    expect(rewritten).toBeGreaterThan(50);
    expect(reads).toBeGreaterThan(rewritten);
    process.stdout.write(`corpus: ${rewritten} templates rewritten (${reads} reads), ${manual} left to a human\n`);
  });
});
