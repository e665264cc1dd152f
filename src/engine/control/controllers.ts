import { stakesIn, type OwnershipGraph } from './graph.js';

/**
 * Control, as opposed to ownership: who can decide. An entity is controlled by
 *  - each holder with more than 50 % of its voting rights (voting_rights, else the capital share);
 *  - each holder whose holding carries the control flag (golden share, special rights, board control),
 *    whatever its size — so a majority holder and a golden-share holder control jointly;
 *  - when no holder has a majority: a party that, through entities it alone ultimately controls, commands
 *    more than 50 % of the votes (votes of commonly controlled holders are added up).
 * Control is followed upward until an entity nobody controls: that entity is an ultimate controller. A
 * control cycle is cut where it closes; the entity at which it closes is reported, with the cycle.
 */

export type ControlBasis = 'majority' | 'control-flag' | 'aggregated';

export interface ControlStep {
  controllerId: string;
  controlledId: string;
  basis: ControlBasis;
  /** Votes the controller commands in the controlled entity, as a fraction. */
  votes: number;
  /** For `aggregated`: the holders whose votes were added up. */
  via?: string[];
  /** For `aggregated`: for each holder in `via`, the chain of control from the controller down to it. */
  viaChains?: string[][];
}

export interface UltimateControl {
  entityId: string;
  /** Each path runs from the ultimate controller down to the subject. Empty: the subject itself. */
  paths: ControlStep[][];
  /** Members of a control cycle cut at this entity. */
  cycle?: string[];
}

const MAJORITY = 0.5;
export const MAX_CONTROL_PATHS = 20;

/**
 * Results per entity, shared across one computation. Only valid when the graph has no ownership cycle:
 * then no result depends on the stack (every control edge follows holdings upward, so a control cycle
 * needs an ownership cycle), and memoising keeps diamond-shaped groups from being resolved repeatedly.
 */
export type ControlMemo = Map<string, UltimateControl[]>;

export function directControllers(g: OwnershipGraph, id: string, stack: readonly string[], memo?: ControlMemo): ControlStep[] {
  const stakes = stakesIn(g, id).filter((s) => g.entities.has(s.holderId));
  const steps: ControlStep[] = [];
  let hasMajority = false;
  for (const s of stakes) {
    if (s.votes > MAJORITY) {
      steps.push({ controllerId: s.holderId, controlledId: id, basis: 'majority', votes: s.votes });
      hasMajority = true;
    } else if (s.control) {
      steps.push({ controllerId: s.holderId, controlledId: id, basis: 'control-flag', votes: s.votes });
    }
  }
  if (hasMajority) return steps;

  const groups = new Map<string, { votes: number; via: string[]; chains: string[][] }>();
  for (const s of stakes) {
    const ult = ultimateControllers(g, s.holderId, [...stack, id], memo);
    // A holder under joint control does not vote for any one party alone.
    if (ult.length !== 1 || ult[0].entityId === id) continue;
    const grp = groups.get(ult[0].entityId) ?? { votes: 0, via: [], chains: [] };
    grp.votes += s.votes;
    grp.via.push(s.holderId);
    const path = ult[0].paths[0] ?? [];
    grp.chains.push(path.length ? [path[0].controllerId, ...path.map((st) => st.controlledId)] : [s.holderId]);
    groups.set(ult[0].entityId, grp);
  }
  for (const [controllerId, grp] of groups) {
    if (grp.votes <= MAJORITY || grp.via.length < 2) continue;
    if (steps.some((st) => st.controllerId === controllerId)) continue;
    steps.push({ controllerId, controlledId: id, basis: 'aggregated', votes: grp.votes, via: grp.via, viaChains: grp.chains });
  }
  return steps;
}

/** `stack` holds the entities already being resolved below this one (to cut cycles). */
export function ultimateControllers(g: OwnershipGraph, id: string, stack: readonly string[] = [], memo?: ControlMemo): UltimateControl[] {
  const at = stack.indexOf(id);
  if (at >= 0) return [{ entityId: id, paths: [[]], cycle: [...stack.slice(at)].sort() }];
  const cached = memo?.get(id);
  if (cached) return cached;
  const result = resolve(g, id, stack, memo);
  memo?.set(id, result);
  return result;
}

function resolve(g: OwnershipGraph, id: string, stack: readonly string[], memo?: ControlMemo): UltimateControl[] {
  const steps = directControllers(g, id, stack, memo);
  if (steps.length === 0) return [{ entityId: id, paths: [[]] }];
  const merged = new Map<string, UltimateControl>();
  for (const step of steps) {
    for (const u of ultimateControllers(g, step.controllerId, [...stack, id], memo)) {
      const entry = merged.get(u.entityId) ?? { entityId: u.entityId, paths: [] };
      // Diamond-shaped groups multiply paths; a few show how control runs.
      entry.paths.push(...u.paths.slice(0, MAX_CONTROL_PATHS - entry.paths.length).map((p) => [...p, step]));
      if (u.cycle) entry.cycle = u.cycle;
      merged.set(u.entityId, entry);
    }
  }
  return [...merged.values()].sort((a, b) => (a.entityId < b.entityId ? -1 : 1));
}
