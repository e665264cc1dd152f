import { ImportError, Policy } from '../../domain/index.js';
import { toJsonColumn, type Store } from '../../store/index.js';
import { importTimestamp, storedPolicyDocument, writePolicy } from '../../store/import-writes.js';
import { ImportErrors, MAX_ERRORS } from './errors.js';
import type { LoadCounts } from './table-load.js';

/**
 * Imports national policies: one policy object or an array of them, each validated by the Policy
 * schema (src/domain/policy.ts). Keyed by member state and version: the same document again is
 * unchanged; a changed document under the same version replaces it and becomes the latest.
 * Errors name the file, the policy's 1-based position as its row, and the field path.
 */
export function importPolicyDocuments(store: Store, doc: unknown, name: string, beforeCommit: (c: LoadCounts) => void): LoadCounts {
  const items = Array.isArray(doc)
    ? doc
    : doc !== null && typeof doc === 'object' && Array.isArray((doc as { policies?: unknown }).policies)
      ? (doc as { policies: unknown[] }).policies
      : [doc];
  const errors: ImportError[] = [];
  const parsed: Policy[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (errors.length >= MAX_ERRORS) return;
    const r = Policy.safeParse(item);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
        errors.push(new ImportError(name, i + 1, field, issue.message));
      }
      return;
    }
    const key = `${r.data.member_state}\u0000${r.data.version}`;
    if (seen.has(key)) {
      errors.push(new ImportError(name, i + 1, 'version', `duplicate policy ${r.data.member_state} version "${r.data.version}" in this file`));
      return;
    }
    seen.add(key);
    parsed.push(r.data);
  });
  if (errors.length > 0) throw new ImportErrors(name, errors.slice(0, MAX_ERRORS), errors.length > MAX_ERRORS);

  return store.sqlite.transaction(() => {
    const counts: LoadCounts = { rows: parsed.length, inserted: 0, updated: 0, unchanged: 0 };
    for (const p of parsed) {
      const text = toJsonColumn(p);
      const stored = storedPolicyDocument(store, p.member_state, p.version);
      if (stored === text) {
        counts.unchanged++;
        continue;
      }
      if (stored === undefined) counts.inserted++;
      else counts.updated++;
      writePolicy(store, p.member_state, p.version, text, importTimestamp());
    }
    beforeCommit(counts);
    return counts;
  })();
}
