// A small but real scanner for the history tests and bench: AWS access key ids anywhere, `password = X`
// assignments, and secret-named keys of .chezmoidata.yaml parsed as YAML (so a bare value is found by its key).
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type { BlobFinding, BlobScanner } from '../../src/history/index.js';

const AWS = /\bAKIA[0-9A-Z]{16}\b/g;
const PASSWORD = /\bpassword\s*[=:]\s*"?([^\s"]{6,})"?/gi;
const SECRET_KEY = /token|secret|password/i;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----\n[\s\S]+?\n-----END [A-Z ]*PRIVATE KEY-----/g;

function position(content: string, start: number, end: number) {
  const before = content.slice(0, start);
  const line = before.split('\n').length;
  const column = Array.from(before.slice(before.lastIndexOf('\n') + 1)).length + 1;
  const inner = content.slice(start, end);
  const endLine = line + inner.split('\n').length - 1;
  const lastLine = inner.slice(inner.lastIndexOf('\n') + 1);
  const endColumn = (endLine === line ? column : 1) + Array.from(lastLine).length;
  return { line, column, endLine, endColumn };
}

function dataFindings(content: string): BlobFinding[] {
  const doc = parseDocument(content, { lineCounter: new LineCounter() });
  if (doc.errors.length) throw new Error(`YAML parse error at line ${doc.errors[0]!.linePos?.[0]?.line ?? '?'}`);
  const out: BlobFinding[] = [];
  const walk = (node: Node | null | undefined, path: string[]) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (isScalar(value) && SECRET_KEY.test(key) && value.range) {
        out.push({ rule: 'variable/secret', severity: 'error', ...position(content, value.range[0], value.range[1]), value: String(value.value), variable: [...path, key] });
      } else walk(value, [...path, key]);
    }
  };
  walk(doc.contents as Node, []);
  return out;
}

export const simpleScanner: BlobScanner = async (path, content) => {
  const out: BlobFinding[] = [];
  if (path !== null && /(^|\/)\.chezmoidata\.ya?ml$/.test(path)) out.push(...dataFindings(content));
  for (const m of content.matchAll(AWS)) {
    out.push({ rule: 'test/aws-access-key', severity: 'error', ...position(content, m.index, m.index + m[0].length), value: m[0], variable: null });
  }
  for (const m of content.matchAll(PRIVATE_KEY)) {
    out.push({ rule: 'test/private-key', severity: 'error', ...position(content, m.index, m.index + m[0].length), value: m[0], variable: null });
  }
  for (const m of content.matchAll(PASSWORD)) {
    const start = m.index + m[0].indexOf(m[1]!);
    out.push({ rule: 'test/password', severity: 'error', ...position(content, start, start + m[1]!.length), value: m[1]!, variable: null });
  }
  return out;
};
