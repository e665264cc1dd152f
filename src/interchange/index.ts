export { IMPORT_KINDS, type ImportKind } from './import/kinds.js';
export { importFile, importRows, type ImportCommit, type ImportSummary, type ImportOptions } from './import/import.js';
export { ImportErrors, MAX_ERRORS } from './import/errors.js';
export type { ReplaceOptions, Replacement } from './import/replace.js';
export { previewImport, PREVIEW_ROWS, type ImportPreview } from './import/preview.js';
