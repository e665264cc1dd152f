import type { Explanation } from '../domain/assessment.js';
import { UserError } from '../domain/errors.js';
import { isEuEea } from '../domain/member-states.js';
import { isStateKind, type Entity, type EntityKind, type Holding } from '../domain/ownership.js';
import { ultimateControllers, type ControlStep } from './control/controllers.js';
import { buildGraph, findMissingData, upstream, type MissingDatum, type OwnershipGraph } from './control/graph.js';
import { ownershipCycles, simplePaths, walkUp, type OwnershipPath, type WalkResult } from './control/look-through.js';

export type { ControlStep } from './control/controllers.js';
export type { MissingDatum } from './control/graph.js';
export type { OwnershipPath } from './control/look-through.js';

export interface EntityRef {
  entityId: string;
  name: string;
  kind: EntityKind;
  country?: string;
}

export interface OwnerShare extends EntityRef {
  /** Look-through share of the subject, 0–1. */
  share: number;
  paths: OwnershipPath[];
  explanation: Explanation;
}

export interface ControllerResult extends EntityRef {
  /** True when the subject itself is its ultimate controller (no one controls it). */
  isSubject: boolean;
  paths: ControlStep[][];
  cycle?: string[];
  explanation: Explanation;
}

export interface StateShare {
  country: string;
  share: number;
  entities: { entityId: string; share: number; paths: OwnershipPath[] }[];
  explanation: Explanation;
}

export interface ControlResult {
  subjectId: string;
  owners: OwnerShare[];
  /** Share of the subject whose owners are not recorded. */
  unknownShare: number;
  /** Share left circulating in a closed ownership cycle (no owner outside it). */
  unresolvedShare: number;
  ultimateControllers: ControllerResult[];
  stateShares: StateShare[];
  /** null when no controller is known to be outside but some controller's country is missing. */
  controlOutsideEu: boolean | null;
  cycles: { kind: 'ownership'; members: string[] }[];
  missingData: MissingDatum[];
  explanation: Explanation;
}

export interface ControlOptions {
  /** Leave out holdings whose `since` is after this date (YYYY-MM-DD). */
  asOf?: string;
}

const pct = (f: number) => `${+(f * 100).toFixed(4)} %`;
const pathText = (p: OwnershipPath) =>
  `${p.chain.map((id, i) => (i < p.stakes.length ? `${id} (${pct(p.stakes[i])})` : id)).join(' → ')} = ${p.stakes.map((s) => +(s * 100).toFixed(4) / 100).join(' × ')} = ${pct(p.product)}`;

function ref(g: OwnershipGraph, id: string): EntityRef {
  const e = g.entities.get(id) as Entity;
  return { entityId: id, name: e.name, kind: e.kind, ...(e.country !== undefined ? { country: e.country } : {}) };
}

function walkNote(w: WalkResult, cyclic: boolean): string {
  return cyclic
    ? ` The shares include the rounds through the ownership cycle (sum over all walks, (I − A)^-1; ${w.rounds} rounds).`
    : '';
}

/**
 * Ownership and control of one entity (a supplier's entity_id is its supplier_id): look-through owners,
 * ultimate controllers, shares held by states per country, whether control sits outside the EU/EEA, and
 * the gaps and cycles met on the way. See docs/ownership-and-profiles.md.
 */
