// The secret vocabulary (src/classify/vocabulary.ts) is the one place a keyword is written: the
// regexes that look for keywords in text are built from it, and the copies that had drifted
// apart agree now.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINE_STEMS, SAFE_LAST_WORDS, SAFE_SLOT_SUFFIXES, STRONG_COMPOUNDS, STRONG_WORDS, WEAK_WORDS } from '../../src/classify/vocabulary.js';
import { safeShape } from '../../src/classify/shapes.js';
import { secretQueryParam } from '../../rules/url-credentials.js';

const ROOT = join(import.meta.dirname, '..', '..');

test('every key-name keyword makes its line a literal-detection candidate, but the two that are in every path', () => {
  const stems = LINE_STEMS.map((s) => new RegExp(s, 'i'));
  const missed = [...STRONG_WORDS, ...WEAK_WORDS, ...STRONG_COMPOUNDS].filter((w) => !stems.some((s) => s.test(w)));
  expect(missed.sort()).toEqual(['mfa', 'pat']);
});

test('a template slot is cancelled only by suffixes that also cancel a key name (and msmtp\'s `eval`)', () => {
  expect(SAFE_SLOT_SUFFIXES.filter((s) => !SAFE_LAST_WORDS.has(s))).toEqual(['eval']);
});

test('a URL parameter names a credential the same way for the safe-shape test and the URL rule (`passwd` had been missing from one)', () => {
  for (const name of ['passwd', 'password', 'api_key', 'access_token', 'appid']) {
    const url = `https://example.com/login?${name}=Zk29fjQ0wPqL`;
    expect({ name, shape: safeShape(url)?.kind ?? null, rule: secretQueryParam(url) }).toEqual({ name, shape: null, rule: name });
  }
  // `appid` counts only as the whole name.
  expect(safeShape('https://example.com/?myappid=Zk29fjQ0wPqL')?.kind).toBe('url');
});

test('no module outside the vocabulary writes a regex alternation of secret keywords', () => {
  // Three or more of these as alternatives in one line is a keyword list written again.
  const KEYWORDS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'api[_-]?key', 'api_?key', 'apikey', 'credential'];
  const alternatives = (line: string) => KEYWORDS.filter((k) => line.includes(`|${k}|`) || line.includes(`(${k}|`) || line.includes(`|${k})`) || line.includes(`:${k}|`));
  const offenders: string[] = [];
  for (const dir of ['src/classify', 'src/template', 'src/migrate', 'rules']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.ts') && n !== 'vocabulary.ts')) {
      readFileSync(join(ROOT, dir, f), 'utf8').split('\n').forEach((line, i) => {
        if (!line.trimStart().startsWith('//') && alternatives(line).length >= 3) offenders.push(`${dir}/${f}:${i + 1}`);
      });
    }
  }
  expect(offenders).toEqual([]);
});
