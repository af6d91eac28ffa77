import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import {
  bfgExpressions, ExpressionError, expectedRewrite, filterRepoExpressions, orderValues, pythonRegexEscape,
} from '../../src/purge/expressions.js';

// Parse an expressions file the way git-filter-repo 2.38 does (FilteringOptions.get_replace_text),
// with Python itself, and apply it to `text`: the ground truth for what our lines mean.
function applyWithPython(expressions: string, text: string): string {
  const script = `
import re, sys, json
data = json.loads(sys.stdin.read())
lits, regs = [], []
for line in data['expr'].encode().split(b'\\n'):
    line = line.rstrip(b'\\r\\n')
    if not line: continue
    repl = b'***REMOVED***'
    if b'==>' in line:
        line, repl = line.rsplit(b'==>', 1)
    if line.startswith(b'regex:'):
        regs.append((re.compile(line[6:]), repl))
    else:
        if line.startswith(b'literal:'): line = line[8:]
        if line: lits.append((line, repl))
out = data['text'].encode()
for l, r in lits: out = out.replace(l, r)
for x, r in regs: out = x.sub(r, out)
sys.stdout.write(json.dumps(out.decode()))
`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify({ expr: expressions, text }), encoding: 'utf8' })) as string;
}

describe('git-filter-repo expressions', () => {
  it('writes literal lines, longest value first, so a secret inside another is not cut in pieces', () => {
    const e = filterRepoExpressions(['pass1234', 'https://me:pass1234@example.com/x']);
    expect(e.style).toBe('literal');
    expect(e.text).toBe('literal:https://me:pass1234@example.com/x==>***REMOVED***\nliteral:pass1234==>***REMOVED***\n');
    const text = 'url = https://me:pass1234@example.com/x\npw = pass1234\n';
    expect(applyWithPython(e.text, text)).toBe('url = ***REMOVED***\npw = ***REMOVED***\n');
  });

  it("keeps a value containing '==>' whole (filter-repo splits at the last '==>')", () => {
    const e = filterRepoExpressions(['a==>b==>c-secret'], 'XX');
    expect(applyWithPython(e.text, 'k: a==>b==>c-secret;')).toBe('k: XX;');
  });

  it('switches every line to escaped regex lines when a value spans lines (literals would run first)', () => {
    const key = '-----BEGIN KEY-----\nAAA+/=.*?[x](y){2}|^$\\d\r\n-----END KEY-----\n';
    const inner = 'AAA+/=.*?[x]';
    const e = filterRepoExpressions([inner, key], 'R\\1');
    expect(e.style).toBe('regex');
    expect(e.text.split('\n').filter(Boolean).every((l) => l.startsWith('regex:'))).toBe(true);
    expect(applyWithPython(e.text, `before\n${key}after ${inner}\n`)).toBe('before\nR\\1after R\\1\n');
  });

  it('escapes any value into a Python pattern that matches exactly that value', () => {
    // One Python run for many generated values (any code point, punctuation, control characters).
    const values = fc.sample(fc.string({ minLength: 4, maxLength: 24, unit: 'binary' }), { numRuns: 60, seed: 7 })
      .filter((v) => !v.includes('multi'));
    const e = filterRepoExpressions([...values, 'multi\nline secret'], 'R');
    const text = values.map((v) => `<${v}>`).join('\n');
    const expected = expectedRewrite(Buffer.from(text), e.values, 'R').toString();
    expect(applyWithPython(e.text, text)).toBe(expected);
    for (const v of values) expect(expected).not.toContain(v);
  });

  it('never lets a pattern contain the separator', () => {
    expect(pythonRegexEscape('x==>y')).not.toContain('==>');
  });

  it('refuses replacements that would break the file format, and values too short to replace safely', () => {
    expect(() => filterRepoExpressions(['secret-value'], 'a==>b')).toThrow(ExpressionError);
    expect(() => filterRepoExpressions(['secret-value'], 'two\nlines')).toThrow(ExpressionError);
    expect(() => orderValues(['abc'])).toThrow(/shorter than 4/);
  });
});

describe('BFG expressions', () => {
  it("refuses a value containing '==>' (BFG splits at the first one)", () => {
    expect(() => bfgExpressions(['a==>b-secret'])).toThrow(/==>/);
  });

  it('writes one line per value, a multi-line value line by line without its armour lines', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\nQyNTUxOQAAACDfake\n-----END OPENSSH PRIVATE KEY-----\n';
    const b = bfgExpressions(['ghp_abcdefgh', key], 'X');
    expect(b.text).toBe('b3BlbnNzaC1rZXktdjEAAAA==>X\nQyNTUxOQAAACDfake==>X\nghp_abcdefgh==>X\n');
    expect(b.notes.join()).toMatch(/2 single-line expressions/);
  });
});
