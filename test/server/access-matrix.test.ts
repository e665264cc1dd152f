import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY, type Action } from '../../src/server/policy.js';
import type { Role } from '../../src/store/access/index.js';
import { API_PREFIX, type ApiRoute } from '../../src/server/route-table.js';
import { FOREIGN, HOME, type SampleTable } from './access-samples/common.js';
import { ownershipSamples } from './access-samples/ownership.js';
import { profileSamples } from './access-samples/profiles.js';
import { trackingSamples } from './access-samples/tracking.js';
import { DATA, fixtureApp, login, PERSONAS, type Fixture, type Session } from './helpers.js';

/*
 * Every route × every persona (each role, with member-state and operator scopes), generated from the
 * app's own route table and judged against policy.ts: allowed → answered (2xx, or a 4xx other than
 * 401/403 for a deliberately harmless request); denied → 403. Either way the body holds nothing of
 * another scope (FOREIGN). The table of samples below must name every route, so a new route fails this
 * test until it is covered.
 */

let f: Fixture;
const sessions = new Map<string, Session>();
let assessmentId: string;
let targetUserId: string;

const csv = (header: string) => ({ payload: `${header}\n`, headers: { 'content-type': 'text/csv' } });
const IMPORT_HEADERS: Record<string, string> = {
  operators: 'operator_id,name,member_state,kind,subscribers',
  suppliers: 'supplier_id,name,hq_country',
  products: 'product_id,supplier_id,name,function,certifications,end_of_support',
  assets: 'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support',
  designations: 'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status',
  certificates: 'certificate_id,scheme,issuer,product_id,versions,valid_from,valid_until',
};

/** saved before the matrix runs (by the admin), for the routes that read or simulate a saved scenario */
const SAVED_SCENARIO = { name: 'matrix-scenario', version: '1', start_date: '2026-07-01', horizon_months: 12, restrictions: [{ suppliers: ['SUP-B'], segments: ['ran'] }] };

