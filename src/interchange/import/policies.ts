import { ImportError, type Policy } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import { policyVersionStatus, storePolicyVersion } from '../../store/policies.js';
import { policyItems, policyValidation } from '../policy-validate.js';
import { ImportErrors, MAX_ERRORS } from './errors.js';
import type { LoadCounts } from './table-load.js';

/**
 * Imports national policies: one policy object, an array of them, or `{"policies": [...]}`, each
 * checked by validatePolicy (shape and meaning, src/domain/policy-check.ts). Stored under the version
 * rule of src/store/policies.ts: a stored (member state, version) is immutable, so the same document
 * again is unchanged and a different one under a stored version is refused. Errors name the file, the
 * policy's 1-based position as its row, and the JSON path; nothing is written unless every policy passes.
 */
export function importPolicyDocuments(store: Store, doc: unknown, name: string, beforeCommit: (c: LoadCounts) => void): LoadCounts {
  const items = policyItems(doc);
  const errors: ImportError[] = [];
  const parsed: Policy[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (errors.length >= MAX_ERRORS) return;
    const v = policyValidation(item, name, i + 1);
    if (!v.policy) {
      errors.push(...v.errors);
      return;
    }
    const p = v.policy;
    const key = `${p.member_state}\u0000${p.version}`;
    if (seen.has(key)) {
      errors.push(new ImportError(name, i + 1, 'version', `duplicate policy ${p.member_state} version "${p.version}" in this file`));
      return;
    }
    seen.add(key);
    if (policyVersionStatus(store, p) === 'conflict') {
      errors.push(
        new ImportError(name, i + 1, 'version', `policy ${p.member_state} version "${p.version}" is stored already with other content: versions are immutable, give the new content a new version`),
      );
      return;
    }
    parsed.push(p);
  });
  if (errors.length > 0) throw new ImportErrors(name, errors.slice(0, MAX_ERRORS), errors.length > MAX_ERRORS);

  return store.sqlite.transaction(() => {
    const counts: LoadCounts = { rows: parsed.length, inserted: 0, updated: 0, unchanged: 0 };
    for (const p of parsed) {
      if (storePolicyVersion(store, p).status === 'inserted') counts.inserted++;
      else counts.unchanged++;
    }
    beforeCommit(counts);
    return counts;
  })();
}
