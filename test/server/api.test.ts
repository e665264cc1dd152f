import { DashboardOut } from '../../src/server/assessment-schemas.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../src/store/audit/index.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/* Behaviour of each resource through app.inject; expected figures worked out by hand from test/fixtures/import. */

let f: Fixture;
const s: Record<string, Session> = {};
beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['admin', 'authority-de', 'operator-de1', 'auditor', 'auditor-de', 'union']) s[name] = await login(f.app, name);
});
afterAll(async () => f.close());

const get = (who: string, url: string) => f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
const send = (who: string, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  f.app.inject({ method, url: `/api/v1${url}`, headers: { ...s[who]!.write, ...headers }, ...(payload !== undefined ? { payload: payload as string } : {}) });

describe('operations', () => {
  it('healthz, security headers and a strict CSP', async () => {
    const r = await f.app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('metrics count requests by route pattern, never by raw id', async () => {
    await get('admin', '/operators/OP-DE-1');
    await get('admin', '/operators/OP-FR-1');
    const m = (await f.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(m).toMatch(/secure5g_http_requests_total\{method="GET",route="\/api\/v1\/operators\/:operatorId",status="200"\} 2/);
    expect(m).toContain('secure5g_http_request_duration_seconds_bucket{method="GET",route="/api/v1/operators/:operatorId",status="200",le="+Inf"} 2');
    expect(m).not.toContain('OP-DE-1');
  });

  it('OpenAPI 3.1 describes every route of the table; the docs page is served', async () => {
    const spec = (await f.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const r of f.app.routeTable) {
      const path = `/api/v1${r.path.replace(/:(\w+)/g, '{$1}')}`;
      expect(spec.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
    // register rows are described field by field, from the domain schemas
    const named = (schema: { $ref?: string }) => (schema.$ref ? spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema);
    const rowOf = (path: string) => named(spec.paths[`/api/v1${path}`].get.responses['200'].content['application/json'].schema.properties.items.items);
    expect(Object.keys(rowOf('/implementation').properties)).toEqual(expect.arrayContaining(['measure', 'scopeLevel', 'status', 'recordedOn', 'rowId']));
    expect(rowOf('/screening-cases').properties.case.properties.caseId).toBeDefined();
    expect(rowOf('/entities').properties.source.enum).toEqual(['register', 'supplier']);
    // every route's tag is described, once
    const tags = (spec.tags as { name: string; description: string }[]).map((t) => t.name);
    expect(new Set(tags).size).toBe(tags.length);
    expect([...new Set(f.app.routeTable.map((r) => r.tag))].filter((t) => !tags.includes(t))).toEqual([]);
    expect(spec.paths['/api/v1/operators'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['limit', 'offset', 'memberState']));
    const docs = await f.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('errors are RFC 9457 problem+json', () => {
  it('validation lists each failing field by path', async () => {
    const r = await get('admin', '/operators?limit=0&memberState=XX');
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const p = r.json();
    expect(p).toMatchObject({ type: 'urn:secure5g:problem:validation', status: 400, instance: '/api/v1/operators' });
    expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.limit', 'query.memberState']);
  });

  it('a bad designation names its fields; an unknown route is a 404 problem', async () => {
    const r = await send('authority-de', 'PUT', '/designations/D-X', { memberState: 'DE', supplierId: 'SUP-A', kind: 'banned', segments: [], legalBasis: 'x', effectiveDate: '2026-02-30', transitionMonths: 1, status: 'in-force' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.effectiveDate', 'body.kind', 'body.segments']);
    const nf = await get('admin', '/no-such-thing');
    expect(nf.statusCode).toBe(404);
    expect(nf.json().type).toBe('urn:secure5g:problem:not-found');
  });

  it('an oversized JSON body is refused with 413', async () => {
    const r = await send('admin', 'POST', '/simulations', JSON.stringify({ name: 'x'.repeat(1_100_000) }), { 'content-type': 'application/json' });
    expect(r.statusCode).toBe(413);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('inventory', () => {
  it('pages and filters assets in id order', async () => {
    const p1 = (await get('admin', '/assets?limit=2')).json();
    expect(p1).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(p1.items.map((a: { assetId: string }) => a.assetId)).toEqual(['DE1-AMF', 'DE1-RAN-A']);
    const last = (await get('admin', '/assets?limit=2&offset=4')).json();
    expect(last.items.map((a: { assetId: string }) => a.assetId)).toEqual(['FR1-RAN-B']);
    const ran = (await get('admin', '/assets?segment=ran')).json();
    expect(ran.items.map((a: { assetId: string }) => a.assetId)).toEqual(['DE1-RAN-A', 'DE1-RAN-B', 'FR1-RAN-B']);
    expect((await get('authority-de', '/assets?supplierId=SUP-B')).json().total).toBe(1);
  });

  it('one asset in the domain shape', async () => {
    const a = (await get('operator-de1', '/assets/DE1-RAN-B')).json();
    expect(a).toEqual({
      assetId: 'DE1-RAN-B',
      operatorId: 'OP-DE-1',
      segment: 'ran',
      function: 'gNB',
      supplierId: 'SUP-B',
      productId: 'P-B-GNB',
      softwareVersion: '3.1',
      quantity: 40,
      region: 'south',
      inService: '2022-03-01',
      endOfSupport: '2027-01-31',
    });
  });

  it('suppliers and products are reference data for every role', async () => {
    expect((await get('union', '/suppliers')).json().total).toBe(3);
    expect((await get('union', '/products?supplierId=SUP-A')).json().items.map((p: { productId: string }) => p.productId)).toEqual(['P-A-GNB']);
  });
});

describe('dashboard', () => {
  it('figures worked out by hand: totals and the national RAN concentration', async () => {
    const d = (await get('authority-de', '/dashboard')).json();
    // DE: 60 + 40 + 2 + 1.5 = 103.5 over OP-DE-1 and OP-DE-2
    expect(d.totals).toMatchObject({ operators: 2, quantity: 103.5, memberStates: 1 });
    // DE RAN: SUP-A 60, SUP-B 40 → shares .6/.4, HHI 10,000 × (.36 + .16) = 5,200
    const ran = d.concentration.find((r: { scope: string; segment: string }) => r.scope === 'member-state' && r.segment === 'ran');
    expect(ran).toMatchObject({ memberState: 'DE', hhi: 5200, topSupplierId: 'SUP-A', topSupplierShare: 0.6, suppliers: 2, quantity: 100 });
    // the figure explains itself with its own scope's inputs: DE's RAN quantities per supplier
    expect(ran.explanation.inputs).toMatchObject({ total: 100, quantities: { 'SUP-A': 60, 'SUP-B': 40 } });
    // the union analyst's aggregates keep no exposure explanation (it names the designations behind it)
    const agg = (await get('union', '/dashboard')).json();
    expect(agg.exposure.length).toBeGreaterThan(0);
    for (const e of agg.exposure) expect(e).not.toHaveProperty('explanation');
    expect(agg).not.toHaveProperty('topFindings');
    // every answer is exactly what the OpenAPI document says: parsing keeps every field (none unknown, none of another type)
    for (const who of ['admin', 'authority-de', 'operator-de1', 'union']) {
      const answer = (await get(who, '/dashboard')).json();
      expect(DashboardOut.parse(answer), who).toEqual(answer);
    }
    const all = (await get('admin', '/dashboard')).json();
    expect(all.totals).toMatchObject({ operators: 3, quantity: 203.5, memberStates: 2 });
  });

  it('is recomputed after a write that changes the inventory', async () => {
    const before = (await get('admin', '/dashboard')).json();
    const r = await send('admin', 'POST', '/imports/assets?filename=more.json', JSON.stringify([
      { asset_id: 'DE2-UPF', operator_id: 'OP-DE-2', segment: 'core', function: 'UPF', supplier_id: 'SUP-C', quantity: 10 },
    ]), { 'content-type': 'application/json' });
    expect(r.statusCode).toBe(202);
    await f.app.ctx.jobs.idle();
    const job = (await get('admin', `/imports/jobs/${r.json().jobId}`)).json();
    expect(job).toMatchObject({ status: 'done', kind: 'assets', fileName: 'more.json', result: { rows: 1, inserted: 1 } });
    // the first request after the write gets the previous figures, marked stale, and starts the recomputation
    const during = await get('admin', '/dashboard');
    expect(during.headers['x-dashboard-stale']).toBe('1');
    expect(during.json().totals.quantity).toBe(before.totals.quantity);
    await f.app.ctx.dashboard.refresh();
    const after = await get('admin', '/dashboard');
    expect(after.headers['x-dashboard-stale']).toBeUndefined();
    expect(after.json().totals.quantity).toBe(before.totals.quantity + 10);
    const log = (await get('admin', '/imports')).json().items;
    expect(log[0]).toMatchObject({ kind: 'assets', rows: 1, inserted: 1 });
  });
});

describe('decisions', () => {
  it('designation create and update are audited with digests of before and after', async () => {
    const body = { member_state: 'DE', supplier_id: 'SUP-C', kind: 'restricted', segments: ['core'], legal_basis: 'Fictional act', effective_date: '2026-01-01', transition_months: 12, status: 'in-force' };
    const created = await send('authority-de', 'PUT', '/designations/D-DE-2', body);
    expect(created.statusCode).toBe(201);
    const updated = await send('authority-de', 'PUT', '/designations/D-DE-2', { ...body, status: 'revoked' });
    expect(updated.statusCode).toBe(200);
    expect((await get('operator-de1', '/designations/D-DE-2')).json().status).toBe('revoked');
    const entries = (await get('auditor-de', '/audit?targetId=D-DE-2')).json().items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['designation.update', 'designation.create']);
    const digest = (d: object) => sha256Hex(canonicalJson({ designation_id: 'D-DE-2', ...d }));
    expect(entries[1]).toMatchObject({ actor: 'authority-de', memberState: 'DE', beforeDigest: null, afterDigest: digest(body) });
    expect(entries[0]).toMatchObject({ beforeDigest: digest(body), afterDigest: digest({ ...body, status: 'revoked' }) });
  });

  it('a new policy version becomes the one in force', async () => {
    const r = await send('authority-de', 'PUT', '/policies/DE', { version: '2026-1', thresholds: { nationalHhi: 3000 } });
    expect(r.statusCode).toBe(201);
    const p = (await get('operator-de1', '/policies/DE')).json();
    expect(p).toMatchObject({ memberState: 'DE', version: '2026-1', policy: { thresholds: { nationalHhi: 3000 } } });
    // other content under a stored version: refused as a conflict, as for scenarios and profiles
    const again = await send('authority-de', 'PUT', '/policies/DE', { version: '2026-1' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'urn:secure5g:problem:conflict', detail: expect.stringContaining('versions are immutable') });
  });
});

describe('assessments, findings and exports', () => {
  it('an operator runs its own assessment; findings, metrics and exports stay in it', async () => {
    const run = await send('operator-de1', 'POST', '/assessments', { date: '2026-06-01' });
    expect(run.statusCode).toBe(201);
    const h = run.json();
    // an operator's run is kept with its member state, so the scope checks on stored runs stay one SQL clause
    expect(h.filter).toEqual({ memberState: 'DE', operatorId: 'OP-DE-1' });
    expect(run.headers.location).toBe(`/api/v1/assessments/${h.assessmentId}`);
    const findings = (await get('operator-de1', `/assessments/${h.assessmentId}/findings?limit=1000`)).json();
    expect(findings.total).toBe(h.findings);
    expect(findings.items.every((x: { operatorId: string }) => x.operatorId === 'OP-DE-1')).toBe(true);
    // OP-DE-1's RAN: 60 units from SUP-A, 40 from SUP-B (designated by DE in force since 2025) → an SM03 finding on SUP-B
    const sm03 = findings.items.find((x: { rule: string }) => x.rule === 'SM03');
    expect(sm03).toMatchObject({ supplierId: 'SUP-B', assetIds: ['DE1-RAN-B'], assetCount: 1, assetIdsTruncated: false });
    const metrics = (await get('operator-de1', `/assessments/${h.assessmentId}/metrics?kind=concentration`)).json();
    const ran = metrics.items.find((m: { segment: string }) => m.segment === 'ran');
    expect(ran).toMatchObject({ scope: 'operator', operatorId: 'OP-DE-1', hhi: 5200 });
    expect(ran.explanation.text).toBeTruthy();

    const csv = await get('operator-de1', `/assessments/${h.assessmentId}/export?format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,rule,measure,severity,scope,memberState,operatorId,segment,supplierId,productId,affectedQuantity,assetCount,deadline,explanation');
    expect(lines.length).toBe(1 + h.findings);
    const json = (await get('operator-de1', `/assessments/${h.assessmentId}/export?format=json`)).json();
    expect(json.findings.length).toBe(h.findings);
    expect(json.assessment.assessmentId).toBe(h.assessmentId);

    const latest = (await get('operator-de1', '/findings?rule=SM03')).json();
    expect(latest.assessmentId).toBe(h.assessmentId);
    expect((await get('operator-de1', `/findings/${encodeURIComponent(sm03.id)}`)).json().id).toBe(sm03.id);
  });

  it('the OSCAL catalogue export', async () => {
    const r = await get('union', '/exports/catalog.oscal.json');
    expect(r.statusCode).toBe(200);
    expect(r.json().catalog.metadata['oscal-version']).toBe('1.2.1');
  });
});

describe('simulations', () => {
  it('answers a scenario over the scope, and names a bad field', async () => {
    const ok = await send('authority-de', 'POST', '/simulations', {
      name: 'phase-out',
      version: '1',
      startDate: '2026-07-01',
      horizonMonths: 24,
      restrictions: [{ suppliers: ['SUP-B'], segments: ['ran'], transitionMonths: 12 }],
      replacement: { capacity: { default: { ran: 100 } } },
    });
    expect(ok.statusCode).toBe(200);
    // SUP-B holds 40 RAN units in DE (DE1-RAN-B), all to swap
    expect(ok.json().totals).toMatchObject({ unitsRequired: 40, unitsSwapped: 40 });
    const bad = await send('authority-de', 'POST', '/simulations', { name: 'x', version: '1', startDate: '2026-07-01', horizonMonths: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('horizonMonths');
  });
});

describe('users and audit', () => {
  it('validates users and keeps the last admin', async () => {
    const bad = await send('admin', 'POST', '/users', { username: 'x1', password: 'short', role: 'chief' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.password', 'body.role']);
    const noMs = await send('admin', 'POST', '/users', { username: 'auth-x', password: 'long-enough-pass', role: 'authority' });
    expect(noMs.statusCode).toBe(400);
    const dup = await send('admin', 'POST', '/users', { username: 'admin', password: 'long-enough-pass', role: 'union-analyst' });
    expect(dup.json().detail).toBe('username admin is taken');
    const me = (await get('admin', '/auth/me')).json();
    const demote = await send('admin', 'PATCH', `/users/${me.user.userId}`, { role: 'auditor' });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().detail).toMatch(/last active admin/);
  });

  it('an auditor reads the trail, which verifies', async () => {
    const page = (await get('auditor', '/audit?limit=5')).json();
    expect(page.items.length).toBe(5);
    expect(page.items[0].seq).toBeGreaterThan(page.items[1].seq);
    const v = (await get('auditor', '/audit/verify')).json();
    expect(v).toMatchObject({ ok: true, entries: page.total });
  });
});
