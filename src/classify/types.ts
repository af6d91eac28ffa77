// The contract between the classification engine and its rules (built-in ones in rules/ and the
// user's own in `.chezmoi-sops/rules/`). User rules import these types:
//   import type { Rule } from 'chezmoi-sops/rule';
import type { Position, VariableClass } from '../model.js';
import type { ClassifyConfig } from '../config/types.js';

export type { Position, VariableClass, ClassifyConfig };

/** One template position that reads a variable. */
export interface VariableUse {
  file: string;
  line: number;
  column: number;
  /** The template line around the use. */
  lineText: string;
  /** Function names the value is passed to, e.g. ['onepasswordRead'] or ['quote']. */
  flowsInto: string[];
  /** When the use is an argument of `include`, the include argument (a literal path) if known. */
  includeArg?: string;
  /** The file has the private_ attribute or lies under a private_ directory. */
  filePrivate: boolean;
  targetPath: string | null;
}

/** Everything a rule may look at for one leaf of the template data (or one assignment in a file). */
export interface RuleContext {
  path: string[];
  /** The last path element. */
  name: string;
  value: unknown;
  /** The value as a string (non-strings stringified). */
  valueString: string;
  definedIn: Position[];
  uses: VariableUse[];
  config: ClassifyConfig;
  /** 'data' for template data (default), 'file' for an assignment found in a file's text. */
  origin?: 'data' | 'file';
}

export interface Verdict {
  class: VariableClass;
  /** 0..1 */
  confidence: number;
  /** Shown in reports: must never contain the value. */
  reason: string;
}

export type RuleResult = Verdict | Verdict[] | null | undefined;

/** What a rule judges: data variables, `key = value` assignments found in files, or both. */
export type RuleScope = 'data' | 'files' | 'both';

export interface Rule {
  id: string;
  description: string;
  evaluate(ctx: RuleContext): RuleResult | Promise<RuleResult>;
  /** Default `data` (a user rule judges data variables only). */
  judges?: RuleScope;
  /** A format this rule also finds anywhere in a file's text (literal detection runs it on every file). */
  detector?: TextDetector;
  /** A costly scanner of whole texts (an engine such as secretlint's preset): run on a file only where one of its triggers is. */
  scanner?: TextScanner;
  /** What some of this rule's findings are (by finding rule: `secretlint/privatekey`), for the grader. */
  matches?: MatchShapes;
}

export interface MatchShapes {
  /** Findings whose match is a block of lines (a key file): never cut at the first line end. */
  lines?: readonly string[];
  /** Findings whose match is a URL with credentials: dropped when its password is filler (`${PASS}`, `<password>`). */
  urls?: readonly string[];
  /**
   * Prefixes of the findings that are a provider's format (`secretlint/`): definitive, so still
   * reported (as warnings) in vendored files, and not read as example passwords or code.
   */
  formats?: readonly string[];
}

/** Does the rule judge data variables (`data`) or file assignments (`files`)? */
export function judges(rule: Rule, what: 'data' | 'files'): boolean {
  const scope = rule.judges ?? 'data';
  return scope === 'both' || scope === what;
}

export interface DetectorHit {
  start: number;
  end: number;
}

export interface TextDetector {
  /** The rule id (`rules: { <id>: false }` turns it off), also the finding's `known-pattern/<id>` suffix. */
  id: string;
  /** Human name of the format, for reports. */
  label: string;
  /** A substring every match contains: texts without it cost one indexOf. */
  hint: string;
  /** A match spans lines (a key block): the grader must not cut it at the first line end. */
  multiline?: boolean;
  find(text: string): DetectorHit[];
}

/**
 * Something every match of a scanner contains (gitleaks' keywords): a literal, compared with or
 * without case, or, where no literal can say it (`://user:pass@`), a pattern. The prefilter
 * (prefilter.ts) is built from these and nothing else: a text with none of them is not scanned.
 */
export type Trigger = { text: string; ignoreCase?: boolean } | { pattern: RegExp };

export interface ScannerHit {
  /** The finding's rule, e.g. `secretlint/aws`. */
  rule: string;
  /** Why; never contains the value. */
  message: string;
  /** JS index range of the secret in the scanned text. */
  start: number;
  end: number;
}

export interface TextScanner {
  /** May be broader than what the scanner finds, never narrower (test/rules/secretlint-triggers.test.ts for the preset). */
  triggers: readonly Trigger[];
  scan(text: string, file?: string): Promise<ScannerHit[]>;
}
