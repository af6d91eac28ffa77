// The chezmoi source state: path parsing (pure) and reading a source directory from disk.
export * from './attributes.js';
export { isBinary, decodeText, looksEncrypted } from './content.js';
export { readSourceTree, entryForRepoPath, type SourceFile, type SourceTree, type ReadSourceTreeOptions } from './tree.js';
export { defaultSourceDir, resolveSourceDir } from './locate.js';
