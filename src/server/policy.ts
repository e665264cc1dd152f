import { tenancyOf, type Role, type Scope } from '../store/access/index.js';

/*
 * THE access policy: which role may perform which action. Routes name an action; the auth plugin looks
 * it up here and nowhere else. Which rows an allowed action reaches is the store's business
 * (src/store/access): this table says "may an authority read assets at all", the store says "which".
 * test/server/access-matrix.test.ts walks every route against this table.
 *
 * The auditor is in no row of the table: it reads what the role of its scope reads (auditorPeer) and
 * nothing more, so a read granted to authorities cannot reach an auditor of one operator by a slip in
 * a list. Beyond that it has its own account and the audit trail (AUDITOR_OWN).
 */

/** every role but the auditor, whose rights follow from these (auditorPeer) */
type PeerRole = Exclude<Role, 'auditor'>;
const ALL: readonly PeerRole[] = ['admin', 'authority', 'operator', 'union-analyst'];
/** roles that may read rows of their tenancy (the union analyst reads aggregates only) */
const ROW_READERS: readonly PeerRole[] = ['admin', 'authority', 'operator'];

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
  // certificate records are about products: reference data like them
  'certificates.read': ALL,
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
  // a profile is an authority's assessment of a supplier; operators see the designations that follow from it
  'profiles.read': ['admin', 'authority'],
  // versions of a profile and the supply-continuity facts behind it: the member state's authority
  'profiles.write': ['admin', 'authority'],
  'implementation.read': ROW_READERS,
  // the member state × measure matrix is an aggregate: the Union view the progress reports publish
  'implementation.matrix': ALL,
  // the Union view (routes/union.ts): rows per member state; the store keeps an authority to its own row,
  // and an operator, whose view is its own network, has none
  'union.read': ['admin', 'authority', 'union-analyst'],
  // an authority states its member state's and its operators' status; an operator its own (the store checks which)
  'implementation.write': ['admin', 'authority', 'operator'],
  'screening.read': ['admin', 'authority'],
  'screening.write': ['admin', 'authority'],
  // SA10: checks of a funded project against the designations in force, kept by the authority that ran them
  'funding.read': ['admin', 'authority'],
  'funding.check': ['admin', 'authority'],
  'assessments.read': ROW_READERS,
  'assessments.run': ['admin', 'authority', 'operator'],
  'findings.read': ROW_READERS,
  'simulations.run': ['admin', 'authority', 'operator'],
  // saved what-if scenarios: documents of assumptions (suppliers, segments, dates), no tenancy rows, one
  // namespace for the whole instance. Whoever may simulate reads them (a saved scenario is simulated
  // over the caller's own scope, like an inline one); the union analyst, who may not simulate, does not.
  'scenarios.read': ['admin', 'authority', 'operator'],
  // saving publishes to every scope of the instance: the national authority and the administrator do;
  // an operator's procurement what-if stays its own (POST /simulations with the scenario inline)
  'scenarios.write': ['admin', 'authority'],
  // imports by kind: shared reference data is the administrator's
  'imports.read': ['admin', 'authority', 'operator'],
  'imports.operators': ['admin', 'authority'],
  'imports.suppliers': ['admin'],
  'imports.products': ['admin'],
  'imports.assets': ['admin', 'authority', 'operator'],
  'imports.designations': ['admin', 'authority'],
  'imports.certificates': ['admin'],
  'imports.policies': ['admin', 'authority'],
  'users.manage': ['admin'],
  'tokens.manage': ['admin'],
  'audit.read': ['admin'],
} as const satisfies Record<string, readonly PeerRole[]>;

export type Action = keyof typeof POLICY;
/** routes anyone may call: sign-in, health, the API description */
export type RouteAccess = Action | 'public';

/**
 * The actions that only read (or compute without storing anything): the ones an auditor may take, when
 * the role of its scope may. A new action is not one of them until it is named here.
 */
export const READ_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'dashboard.read',
  'catalog.read',
  'suppliers.read',
  'products.read',
  'certificates.read',
  'ownership.read',
  'boms.read',
  'operators.read',
  'assets.read',
  'designations.read',
  'policies.read',
  'policies.validate',
  'profiles.read',
  'implementation.read',
  'implementation.matrix',
  'union.read',
  'screening.read',
  'funding.read',
  'assessments.read',
  'findings.read',
  'simulations.run',
  'scenarios.read',
  'imports.read',
]);

/** What an auditor does as itself: its own session, password and read tokens, and the audit trail of its scope. */
const AUDITOR_OWN: ReadonlySet<Action> = new Set<Action>(['session.read', 'session.write', 'tokens.own', 'audit.read']);

/** The role whose reads an auditor's are: of one operator, the operator; of a member state, its authority; of the whole instance, the admin. */
export function auditorPeer(scope: Scope): PeerRole {
  const t = tenancyOf(scope);
  return t.kind === 'operator' ? 'operator' : t.kind === 'member-state' ? 'authority' : 'admin';
}

/** True when every caller, whatever its role and scope, may take the action (the OpenAPI document then lists no 403). */
export function everyoneMay(action: RouteAccess): boolean {
  if (action === 'public') return true;
  const roles: readonly Role[] = POLICY[action];
  return ALL.every((r) => roles.includes(r)) && (AUDITOR_OWN.has(action) || READ_ACTIONS.has(action));
}

export function allowed(scope: Scope, action: RouteAccess): boolean {
  if (action === 'public') return true;
  const roles: readonly Role[] = POLICY[action];
  if (scope.role !== 'auditor') return roles.includes(scope.role);
  return AUDITOR_OWN.has(action) || (READ_ACTIONS.has(action) && roles.includes(auditorPeer(scope)));
}

/** Methods that change state: read-only tokens and auditors never reach them; cookie sessions need the CSRF token. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * POSTs that change nothing stored: a simulation computes and answers. Auditors and read-only tokens
 * may call them; CSRF still applies to cookie sessions (it costs nothing and keeps one rule).
 */
export const READ_ONLY_POST: ReadonlySet<Action> = new Set<Action>(['simulations.run', 'policies.validate']);