const SAMPLES: SampleTable = {
  ...ownershipSamples,
  ...profileSamples,
  ...trackingSamples,
  'POST /auth/login': (p) => ({ url: '/auth/login', payload: { username: p.name, password: p.password } }),
  'POST /auth/logout': () => ({ url: '/auth/logout', allowedStatus: [204] }),
  'GET /auth/me': () => ({ url: '/auth/me' }),
  'GET /auth/second-factor': () => ({ url: '/auth/second-factor' }),
  // empty bodies: allowed callers pass the gate and get 400, nothing is enrolled and no try is counted
  'POST /auth/second-factor/enrol': () => ({ url: '/auth/second-factor/enrol', payload: {}, allowedStatus: [400] }),
  'POST /auth/second-factor/confirm': () => ({ url: '/auth/second-factor/confirm', payload: {}, allowedStatus: [400] }),
  'POST /auth/second-factor/disable': () => ({ url: '/auth/second-factor/disable', payload: {}, allowedStatus: [400] }),
  'POST /auth/second-factor/recovery-codes': () => ({ url: '/auth/second-factor/recovery-codes', payload: {}, allowedStatus: [400] }),
  'POST /auth/password': () => ({ url: '/auth/password', payload: { currentPassword: 'wrong-wrong-wrong', newPassword: 'new-password-123456' }, allowedStatus: [400] }),
  'GET /dashboard': () => ({ url: '/dashboard' }),
  'GET /catalog': () => ({ url: '/catalog' }),
  'GET /exports/catalog.oscal.json': () => ({ url: '/exports/catalog.oscal.json' }),
  'GET /operators': () => ({ url: '/operators' }),
  'GET /operators/:operatorId': (_p, h) => ({ url: `/operators/${h.operator}` }),
  'GET /suppliers': () => ({ url: '/suppliers' }),
  'GET /suppliers/:supplierId': () => ({ url: '/suppliers/SUP-A' }),
  'GET /products': () => ({ url: '/products' }),
  'GET /certificates': () => ({ url: '/certificates' }),
  'GET /products/:productId': () => ({ url: '/products/P-A-GNB' }),
  'GET /assets': () => ({ url: '/assets' }),
  'GET /assets/:assetId': (_p, h) => ({ url: `/assets/${h.asset}` }),
  'GET /assets/:assetId/context': (_p, h) => ({ url: `/assets/${h.asset}/context` }),
  'GET /assets/export': () => ({ url: '/assets/export' }),
  // an asset that exists in no scope: allowed callers pass the gate and get 400, nothing moves
  'POST /assets/decommission': () => ({ url: '/assets/decommission', payload: { assetIds: ['NO-SUCH-ASSET'] }, allowedStatus: [400] }),
  'GET /designations': () => ({ url: '/designations' }),
  'GET /designations/:designationId': (_p, h) => ({ url: `/designations/${h.designation}` }),
  'PUT /designations/:designationId': (p, h) => ({
    url: `/designations/D-T-${p.name}`,
    payload: { member_state: h.ms, supplier_id: 'SUP-C', kind: 'conditional', segments: ['core'], legal_basis: 'Fictional test act', effective_date: '2027-01-01', transition_months: 6, status: 'proposed' },
    allowedStatus: [201],
  }),
  'GET /policies': () => ({ url: '/policies' }),
  'GET /policies/:memberState': (_p, h) => ({ url: `/policies/${h.ms}` }),
  'PUT /policies/:memberState': (p, h) => ({ url: `/policies/${h.ms}`, payload: { version: `t-${p.name}`, thresholds: { national_hhi: 5000 } }, allowedStatus: [201] }),
  'POST /assessments': () => ({ url: '/assessments', payload: {}, allowedStatus: [201] }),
  'GET /assessments': () => ({ url: '/assessments' }),
  'GET /assessments/:assessmentId': () => ({ url: `/assessments/${assessmentId}` }),
  'GET /assessments/:assessmentId/findings': () => ({ url: `/assessments/${assessmentId}/findings` }),
  'GET /assessments/:assessmentId/metrics': () => ({ url: `/assessments/${assessmentId}/metrics` }),
  'GET /assessments/:assessmentId/risks': () => ({ url: `/assessments/${assessmentId}/risks` }),
  'GET /assessments/:assessmentId/recommendations': () => ({ url: `/assessments/${assessmentId}/recommendations` }),
  'GET /assessments/:assessmentId/contradictions': () => ({ url: `/assessments/${assessmentId}/contradictions` }),
  'GET /assessments/:a/diff/:b': () => ({ url: `/assessments/${assessmentId}/diff/latest` }),
  'GET /assessments/:assessmentId/report': () => ({ url: `/assessments/${assessmentId}/report` }),
  'GET /assessments/:assessmentId/export': () => ({ url: `/assessments/${assessmentId}/export?format=csv` }),
  'GET /findings': () => ({ url: '/findings' }),
  // a finding id that exists in no scope: allowed callers pass the gate and get 404
  'GET /findings/:findingId': () => ({ url: '/findings/NO-SUCH-FINDING', allowedStatus: [404] }),
  'POST /simulations': () => ({
    url: '/simulations',
    payload: { name: 't', version: '1', start_date: '2026-07-01', horizon_months: 12, restrictions: [{ suppliers: ['SUP-B'], segments: ['ran'] }] },
  }),
  'POST /simulations/compare': () => ({
    url: '/simulations/compare',
    payload: { scenarios: [{ name: SAVED_SCENARIO.name, version: '1' }, { scenario: { name: 't', version: '1', start_date: '2026-07-01', horizon_months: 12, restrictions: [{ suppliers: ['SUP-B'], segments: ['ran'], max_share: 0.3 }] } }] },
  }),
  'GET /scenarios': () => ({ url: '/scenarios' }),
  'GET /profiles': () => ({ url: '/profiles' }),
  // no profile of that id in any scope: allowed callers pass the gate and get 404
  'GET /profiles/:profileId': () => ({ url: '/profiles/PRF-NONE', allowedStatus: [404] }),
  'GET /profiles/:profileId/history': () => ({ url: '/profiles/PRF-NONE/history', allowedStatus: [404] }),
  'GET /implementation': () => ({ url: '/implementation' }),
  'GET /implementation/matrix': () => ({ url: '/implementation/matrix?date=2026-06-01' }),
  'GET /union/implementation-matrix': () => ({ url: '/union/implementation-matrix?date=2026-06-01' }),
  'GET /union/concentration': () => ({ url: '/union/concentration' }),
  'GET /union/exposure': () => ({ url: '/union/exposure' }),
  'GET /union/assessments': () => ({ url: '/union/assessments' }),
  'GET /union/changes': () => ({ url: `/union/changes?from=${assessmentId}&to=${assessmentId}` }),
  'GET /screening-cases': () => ({ url: '/screening-cases?date=2026-06-01' }),
  'GET /policies/:memberState/versions': (_p, h) => ({ url: `/policies/${h.ms}/versions` }),
  'GET /scenarios/:name': () => ({ url: `/scenarios/${SAVED_SCENARIO.name}` }),
  // each caller saves its own version, so every allowed save is a new one
  'POST /scenarios': (p) => ({ url: '/scenarios', payload: { ...SAVED_SCENARIO, name: 'matrix-save', version: `t-${p.name}` }, allowedStatus: [201] }),
  'POST /scenarios/:name/simulations': () => ({ url: `/scenarios/${SAVED_SCENARIO.name}/simulations?version=1` }),
  ...Object.fromEntries(
    Object.entries(IMPORT_HEADERS).map(([kind, header]) => [`POST /imports/${kind}`, () => ({ url: `/imports/${kind}`, ...csv(header), allowedStatus: [202] })]),
  ),
  'POST /imports/policies': () => ({ url: '/imports/policies', payload: '[]', headers: { 'content-type': 'application/json' }, allowedStatus: [202] }),
  // a preview writes nothing: a header alone answers 200 with its one error (no rows)
  ...Object.fromEntries(Object.entries(IMPORT_HEADERS).map(([kind, header]) => [`POST /imports/${kind}/preview`, () => ({ url: `/imports/${kind}/preview`, ...csv(header) })])),
  'POST /imports/policies/preview': () => ({ url: '/imports/policies/preview', payload: '[]', headers: { 'content-type': 'application/json' } }),
  'GET /imports/jobs': () => ({ url: '/imports/jobs' }),
  'GET /imports/jobs/:jobId': () => ({ url: '/imports/jobs/00000000-0000-4000-8000-000000000000', allowedStatus: [404] }),
  'GET /imports': () => ({ url: '/imports' }),
  'GET /users': () => ({ url: '/users' }),
  'POST /users': (p) => ({ url: '/users', payload: { username: `made-by-${p.name}`, password: 'made-password-123', role: 'auditor', memberState: 'FR' }, allowedStatus: [201] }),
  'GET /users/:userId': () => ({ url: `/users/${targetUserId}` }),
  'PATCH /users/:userId': () => ({ url: `/users/${targetUserId}`, payload: { disabled: false } }),
  'DELETE /users/:userId/sessions': () => ({ url: `/users/${targetUserId}/sessions` }),
  'GET /users/:userId/tokens': () => ({ url: `/users/${targetUserId}/tokens` }),
  'GET /tokens': () => ({ url: '/tokens' }),
  'POST /tokens': () => ({ url: '/tokens', payload: { name: 'matrix' }, allowedStatus: [201] }),
  'DELETE /tokens/:tokenId': () => ({ url: '/tokens/0000000000000000', allowedStatus: [404] }),
  'GET /audit': () => ({ url: '/audit' }),
  // the whole chain: whole-instance scopes only, so a member-state auditor passes the role gate and meets the scope one
  'GET /audit/verify': (p) => ({ url: '/audit/verify', allowedStatus: p.memberState || p.operatorId ? [403] : [200] }),
};

