export * from './version.js';
export * from './segments.js';
export * from './baseline-policy.js';