export function computeControl(
  entities: readonly Entity[],
  holdings: readonly Holding[],
  subjectId: string,
  options: ControlOptions = {},
): ControlResult {
  const g = buildGraph(entities, holdings, options.asOf);
  if (!g.entities.has(subjectId)) throw new UserError(`no entity ${subjectId} is recorded in the ownership data`);
  const reached = upstream(g, subjectId);
  const known = reached.filter((id) => g.entities.has(id));
  const cycleMembers = ownershipCycles(g, known);
  const cyclic = cycleMembers.length > 0;

  // Ownership: entities with no recorded holders keep what reaches them.
  const never = () => false;
  const own = walkUp(g, subjectId, never);
  const ownPaths = simplePaths(g, subjectId, new Set(own.absorbed.keys()), never);
  const owners: OwnerShare[] = [...own.absorbed]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id, share]) => {
      const paths = ownPaths.get(id) ?? [];
      return {
        ...ref(g, id),
        share,
        paths,
        explanation: {
          text: `${id} holds ${pct(share)} of ${subjectId} through ${paths.length} path(s): ${paths.map(pathText).join('; ')}.${walkNote(own, cyclic)}`,
          formula: 'share = Σ over paths of Π stakes along the path',
          inputs: { owner: id, subject: subjectId, paths: paths.map((p) => ({ chain: p.chain, stakes: p.stakes, product: p.product })) },
        },
      };
    });

  // States: a government or state body keeps what reaches it, so a ministry's stake through an agency of
  // the same state is not counted twice.
  const isState = (id: string) => {
    const e = g.entities.get(id);
    return e !== undefined && isStateKind(e.kind);
  };
  const state = walkUp(g, subjectId, isState);
  const statePaths = simplePaths(g, subjectId, new Set([...state.absorbed.keys()].filter(isState)), isState);
  const byCountry = new Map<string, StateShare['entities']>();
  for (const [id, share] of state.absorbed) {
    if (!isState(id)) continue;
    const country = g.entities.get(id)!.country ?? 'unknown';
    const list = byCountry.get(country) ?? [];
    list.push({ entityId: id, share, paths: statePaths.get(id) ?? [] });
    byCountry.set(country, list);
  }
  const stateShares: StateShare[] = [...byCountry]
    .map(([country, list]) => {
      const share = list.reduce((s, e) => s + e.share, 0);
      return {
        country,
        share,
        entities: list.sort((a, b) => b.share - a.share),
        explanation: {
          text: `State bodies of ${country} hold ${pct(share)} of ${subjectId}: ${list.map((e) => `${e.entityId} ${pct(e.share)} (${e.paths.map(pathText).join('; ')})`).join('; ')}.${walkNote(state, cyclic)}`,
          formula: 'share(country) = Σ over its government and state-body entities of their look-through share',
          inputs: { country, entities: list.map((e) => ({ entityId: e.entityId, share: e.share })) },
        },
      };
    })
    .sort((a, b) => b.share - a.share || (a.country < b.country ? -1 : 1));

  const memo = cyclic ? undefined : new Map();
  const ultimates: ControllerResult[] = ultimateControllers(g, subjectId, [], memo).map((u) => {
    const isSubject = u.entityId === subjectId && u.paths.every((p) => p.length === 0);
    const steps = u.paths.map((p) => p.map(stepText).join(', then '));
    return {
      ...ref(g, u.entityId),
      isSubject,
      paths: u.paths,
      ...(u.cycle ? { cycle: u.cycle } : {}),
      explanation: {
        text: isSubject
          ? `No holder controls ${subjectId}: no one has a majority of votes or a control right, so ${subjectId} is its own ultimate controller.`
          : `${u.entityId} ultimately controls ${subjectId}: ${steps.join('; or ')}.${u.cycle ? ` Control runs in a cycle (${u.cycle.join(', ')}), cut at ${u.entityId}.` : ''}`,
        formula: 'control = votes > 50 % or a control right (golden share, special rights, board control), followed upward',
        inputs: { controller: u.entityId, paths: u.paths },
      },
    };
  });

  const outside = ultimates.some((u) => u.country !== undefined && !isEuEea(u.country));
  const anyUnknown = ultimates.some((u) => u.country === undefined);
  const controlOutsideEu = outside ? true : anyUnknown ? null : false;

  const missingData = findMissingData(g, subjectId, reached);
  const cycles = cycleMembers.map((members) => ({ kind: 'ownership' as const, members }));
  return {
    subjectId,
    owners,
    unknownShare: own.unknown,
    unresolvedShare: own.unresolved,
    ultimateControllers: ultimates,
    stateShares,
    controlOutsideEu,
    cycles,
    missingData,
    explanation: {
      text:
        `${subjectId}: ${owners.length} ultimate owner(s) account for ${pct(1 - own.unknown - own.unresolved)}; ` +
        `${pct(own.unknown)} has unknown owners${own.unresolved > 0 ? `, ${pct(own.unresolved)} circulates in a closed cycle` : ''}. ` +
        `Ultimate controller(s): ${ultimates.map((u) => `${u.entityId} (${u.country ?? 'country unknown'})`).join(', ')}; ` +
        `control ${controlOutsideEu === null ? 'may sit' : controlOutsideEu ? 'sits' : 'does not sit'} outside the EU/EEA.` +
        (cycles.length ? ` Ownership cycles: ${cycles.map((c) => c.members.join(' ↔ ')).join('; ')}.` : '') +
        (missingData.length ? ` ${missingData.length} gap(s) in the data.` : ''),
      formula: 'look-through share = Σ over all paths (walks in cycles) of Π stakes; control = majority of votes or control right, followed upward',
      inputs: { subject: subjectId, entitiesReached: known.length, asOf: options.asOf },
    },
  };
}

function stepText(s: ControlStep): string {
  if (s.basis === 'majority') return `${s.controllerId} holds ${pct(s.votes)} of the votes in ${s.controlledId}`;
  if (s.basis === 'control-flag') return `${s.controllerId} holds a control right in ${s.controlledId} (with ${pct(s.votes)} of the votes)`;
  const through = (s.via ?? []).map((v, i) => {
    const chain = s.viaChains?.[i] ?? [v];
    return chain.length > 1 ? `${v} (controlled ${chain.join(' → ')})` : v;
  });
  return `${s.controllerId} commands ${pct(s.votes)} of the votes in ${s.controlledId} through ${through.join(' + ')}`;
}

