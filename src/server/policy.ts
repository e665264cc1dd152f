import type { Role } from '../store/access/index.js';

/*
 * THE access policy: which role may perform which action. Routes name an action; the auth plugin looks
 * it up here and nowhere else. Which rows an allowed action reaches is the store's business
 * (src/store/access): this table says "may an authority read assets at all", the store says "which".
 * test/server/access-matrix.test.ts walks every route against this table.
 */

const ALL: readonly Role[] = ['admin', 'authority', 'operator', 'union-analyst', 'auditor'];
/** roles that may read rows of their tenancy (the union analyst reads aggregates only) */
const ROW_READERS: readonly Role[] = ['admin', 'authority', 'operator', 'auditor'];

export const POLICY = {
  // signed in, whoever you are
  'session.read': ALL,
  'session.write': ALL,
  'tokens.own': ALL,
  'dashboard.read': ALL,
  'catalog.read': ALL,
  // reference data: who makes what
  'suppliers.read': ALL,
  'products.read': ALL,
  // who owns and controls a supplier, and what a product is made of: reference data like the suppliers
  // themselves; shared by every scope, so the administrator keeps it
  'ownership.read': ALL,
  'ownership.write': ['admin'],
  'boms.read': ALL,
  'boms.write': ['admin'],
  // rows of the caller's tenancy
  'operators.read': ROW_READERS,
  'assets.read': ROW_READERS,
  // taking assets out of service: whoever may import them (store/access/decommission.ts keeps it to the scope)
  'assets.decommission': ['admin', 'authority', 'operator'],
  'designations.read': ROW_READERS,
  'designations.write': ['admin', 'authority'],
  'policies.read': ROW_READERS,
  'policies.write': ['admin', 'authority'],
  // checking a draft stores nothing (READ_ONLY_POST): whoever may read policies may check one
  'policies.validate': ROW_READERS,
  // a profile is an authority's assessment of a supplier: its own and the auditor's; operators see the designations that follow from it
  'profiles.read': ['admin', 'authority', 'auditor'],
  // versions of a profile and the supply-continuity facts behind it: the member state's authority
  'profiles.write': ['admin', 'authority'],
  'implementation.read': ROW_READERS,
  // the member state × measure matrix is an aggregate: the Union view the progress reports publish
  'implementation.matrix': ALL,
  // an authority states its member state's and its operators' status; an operator its own (the store checks which)
  'implementation.write': ['admin', 'authority', 'operator'],
  'screening.read': ['admin', 'authority', 'auditor'],
  'screening.write': ['admin', 'authority'],
  // SA10: checks of a funded project against the designations in force, kept by the authority that ran them
  'funding.read': ['admin', 'authority', 'auditor'],
  'funding.check': ['admin', 'authority'],
  'assessments.read': ROW_READERS,
  'assessments.run': ['admin', 'authority', 'operator'],
  'findings.read': ROW_READERS,
  'simulations.run': ['admin', 'authority', 'operator', 'auditor'],
  // saved what-if scenarios: documents of assumptions (suppliers, segments, dates), no tenancy rows, one
  // namespace for the whole instance. Whoever may simulate reads them (a saved scenario is simulated
  // over the caller's own scope, like an inline one); the union analyst, who may not simulate, does not.
  'scenarios.read': ['admin', 'authority', 'operator', 'auditor'],
  // saving publishes to every scope of the instance: the national authority and the administrator do;
  // an operator's procurement what-if stays its own (POST /simulations with the scenario inline)
  'scenarios.write': ['admin', 'authority'],
  // imports by kind: shared reference data is the administrator's
  'imports.read': ['admin', 'authority', 'operator', 'auditor'],
  'imports.operators': ['admin', 'authority'],
  'imports.suppliers': ['admin'],
  'imports.products': ['admin'],
  'imports.assets': ['admin', 'authority', 'operator'],
  'imports.designations': ['admin', 'authority'],
  'imports.policies': ['admin', 'authority'],
  'users.manage': ['admin'],
  'tokens.manage': ['admin'],
  'audit.read': ['admin', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;
/** routes anyone may call: sign-in, health, the API description */
export type RouteAccess = Action | 'public';

export function allowed(role: Role, action: RouteAccess): boolean {
  return action === 'public' || (POLICY[action] as readonly Role[]).includes(role);
}

/** Methods that change state: read-only tokens and auditors never reach them; cookie sessions need the CSRF token. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * POSTs that change nothing stored: a simulation computes and answers. Auditors and read-only tokens
 * may call them; CSRF still applies to cookie sessions (it costs nothing and keeps one rule).
 */
export const READ_ONLY_POST: ReadonlySet<Action> = new Set<Action>(['simulations.run', 'policies.validate']);
