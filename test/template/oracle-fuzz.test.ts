/**
 * Differential fuzzing: generated and mutated templates (directives, custom delimiters, CRLF,
 * multi-byte text, every literal form, broken syntax) parsed by Go 1.19 (gotmpl-oracle) and by
 * us in go1.19 mode must give the same verdict, Go error message and line, refs, funcs and
 * includes. Fixed seeds, so a failure is reproducible.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTemplate } from '../../src/template/index.js';
import { mutated, rng, validish, withDirective } from './generate.js';
import { compareWithOracle, findOracle, oracleRefs } from './oracle.js';

const CASES = 1500;

test(`Go 1.19 and our parser agree on ${CASES} generated templates`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tmpl-fuzz-'));
  try {
    const r = rng(20261126);
    const texts: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const text = withDirective(r, r() < 0.5 ? validish(r) : mutated(r));
      const file = join(dir, `t${i}.tmpl`);
      writeFileSync(file, text);
      texts.push(text);
      files.push(file);
    }
    const results = oracleRefs(findOracle(), files);
    expect(results).toHaveLength(CASES);
    const parsedByGo = results.filter((g) => g.ok).length;
    // Both outcomes must be well represented, or the comparison proves little.
    expect(parsedByGo).toBeGreaterThan(CASES * 0.2);
    expect(parsedByGo).toBeLessThan(CASES * 0.8);
    const diffs = results.flatMap((go, i) =>
      compareWithOracle(parseTemplate(texts[i], { name: files[i], go: 'go1.19' }), go).map((d) => `${d}\n  text: ${JSON.stringify(texts[i])}`),
    );
    expect(diffs.slice(0, 10)).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
