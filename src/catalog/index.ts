export * from './version.js';
export * from './segments.js';
export * from './baseline-policy.js';
export * from './measures.js';
export * from './risk-areas.js';
export * from './criteria.js';
export * from './risk-measure-links.js';
export * from './catalog.js';
