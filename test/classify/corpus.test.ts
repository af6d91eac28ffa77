// The real templates and data in ../shared/corpus/real hold no real secrets: nothing there may be
// classified secret. Every literal finding there is reviewed below.
import { readFileSync } from 'node:fs';
import { builtinRules } from '../../rules/index.js';
import { relative } from 'node:path';
import { classifyVariables, detectLiteralSecrets } from '../../src/classify/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
import { corpusContexts, templateSpans, walk } from './helpers/corpus.js';
import { CORPUS } from '../shared.js';

const ROOT = CORPUS;
const config = cloneDefaultConfig();

test('no data variable of the real corpus is classified secret', async () => {
  const ctxs = corpusContexts(ROOT, config);
  expect(ctxs.length).toBeGreaterThan(200);
  const out = await classifyVariables(ctxs, { rules: builtinRules, config });
  expect(out.filter((v) => v.class === 'secret').map((v) => v.path.join('.'))).toEqual([]);
  // The password-manager references of natelandau's onepassword.toml are references, not secrets.
  const refs = out.filter((v) => v.class === 'reference');
  expect(refs.length).toBeGreaterThanOrEqual(20);
  expect(refs.every((v) => v.value.startsWith('op://'))).toBe(true);
  // Personal addresses are for review.
  expect(out.filter((v) => v.class === 'review').every((v) => v.value.includes('@'))).toBe(true);
});

test('literal findings in the real corpus: only the reviewed one', async () => {
  const findings: string[] = [];
  for (const file of walk(ROOT)) {
    const text = readFileSync(file, 'utf8');
    for (const f of await detectLiteralSecrets(relative(ROOT, file), text, { rules: builtinRules, config, skipSpans: templateSpans(text) })) {
      findings.push(`${relative(ROOT, file)}:${f.line}:${f.rule}`);
    }
  }
  // Reviewed: spotDL's built-in Spotify client secret, published in spotDL's own source as its default
  // credentials. It is a client secret written literally in a config file, exactly what a user should
  // be told about (they can allow it inline or baseline it); we do not special-case a known value.
  expect(findings).toEqual(['canh25xp__dotfiles/home/dot_spotdl/config.json.tmpl:3:name-keyword']);
});
