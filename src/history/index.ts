export { scanHistory } from './scan-history.js';
export { defaultPathKind } from './path-kind.js';
export { NotARepositoryError, UnknownRevisionError } from './types.js';
export type { BlobFinding, BlobScanner, HistoryOptions, HistoryProgress } from './types.js';
