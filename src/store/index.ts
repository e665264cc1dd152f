export { openStore, pingStore, shareStoreFile, type Store } from './open.js';
export type * from './schema.js';
export { toJsonColumn, fromJsonColumn } from './json.js';
export { beginBulkLoad, bulkWriter, type DuplicateKey, type BulkWriter, type BulkTransaction, type SpellingClash } from './bulk-write.js';
export { loadSnapshot, type SnapshotFilter } from './snapshot-load.js';
export * from './repositories.js';
export { saveScenario, listScenarios, getScenario, type SavedScenario } from './scenarios.js';
export { loadSnapshotReport, type SnapshotLoad, type SnapshotLoadOptions } from './snapshot-load.js';
export { markDataChanged, dataVersion, clearSnapshotCache } from './snapshot-cache.js';
