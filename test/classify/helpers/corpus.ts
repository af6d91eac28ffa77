// Test helpers: flatten data files into rule contexts, and find `{{ … }}` spans, without the real
// data loader and template parser (other stages own those; these are deliberately simple).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import TOML from '@iarna/toml';
import { parse as parseJsonc } from 'jsonc-parser';
import { makeRuleContext } from '../../../src/classify/index.js';
import type { RuleContext } from '../../../src/classify/types.js';
import type { ClassifyConfig } from '../../../src/config/index.js';

export function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** Data files of chezmoi plus config files that hold `[data]`. */
export function isDataFile(path: string): boolean {
  return /(?:^|\/)\.chezmoidata(?:\.(?:ya?ml|toml|jsonc?))?$/.test(path) || /\/\.chezmoidata\/[^/]+$/.test(path) || /\/chezmoi\.(?:toml|ya?ml|jsonc?)$/.test(path);
}

export function parseData(path: string, text: string): unknown {
  if (/\.ya?ml$/.test(path)) return parseYaml(text);
  if (/\.toml$/.test(path)) return TOML.parse(text);
  if (/\.jsonc?$/.test(path)) return parseJsonc(text);
  return null;
}

export function leaves(value: unknown, path: string[] = []): Array<{ path: string[]; value: unknown }> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [{ path, value }];
}

/** Rule contexts for every leaf of every data file under `root`. Unparseable files are skipped (the parser tests own them). */
export function corpusContexts(root: string, config: ClassifyConfig): Array<RuleContext & { file: string }> {
  const out: Array<RuleContext & { file: string }> = [];
  for (const file of walk(root).filter(isDataFile)) {
    let data: unknown;
    try {
      data = parseData(file, readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    if (data === null || typeof data !== 'object') continue;
    // A chezmoi config file: only its `data` section is template data.
    if (/\/chezmoi\.[a-z]+$/.test(file)) data = (data as { data?: unknown }).data ?? {};
    const rel = relative(root, file);
    for (const leaf of leaves(data)) {
      const ctx = makeRuleContext(leaf.path, leaf.value, config, { definedIn: [{ file: rel, line: 1, column: 1 }] });
      out.push({ ...ctx, file: rel });
    }
  }
  return out;
}

/** Index ranges of `{{ … }}` actions (default delimiters only). */
export function templateSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /\{\{[\s\S]*?\}\}/g;
  for (const m of text.matchAll(re)) spans.push([m.index!, m.index! + m[0].length]);
  return spans;
}
