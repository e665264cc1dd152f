/** The what-if simulation (issue 5): pure, over a Snapshot. docs/simulation.md describes the model. */
export { simulate, type SimulateOptions } from './simulate.js';
export { compareScenarios, type ComparisonRow, type ScenarioComparison } from './compare.js';
export type * from './types.js';
