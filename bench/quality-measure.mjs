// Shared by bench/quality.mjs and the quality test: run the classifier over generated repos and
// count true/false positives for variables and for literal findings.
import { generateRepo } from './quality-generator.mjs';

/** `api` is the classify module (src or dist); `config` a ClassifyConfig; `rules` the rule registry (rules/index.ts). */
export async function measure(api, config, { repos = 50, seed = 1, rules } = {}) {
  const v = { tp: 0, fp: 0, fn: 0, tn: 0, misses: [], falseAlarms: [] };
  const l = { tp: 0, fp: 0, fn: 0, misses: [], falseAlarms: [] };
  for (let i = 0; i < repos; i++) {
    const repo = generateRepo(seed + i);
    const ctxs = repo.data.map((d, j) => ({
      ...api.makeRuleContext(d.path, d.value, config, { definedIn: [{ file: '.chezmoidata.yaml', line: j + 1, column: 1 }] }),
      uses: [repo.uses[j]],
    }));
    const out = await api.classifyVariables(ctxs, { config, rules });
    out.forEach((res, j) => {
      const d = repo.data[j];
      const flagged = res.class === 'secret';
      if (d.expectSecret && flagged) v.tp++;
      else if (d.expectSecret) { v.fn++; v.misses.push(`${d.path.join('.')} -> ${res.class}`); }
      else if (flagged) { v.fp++; v.falseAlarms.push(`${d.path.join('.')} (${res.reasons.map((x) => x.rule).join(',')})`); }
      else v.tn++;
    });
    for (const f of repo.files) {
      const spans = [...f.text.matchAll(/\{\{[\s\S]*?\}\}/g)].map((m) => [m.index, m.index + m[0].length]);
      const findings = await api.detectLiteralSecrets(f.file, f.text, { config, rules, skipSpans: spans });
      const matched = new Set();
      for (const p of f.planted) {
        const hit = findings.find((x) => x.line === p.line && x.column <= p.column + 1 && (x.endLine > p.line || x.endColumn > p.column));
        if (hit) { l.tp++; matched.add(hit); } else { l.fn++; l.misses.push(`${f.file}:${p.line}:${p.column} ${f.text.split("\n")[p.line - 1]}`); }
      }
      for (const x of findings) if (!matched.has(x) && !f.planted.some((p) => p.line === x.line)) { l.fp++; l.falseAlarms.push(`${f.file}:${x.line} ${x.rule}`); }
    }
  }
  const pr = (s) => ({ precision: s.tp / Math.max(1, s.tp + s.fp), recall: s.tp / Math.max(1, s.tp + s.fn) });
  return { variables: { ...v, ...pr(v) }, literals: { ...l, ...pr(l) } };
}
