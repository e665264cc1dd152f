import type { SampleTable } from './common.js';

/*
 * Samples for implementation writes, funding checks, screening writes, policy checks
 * (src/server/routes/tracking.ts). Each persona writes rows of its own home (common.ts HOME) with its
 * name in them, so every allowed write is a new one.
 */

const CASE = { investor: 'Fictional Fund', investor_country: 'NO', target_kind: 'supplier', target_id: 'SUP-A', factors: ['critical-technologies'], third_country_government_control: false, received_on: '2026-05-01' };

export const trackingSamples: SampleTable = {
  // an operator states its own operator's status; the others their member state's
  'POST /implementation': (p, h) => ({
    url: '/implementation',
    payload: p.operatorId
      ? { measure: 'TM07', scope_level: 'operator', member_state: h.ms, operator_id: p.operatorId, status: 'planned', evidence: `matrix ${p.name}`, recorded_on: '2026-05-01' }
      : { items: [{ measure: 'SM03', scope_level: 'member-state', member_state: h.ms, status: 'planned', evidence: `matrix ${p.name}`, recorded_on: '2026-05-01' }] },
    allowedStatus: [201],
  }),
  'GET /implementation/history': (_p, h) => ({ url: `/implementation/history?measure=SM03&scope=ms:${h.ms}` }),
  // not kept (save: false): a check that stores nothing answers 200
  'POST /funding-checks': (p, h) => ({
    url: '/funding-checks',
    payload: { project_id: `PRJ-${p.name}`, operator_id: h.operator, member_state: h.ms, planned_date: '2026-09-01', assets: [{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-A' }], save: false },
  }),
  'GET /funding-checks': () => ({ url: '/funding-checks' }),
  'GET /funding-checks/:checkId': () => ({ url: '/funding-checks/00000000-0000-4000-8000-000000000000', allowedStatus: [404] }),
  'GET /screening-cases/review-flags': () => ({ url: '/screening-cases/review-flags?date=2026-06-01' }),
  'GET /screening-cases/:caseId': () => ({ url: '/screening-cases/FDI-NONE', allowedStatus: [404] }),
  'POST /screening-cases': (p, h) => ({ url: '/screening-cases', payload: { case_id: `FDI-M-${p.name}`, member_state: h.ms, status: 'received', ...CASE }, allowedStatus: [201] }),
  // the case the persona's POST sample (earlier in the route table) recorded, now under review
  'PUT /screening-cases/:caseId': (p, h) => ({ url: `/screening-cases/FDI-M-${p.name}`, payload: { member_state: h.ms, status: 'under-review', ...CASE } }),
  'POST /policies/validate': (_p, h) => ({ url: '/policies/validate', payload: { member_state: h.ms, version: 'draft', thresholds: { national_hhi: 4500 } } }),
  'GET /policies/baseline': () => ({ url: '/policies/baseline' }),
  'GET /policies/:memberState/diff': (_p, h) => ({ url: `/policies/${h.ms}/diff` }),
  // uploads (routes/register-uploads.ts): a register of one row of the persona's home; again → unchanged (200)
  'POST /implementation/upload': (p, h) => ({
    url: '/implementation/upload?filename=matrix.csv',
    payload: `measure,scope_level,member_state,operator_id,status,evidence,recorded_on\nTM07,operator,${h.ms},${h.operator},in-place,upload ${p.name},2026-05-02\n`,
    headers: { 'content-type': 'text/csv' },
    allowedStatus: [201, 200],
  }),
  'GET /implementation/template': () => ({ url: '/implementation/template?format=csv' }),
  'POST /screening-cases/upload': (p, h) => ({
    url: '/screening-cases/upload',
    payload: JSON.stringify({ items: [{ case_id: `FDI-U-${p.name}`, member_state: h.ms, status: 'received', ...CASE, factors: 'critical-technologies' }] }),
    headers: { 'content-type': 'application/json' },
    allowedStatus: [201, 200],
  }),
};
