export { scoreRisks, scoreArea, roundScore, prepareRiskRun, type RiskRun } from './score.js';
export { recommend } from './recommend.js';
export { statusLookup, type StatusLookup, type StatusAt } from './statuses.js';
export type { ScopeFacts, DriverValue } from './facts.js';
export type * from './types.js';