/*
 * The auditor (docs/api.md, roles): "what an admin / authority / operator of that scope reads, plus the
 * audit trail of its scope", and nothing it could change. Written out here rather than taken from
 * policy.ts, so a slip there shows: each auditor persona reads as its peer persona of the same scope.
 */
const AUDITOR_PEER: Record<string, string> = { auditor: 'admin', 'auditor-de': 'authority-de', 'auditor-de1': 'operator-de1' };
/** what an auditor does as itself, whatever its scope: its session, password, second factor and own tokens, the audit trail */
const AUDITOR_OWN = new Set([
  'POST /auth/logout',
  'GET /auth/me',
  'POST /auth/password',
  'GET /auth/second-factor',
  'POST /auth/second-factor/enrol',
  'POST /auth/second-factor/confirm',
  'POST /auth/second-factor/disable',
  'POST /auth/second-factor/recovery-codes',
  'GET /tokens',
  'POST /tokens',
  'DELETE /tokens/:tokenId',
  'GET /audit',
  'GET /audit/verify',
]);
/** POSTs that compute and store nothing: reads for this purpose */
const COMPUTING_POSTS = new Set(['POST /simulations', 'POST /simulations/compare', 'POST /scenarios/:name/simulations', 'POST /policies/validate']);
/** account administration is not a read of the registers: no auditor, even of the whole instance, reaches it */
const ACCOUNT_ADMIN = new Set<string>(['users.manage', 'tokens.manage']);
const isRead = (r: ApiRoute) => r.method === 'GET' || COMPUTING_POSTS.has(key(r));
const roleOf = (name: string): Role => PERSONAS.find((p) => p.name === name)!.role;

