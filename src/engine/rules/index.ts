import type { Rule } from './rule.js';
import { sm03 } from './sm03-designated-supplier.js';
import { sm03Cap } from './sm03-cap.js';
import { sm05 } from './sm05-operator-diversity.js';
import { sm06 } from './sm06-national-resilience.js';
import { tm07 } from './tm07-end-of-support.js';
import { tm09 } from './tm09-certification.js';

export { sm03, sm03Cap, sm05, sm06, tm07, tm09 };
export type { Rule, RuleInput } from './rule.js';

/** Every rule the engine runs, in rule-id order. */
export const RULES: readonly Rule[] = [sm03, sm03Cap, sm05, sm06, tm07, tm09];
