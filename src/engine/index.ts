export * from './snapshot.js';
export { buildSnapshot, type SnapshotInput } from './snapshot-builder.js';
export { assess, compareFindings, summarise, type AssessOptions, type AssessmentSummary } from './assess.js';
export { criticalityOf, policyFor, CRITICALITY_NAMES } from './criticality.js';
export { isInForce } from './context.js';
export { SM06_HIGH_HHI } from './rules/sm06-national-resilience.js';
export { simulate, compareScenarios } from './simulation/index.js';
export type * from './simulation/types.js';
export type { ComparisonRow, ScenarioComparison } from './simulation/compare.js';
