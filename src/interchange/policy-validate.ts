import { ImportError, type Policy } from '../domain/index.js';
import { checkPolicy, type PolicyIssue } from '../domain/policy-check.js';
import { ImportErrors, MAX_ERRORS } from './import/errors.js';

export interface PolicyValidation {
  policy?: Policy;
  errors: ImportError[];
  warnings: ImportError[];
}

const toError = (file: string, row: number | undefined) => (i: PolicyIssue) => new ImportError(file, row, i.path || undefined, i.message);

/**
 * Every problem of one policy document as import errors naming the file, the document's position in
 * the file (`row`, when the file holds several) and the JSON path, e.g.
 * `nl.json, row 2, field caps[0].cap_id: "C1" is already the id of caps[0]`.
 */
export function policyValidation(doc: unknown, file = 'policy', row?: number): PolicyValidation {
  const c = checkPolicy(doc);
  return { ...(c.policy ? { policy: c.policy } : {}), errors: c.errors.map(toError(file, row)), warnings: c.warnings.map(toError(file, row)) };
}

/** The parsed policy, or an ImportError listing every problem with its path (warnings do not refuse it). */
export function validatePolicy(doc: unknown, file = 'policy', row?: number): Policy {
  const v = policyValidation(doc, file, row);
  if (!v.policy) throw new ImportErrors(file, v.errors.slice(0, MAX_ERRORS), v.errors.length > MAX_ERRORS);
  return v.policy;
}

/** The policy documents of a file: one object, an array, or `{"policies": [...]}`. */
export function policyItems(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (doc !== null && typeof doc === 'object' && Array.isArray((doc as { policies?: unknown }).policies)) return (doc as { policies: unknown[] }).policies;
  return [doc];
}
