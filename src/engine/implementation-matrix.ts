import { IMPLEMENTATION_STATUSES, latestImplementations, type Implementation, type ImplementationStatus } from '../domain/implementation.js';
import { MEASURE_IDS, type MeasureId } from '../catalog/index.js';
import type { Contradiction } from './contradictions.js';

export type MatrixStatus = ImplementationStatus | 'not-recorded';
export const MATRIX_STATUSES: readonly MatrixStatus[] = [...IMPLEMENTATION_STATUSES, 'not-recorded'];

export interface MatrixCell {
  measure: MeasureId;
  status: MatrixStatus;
  /** `member-state`: the member state's own row; `operators`: derived from its operators' rows; `none` */
  source: 'member-state' | 'operators' | 'none';
  /** the operators of the member state by their current status for the measure */
  operators: Record<ImplementationStatus, number>;
  recordedOn?: string;
  dueDate?: string;
  owner?: string;
  evidence?: string;
  /**
   * in-place declarations in the member state (its own row, its operators' rows) that findings of the
   * measure contradict; absent when none. Counts only, like the rest of the matrix.
   */
  contradicted?: MatrixContradiction;
}

export interface MatrixContradiction {
  /** the member state's own in-place row is contradicted */
  own: boolean;
  /** operators whose in-place row is contradicted */
  operators: number;
  /** findings behind the contradicted declarations: the member state's own when its row is contradicted (they include its operators'), else the sum over the contradicted operators */
  findings: number;
}

export interface ImplementationMatrix {
  measures: MeasureId[];
  memberStates: string[];
  rows: { memberState: string; cells: MatrixCell[] }[];
  /** the Union-level status of each measure, where recorded */
  union: { measure: MeasureId; status: MatrixStatus; recordedOn?: string; contradicted?: { findings: number } }[];
  /** per measure: how many member states stand at each status, as the progress reports count them */
  counts: Record<MeasureId, Record<MatrixStatus, number>>;
}

const zeroStatuses = () => Object.fromEntries(IMPLEMENTATION_STATUSES.map((s) => [s, 0])) as Record<ImplementationStatus, number>;

/**
 * A member state without a row of its own for a measure takes the status its operators' rows add up to:
 * not-applicable when every operator says so; otherwise, leaving not-applicable aside, in-place when all
 * are in place, in-progress when any is in place or in progress, planned when any is planned, else
 * not-planned.
 */
export function statusFromOperators(counts: Record<ImplementationStatus, number>): MatrixStatus {
  const total = IMPLEMENTATION_STATUSES.reduce((s, k) => s + counts[k], 0);
  if (total === 0) return 'not-recorded';
  const applicable = total - counts['not-applicable'];
  if (applicable === 0) return 'not-applicable';
  if (counts['in-place'] === applicable) return 'in-place';
  if (counts['in-place'] + counts['in-progress'] > 0) return 'in-progress';
  if (counts.planned > 0) return 'planned';
  return 'not-planned';
}

/**
 * The member state × measure matrix from implementation history (latest row per measure × scope).
 * Member states are those named by any row plus `options.memberStates`, by code; measures are the
 * catalogue's unless narrowed.
 */
export function implementationMatrix(
  history: readonly Implementation[],
  options: { memberStates?: readonly string[]; measures?: readonly MeasureId[]; contradictions?: readonly Contradiction[] } = {},
): ImplementationMatrix {
  const contradicted = new Map<string, MatrixContradiction>();
  const unionContradicted = new Map<string, number>();
  for (const c of options.contradictions ?? []) {
    if (c.scope === 'union') {
      unionContradicted.set(c.measure, c.findings);
      continue;
    }
    const key = `${c.memberState}|${c.measure}`;
    const held = contradicted.get(key) ?? { own: false, operators: 0, findings: 0 };
    // the member state's own count already holds its operators' findings; operators' findings are disjoint
    if (c.scope === 'member-state') contradicted.set(key, { ...held, own: true, findings: c.findings });
    else contradicted.set(key, { ...held, operators: held.operators + 1, findings: held.own ? held.findings : held.findings + c.findings });
  }
  const latest = [...latestImplementations(history).values()];
  const measures = [...(options.measures ?? MEASURE_IDS)];
  const memberStates = [
    ...new Set([...(options.memberStates ?? []), ...latest.filter((r) => r.member_state !== undefined).map((r) => r.member_state!)]),
  ].sort();
  const own = new Map<string, Implementation>();
  const byOperators = new Map<string, Record<ImplementationStatus, number>>();
  const unionRows = new Map<string, Implementation>();
  for (const r of latest) {
    if (r.scope_level === 'union') unionRows.set(r.measure, r);
    else if (r.scope_level === 'member-state') own.set(`${r.member_state}|${r.measure}`, r);
    else {
      const key = `${r.member_state}|${r.measure}`;
      const counts = byOperators.get(key) ?? zeroStatuses();
      counts[r.status]++;
      byOperators.set(key, counts);
    }
  }

  const counts = Object.fromEntries(
    measures.map((m) => [m, Object.fromEntries(MATRIX_STATUSES.map((s) => [s, 0])) as Record<MatrixStatus, number>]),
  ) as Record<MeasureId, Record<MatrixStatus, number>>;
  const rows = memberStates.map((ms) => ({
    memberState: ms,
    cells: measures.map((measure): MatrixCell => {
      const row = own.get(`${ms}|${measure}`);
      const operators = byOperators.get(`${ms}|${measure}`) ?? zeroStatuses();
      const derived = statusFromOperators(operators);
      const cell: MatrixCell = row
        ? {
            measure,
            status: row.status,
            source: 'member-state',
            operators,
            recordedOn: row.recorded_on,
            ...(row.due_date !== undefined ? { dueDate: row.due_date } : {}),
            ...(row.owner !== undefined ? { owner: row.owner } : {}),
            ...(row.evidence !== undefined ? { evidence: row.evidence } : {}),
          }
        : { measure, status: derived, source: derived === 'not-recorded' ? 'none' : 'operators', operators };
      const against = contradicted.get(`${ms}|${measure}`);
      if (against) cell.contradicted = against;
      counts[measure][cell.status]++;
      return cell;
    }),
  }));
  const union = measures.map((measure) => {
    const r = unionRows.get(measure);
    const against = unionContradicted.get(measure);
    return r
      ? { measure, status: r.status as MatrixStatus, recordedOn: r.recorded_on, ...(against ? { contradicted: { findings: against } } : {}) }
      : { measure, status: 'not-recorded' as MatrixStatus };
  });
  return { measures, memberStates, rows, union, counts };
}
