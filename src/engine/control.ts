import type { Explanation } from '../domain/assessment.js';
import { UserError } from '../domain/errors.js';
import { isEuEea } from '../domain/member-states.js';
import { isStateKind, type Entity, type EntityKind, type Holding } from '../domain/ownership.js';
import { ultimateControllers, type ControlStep } from './control/controllers.js';
import { buildGraph, findMissingData, stakesIn, upstream, type MissingDatum, type OwnershipGraph } from './control/graph.js';
import { MAX_PATHS_PER_OWNER, ownershipCycles, simplePaths, walkUp, type OwnershipPath, type WalkResult } from './control/look-through.js';

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

/**
 * Whether control of the subject sits outside the EU/EEA, as the recorded data allow to say:
 * `yes` some ultimate controller's country is outside; `no` every controller is known and inside and the
 * ownership is recorded well enough for the controllers to be the real ones; `unknown` otherwise.
 */
export type ControlStatus = 'yes' | 'no' | 'unknown';

/** Above this share of unrecorded votes, a holder not recorded could control the entity (see controlStatusOf). */
export const OPAQUE_CONTROL_THRESHOLD = 0.5;

export interface OwnershipCycle {
  kind: 'ownership';
  members: string[];
  /**
   * For a cycle that is one simple loop (each member held by exactly one other member): the share a unit
   * keeps after one round, the product of the stakes around it, and the factor 1 / (1 − loop) the rounds
   * apply to what enters the loop. Absent for a knot of several loops, where no single factor applies.
   */
  loop?: number;
  factor?: number;
  text: string;
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
  /** `controlStatus` as a boolean: null when it is `unknown`. */
  controlOutsideEu: boolean | null;
  controlStatus: ControlStatus;
  /** Why the status is what it is, in words (names the unknown share when it decides). */
  controlStatusReason: string;
  cycles: OwnershipCycle[];
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
      const rounds = cyclic ? roundsFactor(share, paths) : undefined;
      return {
        ...ref(g, id),
        share,
        paths,
        explanation: {
          text: `${id} holds ${pct(share)} of ${subjectId} through ${paths.length} path(s): ${paths.map(pathText).join('; ')}.${walkNote(own, cyclic)}${rounds ? rounds.text : ''}`,
          formula: 'share = Σ over paths of Π stakes along the path',
          inputs: {
            owner: id,
            subject: subjectId,
            paths: paths.map((p) => ({ chain: p.chain, stakes: p.stakes, product: p.product })),
            ...(rounds ? { cycleFreeShare: rounds.cycleFree, cycleFactor: rounds.factor } : {}),
          },
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

  const missingData = findMissingData(g, subjectId, reached);
  const status = controlStatusOf(ultimates, unrecordedVotesAt(g, subjectId, ultimates.map((u) => u.entityId)), own.unknown + own.unresolved);
  const controlOutsideEu = status.status === 'yes' ? true : status.status === 'no' ? false : null;
  const cycles = cycleMembers.map((members) => describeCycle(g, members));
  return {
    subjectId,
    owners,
    unknownShare: own.unknown,
    unresolvedShare: own.unresolved,
    ultimateControllers: ultimates,
    stateShares,
    controlOutsideEu,
    controlStatus: status.status,
    controlStatusReason: status.reason,
    cycles,
    missingData,
    explanation: {
      text:
        `${subjectId}: ${owners.length} ultimate owner(s) account for ${pct(1 - own.unknown - own.unresolved)}; ` +
        `${pct(own.unknown)} has unknown owners${own.unresolved > 0 ? `, ${pct(own.unresolved)} circulates in a closed cycle` : ''}. ` +
        `Ultimate controller(s): ${ultimates.map((u) => `${u.entityId} (${u.country ?? 'country unknown'})`).join(', ')}; ` +
        `control outside the EU/EEA: ${status.status} (${status.reason}).` +
        (cycles.length ? ` Ownership cycles: ${cycles.map((c) => c.text).join(' ')}` : '') +
        (missingData.length ? ` ${missingData.length} gap(s) in the data.` : ''),
      formula: 'look-through share = Σ over all paths (walks in cycles) of Π stakes; control = majority of votes or control right, followed upward',
      inputs: { subject: subjectId, entitiesReached: known.length, asOf: options.asOf, unknownShare: own.unknown, unresolvedShare: own.unresolved, unrecordedVotesThreshold: OPAQUE_CONTROL_THRESHOLD },
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


/**
 * The control status from the ultimate controllers and what is not recorded. A controller known to sit
 * outside the EU/EEA settles it (`yes`), whatever else is missing. Otherwise the answer is `unknown`, not
 * `no`, when the data cannot exclude control from elsewhere: some controller has no country; or, at an
 * entity where control stops (an ultimate controller, the supplier itself when nobody controls it), more
 * than half of the votes (OPAQUE_CONTROL_THRESHOLD) are held by no recorded entity, enough for a holder
 * nobody recorded to hold the majority. A supplier with no holding recorded at all is the extreme case
 * (100 % of its votes unrecorded). An ultimate controller other than the supplier with no holders
 * recorded is an ultimate owner by the data (a person, a state, a listed parent) and does not count.
 * The unknown share of the ownership is named either way.
 */
export function controlStatusOf(
  ultimates: readonly { entityId: string; country?: string }[],
  unrecordedVotes: ReadonlyMap<string, number>,
  unknownShare: number,
): { status: ControlStatus; reason: string } {
  const unknownNote = `${pct(unknownShare)} of the ownership has unknown owners`;
  const outside = ultimates.filter((u) => u.country !== undefined && !isEuEea(u.country));
  if (outside.length) return { status: 'yes', reason: `${outside.map((u) => `${u.entityId} (${u.country})`).join(', ')} outside the EU/EEA; ${unknownNote}` };
  const noCountry = ultimates.filter((u) => u.country === undefined);
  if (noCountry.length) return { status: 'unknown', reason: `no country is recorded for ${noCountry.map((u) => u.entityId).join(', ')}; ${unknownNote}` };
  const open = [...unrecordedVotes].filter(([, v]) => v > OPAQUE_CONTROL_THRESHOLD + 1e-12);
  if (open.length) {
    const what = open.map(([id, v]) => (v >= 1 - 1e-12 ? `no holding in ${id} is recorded` : `${pct(v)} of the votes in ${id} are held by no recorded entity`));
    return { status: 'unknown', reason: `ownership data missing: ${what.join('; ')} (more than ${pct(OPAQUE_CONTROL_THRESHOLD)}, so a holder not recorded could control it); ${unknownNote}` };
  }
  return { status: 'no', reason: `every ultimate controller is in the EU/EEA and holds its control by recorded votes or rights; ${unknownNote}` };
}

/**
 * Per entity where control stops, the votes in it held by no recorded entity (1 − recorded votes, at
 * least 0): the supplier when it is its own controller (even with nothing recorded), another ultimate
 * controller only when some holding in it is recorded.
 */
function unrecordedVotesAt(g: OwnershipGraph, subjectId: string, ultimateIds: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of new Set(ultimateIds)) {
    const stakes = stakesIn(g, id);
    if (stakes.length === 0 && id !== subjectId) continue;
    const recorded = stakes.filter((st) => g.entities.has(st.holderId)).reduce((sum, st) => sum + st.votes, 0);
    out.set(id, Math.max(0, 1 - recorded));
  }
  return out;
}

/** A cycle with, when it is one simple loop, the product around it and the factor its rounds apply. */
function describeCycle(g: OwnershipGraph, members: string[]): OwnershipCycle {
  const inCycle = new Set(members);
  const holderIn = members.map((id) => stakesIn(g, id).filter((s) => inCycle.has(s.holderId)));
  if (holderIn.some((h) => h.length !== 1)) {
    return { kind: 'ownership', members, text: `${members.join(' ↔ ')}: several loops; the rounds are summed as (I − A)^-1, with no single factor.` };
  }
  // follow the loop from the first member upward so the text reads in holding order
  const loopOrder: string[] = [members[0]];
  const stakes: number[] = [];
  for (let id = members[0]; ; ) {
    const up = holderIn[members.indexOf(id)][0];
    stakes.push(up.share);
    if (up.holderId === members[0]) break;
    loopOrder.push(up.holderId);
    id = up.holderId;
  }
  const loop = stakes.reduce((p, x) => p * x, 1);
  const chain = [...loopOrder, members[0]].join(' → ');
  if (loop >= 1 - 1e-12) {
    return { kind: 'ownership', members, loop, text: `${chain}: a closed loop (${stakes.map(pct).join(' × ')} = ${pct(loop)} kept each round), so what enters it never leaves and is reported as unresolved.` };
  }
  const factor = 1 / (1 - loop);
  return {
    kind: 'ownership',
    members,
    loop,
    factor,
    text: `${chain}: one round keeps ${stakes.map(pct).join(' × ')} = ${pct(loop)}, so the rounds multiply what enters the loop by 1 / (1 − ${+loop.toFixed(6)}) = ${+factor.toFixed(6)}.`,
  };
}

/**
 * An owner's share against the sum of its cycle-free paths: the factor the rounds through a cycle added.
 * Only when every cycle-free path is listed (fewer than the cap), and when the factor is not 1.
 */
function roundsFactor(share: number, paths: readonly OwnershipPath[]): { cycleFree: number; factor: number; text: string } | undefined {
  if (paths.length === 0 || paths.length >= MAX_PATHS_PER_OWNER) return undefined;
  const cycleFree = paths.reduce((sum, p) => sum + p.product, 0);
  const factor = share / cycleFree;
  if (Math.abs(factor - 1) < 1e-9) return undefined;
  return { cycleFree, factor, text: ` Factor applied by the rounds: ${pct(share)} / ${pct(cycleFree)} over the cycle-free paths = ${+factor.toFixed(6)}.` };
}
