export * from './scope.js';
export { Where, scopeRows, pageOf, pageList, MAX_PAGE, type Page, type PageRequest } from './sql.js';
export * from './inventory.js';
export * from './writes.js';
export * from './assessments.js';
export * from './audit.js';
export * from './snapshot.js';
export * from './import-scope.js';
export * from './assessment-view.js';
