import type { SampleTable } from './common.js';

/** Samples for profile versions, suggestions, supply facts and designation history (src/server/routes/supplier-profiles.ts, designation-history.ts). */
export const profileSamples: SampleTable = {
  // each caller records version 1 of its own profile, in its home member state
  'POST /profiles': (p, h) => ({
    url: '/profiles',
    payload: {
      profile_id: `PRF-T-${p.name}`,
      supplier_id: 'SUP-C',
      member_state: h.ms,
      assessor: 'matrix',
      assessed_on: '2026-03-01',
      scores: [{ criterion: 'C1.1', score: 1, evidence: [{ text: 'matrix evidence' }] }],
    },
    allowedStatus: [201],
  }),
  // no profile of that id in any scope: allowed callers pass the gate and get 404
  'GET /profiles/:profileId/diff': () => ({ url: '/profiles/PRF-NONE/diff?from=1&to=2', allowedStatus: [404] }),
  'GET /suppliers/:supplierId/profile-suggestions': (_p, h) => ({ url: `/suppliers/SUP-A/profile-suggestions?memberState=${h.ms}&date=2026-06-01` }),
  'GET /suppliers/:supplierId/supply-facts': (_p, h) => ({ url: `/suppliers/SUP-A/supply-facts?memberState=${h.ms}` }),
  // records are appended, never clash: every allowed caller adds one
  'POST /suppliers/:supplierId/supply-facts': (_p, h) => ({
    url: '/suppliers/SUP-C/supply-facts',
    payload: { member_state: h.ms, source: 'matrix', recorded_on: '2026-05-01', export_control_exposure: false },
    allowedStatus: [201],
  }),
  // the fixture designations have revision 1 from their import
  'GET /designations/:designationId/history': (_p, h) => ({ url: `/designations/${h.designation}/history` }),
  'GET /designations/:designationId/diff': (_p, h) => ({ url: `/designations/${h.designation}/diff?from=1&to=1` }),
  // D-T-<name> is the designation the caller's PUT /designations/:designationId sample created just before
  // (decisions.ts comes before designation-history.ts in the route table): amended, then revoked
  'PATCH /designations/:designationId': (p) => ({ url: `/designations/D-T-${p.name}`, payload: { legal_basis: 'Fictional test act, as amended' } }),
  'POST /designations/:designationId/revoke': (p) => ({ url: `/designations/D-T-${p.name}/revoke`, payload: { date: '2027-02-01', reason: 'matrix' } }),
};
