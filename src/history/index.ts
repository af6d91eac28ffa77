export { scanHistory } from './scan-history.js';
export { chezmoiPathKind, exactPathKind, isLineOriented } from './path-kind.js';
export { progressBar } from './progress.js';
export { NotARepositoryError, UnknownRevisionError } from './types.js';
export type { BlobFinding, BlobScanError, BlobScanner, BlobScanResult, HistoryOptions, HistoryProgress, TreeAnalyser, TreeFinding } from './types.js';
