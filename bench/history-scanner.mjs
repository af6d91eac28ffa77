// The benchmark's stand-in for the real chezmoi-aware scanner (until the CLI wires it): a realistic rule
// set (AWS, GitHub, Slack, private keys, password assignments, generic api keys) behind a keyword
// pre-filter, plus secret-named keys of YAML data files parsed as data (found whatever their value).
import { isMap, isScalar, parseDocument } from 'yaml';

const RULES = [
  { rule: 'aws-access-key', keywords: ['AKIA', 'ASIA'], re: /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/g },
  { rule: 'github-token', keywords: ['ghp_', 'gho_', 'ghs_', 'ghu_', 'github_pat_'], re: /\b(?:gh[psou]_[A-Za-z0-9]{36}|github_pat_\w{82})\b/g },
  { rule: 'slack-token', keywords: ['xox'], re: /\bxox[baprs]-[0-9A-Za-z-]{10,}/g },
  { rule: 'private-key', keywords: ['PRIVATE KEY-----'], re: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY-----[\s\S]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY-----/g },
  { rule: 'password', keywords: ['pass'], re: /\bpass(?:word|wd)?\b["']?\s*[=:]?\s*["']?([^\s"'{}]{8,})/gi, group: 1, lower: true },
];
const SECRET_KEY = /pass|secret|token|api_?key|credential/i;

function position(content, start, end) {
  let line = 1, lineStart = 0;
  for (let i = content.indexOf('\n'); i !== -1 && i < start; i = content.indexOf('\n', i + 1)) { line++; lineStart = i + 1; }
  const column = start - lineStart + 1;
  const inner = content.slice(start, end);
  const nl = inner.lastIndexOf('\n');
  const endLine = line + (inner.match(/\n/g)?.length ?? 0);
  const endColumn = nl === -1 ? column + inner.length : inner.length - nl;
  return { line, column, endLine, endColumn };
}

function dataFindings(content) {
  const doc = parseDocument(content);
  if (doc.errors.length) throw new Error('YAML parse error');
  const out = [];
  const walk = (node, path) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (isScalar(pair.value) && SECRET_KEY.test(key) && pair.value.range) {
        out.push({ rule: 'variable/secret', severity: 'error', ...position(content, pair.value.range[0], pair.value.range[1]), value: String(pair.value.value), variable: [...path, key] });
      } else walk(pair.value, [...path, key]);
    }
  };
  walk(doc.contents, []);
  return out;
}

/** @type {import('../src/history/index.js').BlobScanner} */
export async function benchScanner(path, content) {
  const out = [];
  if (path !== null && /(^|\/)\.chezmoidata(\.ya?ml$|\/.*\.ya?ml$)/.test(path)) out.push(...dataFindings(content));
  let lower;
  for (const r of RULES) {
    const hay = r.lower ? (lower ??= content.toLowerCase()) : content;
    if (!r.keywords.some((k) => hay.includes(r.lower ? k.toLowerCase() : k))) continue;
    for (const m of content.matchAll(r.re)) {
      const value = r.group ? m[r.group] : m[0];
      const start = m.index + (r.group ? m[0].indexOf(value) : 0);
      out.push({ rule: r.rule, severity: 'error', ...position(content, start, start + value.length), value, variable: null });
    }
  }
  return out;
}
