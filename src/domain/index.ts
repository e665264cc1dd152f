export * from './member-states.js';
export * from './primitives.js';
export * from './entities.js';
export * from './policy.js';
export * from './assessment.js';
export * from './errors.js';
export * from './ownership.js';
export * from './profile.js';
