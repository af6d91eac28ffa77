// Template data: .chezmoidata files, .chezmoidata/ folders and the static [data] of the config
// template, each leaf with every place it is defined.
export type { DataLeaf, DataDefinition, DataFileResult, DataFormat, LeafRole } from './types.js';
export { parseDataFile, dataFormatOf } from './parse.js';
export { mergeData, compareDataPaths, recursiveMerge } from './merge.js';
export { extractConfigData } from './config.js';
export { scanActions, templateDirectives, type TemplateAction, type ActionKind } from './actions.js';
export { getAt, MISSING } from './leaves.js';
export { actionsFromTemplate, configTemplateActions } from './template-adapter.js';
export { loadTemplateData, type DataSourceFile, type LoadedData } from './load.js';