/** May this persona take this route? The policy table for every role but the auditor, whose rights are its peer's reads. */
function expectAllowed(p: (typeof PERSONAS)[number], r: ApiRoute): boolean {
  const roles = POLICY[r.access as Action] as readonly string[];
  if (p.role !== 'auditor') return roles.includes(p.role);
  if (AUDITOR_OWN.has(key(r))) return true;
  return isRead(r) && !ACCOUNT_ADMIN.has(r.access) && roles.includes(roleOf(AUDITOR_PEER[p.name]!));
}

const isProblem = (type: string | string[] | number | undefined) => type?.toString().startsWith('application/problem+json') === true;
const key = (r: ApiRoute) => `${r.method} ${r.path}`;

beforeAll(async () => {
  f = await fixtureApp();
  for (const p of PERSONAS) sessions.set(p.name, await login(f.app, p.name));
  const admin = sessions.get('admin')!;
  const run = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: admin.write, payload: { date: '2026-06-01' } });
  assessmentId = run.json().assessmentId;
  expect((await f.app.inject({ method: 'POST', url: '/api/v1/scenarios', headers: admin.write, payload: SAVED_SCENARIO })).statusCode).toBe(201);
  const u = await f.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.write,
    payload: { username: 'matrix-target', password: 'target-password-1', role: 'auditor', memberState: 'DE' },
  });
  targetUserId = u.json().userId;
});
afterAll(async () => f.close());

describe('route table', () => {
  it('every route is in the app, with an action from policy.ts, and has a sample here', () => {
    const registered = new Set(f.app.printRoutes({ commonPrefix: false }).split('\n'));
    expect(f.app.routeTable.length).toBeGreaterThan(40);
    for (const r of f.app.routeTable) {
      expect(r.access === 'public' || r.access in POLICY, `${key(r)} names an action of policy.ts`).toBe(true);
      expect(SAMPLES[key(r)], `sample for ${key(r)}`).toBeDefined();
      expect(f.app.hasRoute({ method: r.method, url: API_PREFIX + r.path }), `${key(r)} is registered`).toBe(true);
    }
    void registered;
  });

  it('no API route is registered outside the table (nothing escapes the gate)', async () => {
    const inTable = new Set(f.app.routeTable.map((r) => `${r.method} ${API_PREFIX}${r.path}`));
    const spec = (await f.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (!path.startsWith(API_PREFIX)) continue;
      for (const m of Object.keys(methods)) {
        const fastifyPath = path.replace(/\{(\w+)\}/g, ':$1');
        expect(inTable.has(`${m.toUpperCase()} ${fastifyPath}`), `${m} ${path}`).toBe(true);
      }
    }
  });
});

