// Action spans of a config template from the project's Go-exact template parser (src/template).
// Falls back to the lenient built-in lexer when the template does not parse: its syntax error is
// reported by the template scan, and the static data is still worth extracting.

import { parseTemplate, type Node, type ParsedTemplate, type PipeNode, type Tag } from '../template/index.js';
import { scanActions, type ActionKind, type FunctionCall, type TemplateAction } from './actions.js';

interface Operands {
  functions: string[];
  refs: string[];
  uses: string[];
  calls: FunctionCall[];
}

function operandsOf(pipe: PipeNode | null): Operands {
  const o: Operands = { functions: [], refs: [], uses: [], calls: [] };
  const add = (list: string[], v: string): void => {
    if (!list.includes(v)) list.push(v);
  };
  const visit = (n: Node): void => {
    switch (n.type) {
      case 'Identifier':
        add(o.functions, n.ident);
        break;
      case 'Field':
        add(o.refs, '.' + n.ident.join('.'));
        break;
      case 'Variable':
        add(o.uses, n.ident[0]!.slice(1));
        if (n.ident.length > 1) add(o.refs, n.ident.join('.'));
        break;
      case 'Pipe':
        n.decl.forEach(visit);
        n.cmds.forEach(visit);
        break;
      case 'Command': {
        const [head, ...rest] = n.args;
        if (head?.type === 'Identifier') o.calls.push({ fn: head.ident, args: rest.flatMap((a) => (a.type === 'String' ? [a.text] : [])) });
        n.args.forEach(visit);
        break;
      }
      case 'Chain':
        visit(n.node);
        break;
      default:
        break;
    }
  };
  if (pipe) visit(pipe);
  return o;
}

/** A pipeline whose first command is a lone string literal or variable (`"x" | quote`, `$x`). */
function pipelineHead(pipe: PipeNode | null): { literal?: string; passVar?: string } {
  const args = pipe?.cmds[0]?.args;
  if (!args || args.length !== 1) return {};
  const a = args[0]!;
  if (a.type === 'String') return { literal: a.text };
  if (a.type === 'Variable' && a.ident.length === 1) return { passVar: a.ident[0]!.slice(1) };
  return {};
}

/** The action list of a parsed template (null when it did not parse). */
export function actionsFromTemplate(parsed: ParsedTemplate, text: string): TemplateAction[] | null {
  if (!parsed.ok || !parsed.tree) return null;
  const out: TemplateAction[] = [];
  const seen = new Set<number>();
  const emit = (tag: Tag | null, kind: ActionKind, pipe: PipeNode | null, keyword?: string): void => {
    // An `else if` is both the outer node's else tag and the nested node's own tag: keep the first.
    if (!tag || seen.has(tag.start)) return;
    seen.add(tag.start);
    const ops = operandsOf(pipe);
    const declares = pipe ? pipe.decl.map((v) => v.ident[0]!.slice(1)) : [];
    out.push({ start: tag.start, end: tag.end, kind, ...(keyword ? { keyword } : {}), ...ops, declares, ...(kind === 'output' || kind === 'assign' ? pipelineHead(pipe) : {}) });
  };
  const visit = (n: Node): void => {
    switch (n.type) {
      case 'List':
        n.nodes.forEach(visit);
        break;
      case 'Action':
        emit(n.tag, n.pipe.decl.length > 0 ? 'assign' : 'output', n.pipe);
        break;
      case 'Comment':
        emit(n.tag, 'comment', null);
        break;
      case 'If':
      case 'Range':
      case 'With':
        emit(n.tag, 'open', n.pipe, n.type.toLowerCase());
        visit(n.list);
        emit(n.elseTag, 'else', null, 'else');
        if (n.elseList) visit(n.elseList);
        emit(n.endTag, 'end', null);
        break;
      case 'Template':
        emit(n.tag, 'output', n.pipe);
        break;
      case 'Break':
      case 'Continue':
        emit(n.tag, 'control', null);
        break;
      default:
        break;
    }
  };
  visit(parsed.tree);
  // Directive lines are removed before Go parses: blank them like comments.
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  for (const d of parsed.directives) {
    const start = lineStarts[d.line - 1];
    if (start === undefined || seen.has(start)) continue;
    out.push({ start, end: start + d.text.length, kind: 'comment', functions: [], refs: [], declares: [], uses: [] });
  }
  // A define's body (and its tags) is a named template, not output of this file.
  const { left, right } = parsed.delims;
  for (const body of Object.values(parsed.defines)) {
    const start = text.lastIndexOf(left, body.start - 1);
    const endTag = text.indexOf(right, body.end);
    if (start === -1 || endTag === -1) continue;
    out.push({ start, end: endTag + right.length, kind: 'comment', functions: [], refs: [], declares: [], uses: [] });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Action spans of `text`: from the template parser, else from the lenient lexer. */
export function configTemplateActions(relPath: string, text: string): TemplateAction[] {
  const parsed = parseTemplate(text, { name: relPath.split('/').pop() ?? relPath });
  return actionsFromTemplate(parsed, text) ?? scanActions(text);
}
