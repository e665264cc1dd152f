import type { Designation } from '../domain/index.js';
import { IsoDate, UserError } from '../domain/index.js';
import type { EffectivePolicy } from '../catalog/index.js';
import { buildCriticalityTable, policyFor, type CriticalityTable } from './criticality.js';
import { toEpochDay, type Snapshot } from './snapshot.js';

export interface AssessOptions {
  /** The day the inventory is judged at (YYYY-MM-DD): designations in force, deadlines, end of support. */
  date: string;
  memberState?: string;
  operatorId?: string;
}

/** A designation in force at the assessment date, with its ids resolved to snapshot indices. */
export interface ActiveDesignation {
  designation: Designation;
  memberState: number;
  supplier: number;
}

/** What every metric and rule needs besides the snapshot, computed once per run. */
export interface EngineContext {
  snapshot: Snapshot;
  date: string;
  day: number;
  filter: { memberState?: string; operatorId?: string };
  /** 1 for each operator inside the filter */
  operatorInScope: Uint8Array;
  /** 1 for each member state whose own rows and findings are shown (none when narrowed to an operator) */
  memberStateInScope: Uint8Array;
  /** union rows and findings only when nothing is filtered */
  unionInScope: boolean;
  /** the effective policy per member-state index */
  policies: EffectivePolicy[];
  criticality: CriticalityTable;
  /** designations with status in-force and effective_date ≤ date, whose member state and supplier are known */
  activeDesignations: ActiveDesignation[];
  /** 1 at [memberState * suppliers + supplier] when that member state has an active designation of it */
  designated: Uint8Array;
}

/**
 * A designation counts from its effective date on while its status is in-force; a revoked one counted
 * from its effective date up to the day before revoked_on (none: it never counted).
 */
export function isInForce(d: Designation, date: string): boolean {
  if (d.effective_date > date) return false;
  return d.status === 'in-force' || (d.status === 'revoked' && d.revoked_on !== undefined && date < d.revoked_on);
}

export function createContext(snapshot: Snapshot, options: AssessOptions): EngineContext {
  const parsed = IsoDate.safeParse(options.date);
  if (!parsed.success) throw new UserError(`assessment date "${options.date}" must be a real date as YYYY-MM-DD`);
  const date = parsed.data;
  const { memberState, operatorId } = options;

  const nOps = snapshot.operators.ids.length;
  const nMs = snapshot.memberStates.length;
  const nSup = snapshot.suppliers.ids.length;
  let opIndex = -1;
  if (operatorId !== undefined) {
    opIndex = snapshot.operators.ids.indexOf(operatorId);
    if (opIndex < 0) throw new UserError(`operator "${operatorId}" is not in the inventory`);
  }
  const msIndex = memberState === undefined ? -1 : snapshot.memberStates.indexOf(memberState);

  const operatorInScope = new Uint8Array(nOps);
  for (let o = 0; o < nOps; o++) {
    const msOk = memberState === undefined || snapshot.operators.memberState[o] === msIndex;
    const opOk = operatorId === undefined || o === opIndex;
    operatorInScope[o] = msOk && opOk ? 1 : 0;
  }
  const memberStateInScope = new Uint8Array(nMs);
  for (let m = 0; m < nMs; m++) {
    // Narrowed to one operator, the run shows that operator's rows only, not its member state's.
    memberStateInScope[m] = operatorId === undefined && (memberState === undefined || m === msIndex) ? 1 : 0;
  }

  const msByCode = new Map(snapshot.memberStates.map((c, i) => [c, i]));
  const supById = new Map(snapshot.suppliers.ids.map((id, i) => [id, i]));
  const activeDesignations: ActiveDesignation[] = [];
  const designated = new Uint8Array(nMs * nSup);
  for (const d of snapshot.designations) {
    const m = msByCode.get(d.member_state);
    const s = supById.get(d.supplier_id);
    // A designation of a member state or supplier absent from the snapshot touches no asset in it.
    if (m === undefined || s === undefined || !isInForce(d, date)) continue;
    activeDesignations.push({ designation: d, memberState: m, supplier: s });
    designated[m * nSup + s] = 1;
  }

  return {
    snapshot,
    date,
    day: toEpochDay(date),
    filter: {
      ...(memberState !== undefined ? { memberState } : {}),
      ...(operatorId !== undefined ? { operatorId } : {}),
    },
    operatorInScope,
    memberStateInScope,
    unionInScope: memberState === undefined && operatorId === undefined,
    policies: snapshot.memberStates.map((c) => policyFor(snapshot, c)),
    criticality: buildCriticalityTable(snapshot),
    activeDesignations,
    designated,
  };
}
