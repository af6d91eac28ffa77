/**
 * Function names a chezmoi template may call. Parsing never needs them (unknown names are
 * accepted, like Go's parse.SkipFuncCheck) but they tell which names are unknown, drive the
 * strict mode (chezmoi's own behaviour: `function "x" not defined`) and mark values that come
 * from a password manager rather than from the repository.
 */
// The password-manager functions are part of the secret vocabulary (the classifier reads them as
// "a secret held elsewhere"); the parser only needs to know they are chezmoi's.
import { PASSWORD_MANAGER_FUNCS } from '../classify/vocabulary.js';

export { PASSWORD_MANAGER_FUNCS };

/** text/template's predefined functions (text/template/funcs.go builtins()). */
export const GO_BUILTIN_FUNCS: readonly string[] = [
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print',
  'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne',
];

/** Names in sprig v3's TxtFuncMap (Masterminds/sprig functions.go genericMap, v3.2.3). */
export const SPRIG_FUNCS: readonly string[] = [
  'hello', 'ago', 'date', 'date_in_zone', 'date_modify', 'dateInZone', 'dateModify', 'duration', 'durationRound', 'htmlDate',
  'htmlDateInZone', 'must_date_modify', 'mustDateModify', 'mustToDate', 'now', 'toDate', 'unixEpoch', 'abbrev', 'abbrevboth', 'trunc',
  'trim', 'upper', 'lower', 'title', 'untitle', 'substr', 'repeat', 'trimall', 'trimAll', 'trimSuffix',
  'trimPrefix', 'nospace', 'initials', 'randAlphaNum', 'randAlpha', 'randAscii', 'randNumeric', 'swapcase', 'shuffle', 'snakecase',
  'camelcase', 'kebabcase', 'wrap', 'wrapWith', 'contains', 'hasPrefix', 'hasSuffix', 'quote', 'squote', 'cat',
  'indent', 'nindent', 'replace', 'plural', 'sha1sum', 'sha256sum', 'adler32sum', 'toString', 'atoi', 'int64',
  'int', 'float64', 'seq', 'toDecimal', 'split', 'splitList', 'splitn', 'toStrings', 'until', 'untilStep',
  'add1', 'add', 'sub', 'div', 'mod', 'mul', 'randInt', 'add1f', 'addf', 'subf',
  'divf', 'mulf', 'biggest', 'max', 'min', 'maxf', 'minf', 'ceil', 'floor', 'round',
  'join', 'sortAlpha', 'default', 'empty', 'coalesce', 'all', 'any', 'compact', 'mustCompact', 'fromJson',
  'toJson', 'toPrettyJson', 'toRawJson', 'mustFromJson', 'mustToJson', 'mustToPrettyJson', 'mustToRawJson', 'ternary', 'deepCopy', 'mustDeepCopy',
  'typeOf', 'typeIs', 'typeIsLike', 'kindOf', 'kindIs', 'deepEqual', 'env', 'expandenv', 'getHostByName', 'base',
  'dir', 'clean', 'ext', 'isAbs', 'osBase', 'osClean', 'osDir', 'osExt', 'osIsAbs', 'b64enc',
  'b64dec', 'b32enc', 'b32dec', 'tuple', 'list', 'dict', 'get', 'set', 'unset', 'hasKey',
  'pluck', 'keys', 'pick', 'omit', 'merge', 'mergeOverwrite', 'mustMerge', 'mustMergeOverwrite', 'values', 'append',
  'mustAppend', 'prepend', 'mustPrepend', 'first', 'mustFirst', 'rest', 'mustRest', 'last', 'mustLast', 'initial',
  'mustInitial', 'reverse', 'mustReverse', 'uniq', 'mustUniq', 'without', 'mustWithout', 'has', 'mustHas', 'slice',
  'mustSlice', 'concat', 'dig', 'chunk', 'mustChunk', 'bcrypt', 'htpasswd', 'genPrivateKey', 'derivePassword', 'buildCustomCert',
  'genCA', 'genCAWithKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey', 'encryptAES', 'decryptAES', 'randBytes', 'uuidv4',
  'semver', 'semverCompare', 'fail', 'regexMatch', 'mustRegexMatch', 'regexFindAll', 'mustRegexFindAll', 'regexFind', 'mustRegexFind', 'regexReplaceAll',
  'mustRegexReplaceAll', 'regexReplaceAllLiteral', 'mustRegexReplaceAllLiteral', 'regexSplit', 'mustRegexSplit', 'regexQuoteMeta', 'urlParse', 'urlJoin',
];


/** chezmoi's own template functions (they add to, and partly replace, sprig's). */
export const CHEZMOI_FUNCS: readonly string[] = [
  'include', 'includeTemplate', 'joinPath', 'lookPath', 'output', 'outputList',
  'stat', 'lstat', 'glob', 'fromYaml', 'toYaml', 'fromToml', 'toToml', 'fromJson',
  'toJson', 'fromJsonc', 'toPrettyJson', 'fromIni', 'toIni', 'comment', 'quote',
  'squote', 'quoteList', 'splitList', 'replaceAllRegex', 'exec', 'isExecutable',
  'findExecutable', 'findOneExecutable', 'deleteValueAtPath', 'setValueAtPath',
  'pruneEmptyDicts', 'hexDecode', 'hexEncode', 'mozillaInstallHash', 'warnf',
  'abortEmpty', 'ensureLinePrefix', 'eqFold', 'encrypt', 'ioreg',
  'completion', 'gitHubKeys', 'gitHubLatestRelease', 'gitHubLatestReleaseAssetURL',
  'gitHubLatestTag', 'gitHubRelease', 'gitHubReleases', 'gitHubReleaseAssetURL',
  'gitHubTags', 'getRedirectedURL', 'jq', 'promptBool', 'promptBoolOnce',
  'promptChoice', 'promptChoiceOnce', 'promptInt', 'promptIntOnce', 'promptString',
  'promptStringOnce', 'stdinIsATTY', 'writeToStdout', 'exit',
  ...PASSWORD_MANAGER_FUNCS,
];

/** Functions that read another file into the output (their string argument is an include). */
export const INCLUDE_FUNCS: readonly string[] = ['include', 'includeTemplate'];

export const KNOWN_FUNCS: ReadonlySet<string> = new Set([...GO_BUILTIN_FUNCS, ...SPRIG_FUNCS, ...CHEZMOI_FUNCS]);

export function isKnownFunc(name: string): boolean {
  return KNOWN_FUNCS.has(name);
}
