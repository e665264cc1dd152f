import type { MeasureId } from '../catalog/index.js';
import { assess } from '../engine/assess.js';
import { findContradictions } from '../engine/contradictions.js';
import { implementationMatrix, type ImplementationMatrix } from '../engine/implementation-matrix.js';
import { listImplementationRecords } from '../store/implementations.js';
import type { Store } from '../store/open.js';
import { listOperators } from '../store/repositories.js';
import { loadSnapshot } from '../store/snapshot-load.js';

/**
 * The member state × measure matrix as of a date, with the declarations the inventory contradicts: the
 * engine is run over the whole inventory at that date so that an in-place cell beside open findings of
 * its measure says so. Counts only leave this function (the matrix is an aggregate); the CLI's
 * `implementation matrix` and GET /implementation/matrix share it.
 */
export async function implementationMatrixAt(store: Store, options: { date: string; measures?: readonly MeasureId[] }): Promise<ImplementationMatrix> {
  const history = await listImplementationRecords(store, { asOf: options.date });
  // member states with operators in the inventory appear even before any row is recorded for them
  const memberStates = [...new Set((await listOperators(store)).map((op) => op.member_state))];
  const findings = history.some((r) => r.status === 'in-place') ? assess(loadSnapshot(store), { date: options.date }).findings : [];
  const contradictions = findContradictions(history, findings);
  return implementationMatrix(history, { memberStates, contradictions, ...(options.measures ? { measures: options.measures } : {}) });
}