describe('access matrix: route × role × scope', () => {
  const cases = (): [string, string][] => [];
  void cases;
  for (const p of PERSONAS) {
    it(`${p.name} (${p.role}${p.memberState ? ` ${p.memberState}` : ''}${p.operatorId ? ` ${p.operatorId}` : ''}) on every route`, async () => {
      const results: string[] = [];
      for (const r of f.app.routeTable) {
        if (r.path === '/auth/login') continue; // public: covered in auth.test.ts
        const sample = SAMPLES[key(r)]!(p, HOME[p.name]!);
        // logout ends the session: give it its own
        const s = r.path === '/auth/logout' ? await login(f.app, p.name) : sessions.get(p.name)!;
        const res = await f.app.inject({
          method: r.method,
          url: API_PREFIX + sample.url,
          headers: { ...(r.method === 'GET' ? s.read : s.write), ...sample.headers },
          ...(sample.payload !== undefined ? { payload: sample.payload as string } : {}),
        });
        const allowed = expectAllowed(p, r);
        const expected = allowed ? (sample.allowedStatus ?? [200]) : [403];
        if (!expected.includes(res.statusCode)) results.push(`${key(r)}: expected ${expected.join('|')}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (!allowed && !isProblem(res.headers['content-type']))
          results.push(`${key(r)}: a refusal must be problem+json`);
        // whatever the answer (rows, counts, an error), nothing of another scope is in it; a problem's
        // `instance` echoes the caller's own request and is left out
        const body = isProblem(res.headers['content-type']) ? JSON.stringify({ ...JSON.parse(res.body), instance: undefined }) : res.body;
        for (const x of FOREIGN[p.name] ?? []) if (body.includes(x)) results.push(`${key(r)}: shows ${x}, outside the scope`);
      }
      expect(results).toEqual([]);
    });
  }

  it('anonymous callers get 401 on every route but sign-in', async () => {
    const wrong: string[] = [];
    for (const r of f.app.routeTable) {
      if (r.access === 'public') continue;
      const sample = SAMPLES[key(r)]!(PERSONAS[0]!, HOME.admin!);
      const res = await f.app.inject({ method: r.method, url: API_PREFIX + sample.url, headers: sample.headers, ...(sample.payload !== undefined ? { payload: sample.payload as string } : {}) });
      if (res.statusCode !== 401) wrong.push(`${key(r)}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('an auditor reads exactly what its peer of the same scope reads', () => {
  for (const [auditor, peer] of Object.entries(AUDITOR_PEER)) {
    it(`${auditor} reads as ${peer}: same status, same body, on every read route`, async () => {
      const differences: string[] = [];
      for (const r of f.app.routeTable) {
        if (!isRead(r) || AUDITOR_OWN.has(key(r)) || r.access === 'public') continue;
        const answer = async (name: string) => {
          // the same request for both: the peer's
          const sample = SAMPLES[key(r)]!(PERSONAS.find((p) => p.name === peer)!, HOME[peer]!);
          const s = sessions.get(name)!;
          const res = await f.app.inject({
            method: r.method,
            url: API_PREFIX + sample.url,
            headers: { ...(r.method === 'GET' ? s.read : s.write), ...sample.headers },
            ...(sample.payload !== undefined ? { payload: sample.payload as string } : {}),
          });
          // a problem's `instance` echoes the request, the same here; a refusal names the caller's role
          return { status: res.statusCode, body: res.statusCode === 403 ? '' : res.body };
        };
        const [a, b] = [await answer(auditor), await answer(peer)];
        const expected = ACCOUNT_ADMIN.has(r.access) ? { status: 403, body: '' } : b;
        if (a.status !== expected.status || a.body !== expected.body) differences.push(`${key(r)}: ${auditor} ${a.status} ${a.body.slice(0, 120)} — ${peer} ${b.status} ${b.body.slice(0, 120)}`);
      }
      expect(differences).toEqual([]);
    });
  }
});

void DATA;
