import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * A designation's lifecycle over the API, on test/fixtures/import/designations.csv:
 *   D-DE-1: DE, SUP-B, high-risk, ran;core, "Fictional Telecom Security Act §1", effective 2025-01-01, 12 months, in-force
 *   D-FR-1: FR, SUP-C, restricted, key-assets, "Fictional Decree 7", effective 2026-07-01, 36 months, proposed
 * The import recorded revision 1 (`created`) of each. The tests below run in order and build on each other.
 */

let f: Fixture;
const s: Record<string, Session> = {};

beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['admin', 'authority-de', 'authority-fr', 'operator-de1', 'union', 'auditor', 'auditor-de']) s[name] = await login(f.app, name);
});
afterAll(async () => f.close());

const call = async (who: string, method: 'GET' | 'PATCH' | 'POST', url: string, payload?: unknown) => {
  const r = await f.app.inject({ method, url: `/api/v1${url}`, headers: method === 'GET' ? s[who]!.read : s[who]!.write, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.json(), text: r.body };
};
const get = (who: string, url: string) => call(who, 'GET', url);
const changes = (items: { revision: number; change: string }[]) => items.map((r) => [r.revision, r.change]);
const audit = () =>
  f.store.sqlite
    .prepare("SELECT action, actor, target_id, member_state, detail FROM audit_log WHERE target_type = 'designation' ORDER BY seq")
    .raw()
    .all() as [string, string, string, string, string | null][];

describe('GET /designations/:id/history', () => {
  it('lists the revisions, oldest first, to whoever may read the designation', async () => {
    const r = await get('authority-de', '/designations/D-DE-1/history');
    expect(r.status).toBe(200);
    expect(changes(r.body.items)).toEqual([[1, 'created']]);
    expect(r.body.items[0].designation).toMatchObject({ designationId: 'D-DE-1', status: 'in-force', transitionMonths: 12 });
    // an operator reads its member state's designations, and their history
    expect((await get('operator-de1', '/designations/D-DE-1/history')).body.total).toBe(1);
    expect((await get('auditor-de', '/designations/D-DE-1/history')).status).toBe(200);
  });

  it('another member state’s designation, and an unknown one, are not found', async () => {
    expect((await get('authority-fr', '/designations/D-DE-1/history')).status).toBe(404);
    expect((await get('auditor-de', '/designations/D-FR-1/history')).status).toBe(404);
    const missing = await get('authority-de', '/designations/D-NONE/history');
    expect(missing.status).toBe(404);
    expect((await get('union', '/designations/D-DE-1/history')).status).toBe(403);
  });
});

describe('PATCH /designations/:id', () => {
  it('amends the given fields: revision 2, `amended`', async () => {
    const r = await call('authority-de', 'PATCH', '/designations/D-DE-1', { transitionMonths: 18, legalBasis: 'Fictional Telecom Security Act §1, as amended' });
    expect(r.status).toBe(200);
    expect(r.body.designation).toMatchObject({ designationId: 'D-DE-1', memberState: 'DE', supplierId: 'SUP-B', transitionMonths: 18, status: 'in-force' });
    expect(r.body.revision).toMatchObject({ revision: 2, change: 'amended', actor: 'authority-de', source: 'api' });
  });

  it('records nothing when nothing changes', async () => {
    const r = await call('authority-de', 'PATCH', '/designations/D-DE-1', { transitionMonths: 18 });
    expect(r.status).toBe(200);
    expect(r.body.revision).toBeUndefined();
    expect((await get('authority-de', '/designations/D-DE-1/history')).body.total).toBe(2);
  });

  it('refuses revoking, no field, other fields; another member state’s designation is not found', async () => {
    const revoke = await call('authority-de', 'PATCH', '/designations/D-DE-1', { status: 'revoked' });
    expect(revoke.status).toBe(400);
    expect(revoke.body.errors[0].path).toBe('body.status');
    expect((await call('authority-de', 'PATCH', '/designations/D-DE-1', {})).status).toBe(400);
    expect((await call('authority-de', 'PATCH', '/designations/D-DE-1', { memberState: 'FR' })).status).toBe(400);
    expect((await call('authority-fr', 'PATCH', '/designations/D-DE-1', { transitionMonths: 6 })).status).toBe(404);
    expect((await call('operator-de1', 'PATCH', '/designations/D-DE-1', { transitionMonths: 6 })).status).toBe(403);
    expect((await get('admin', '/designations/D-DE-1')).body.transitionMonths).toBe(18);
  });
});

describe('GET /designations/:id/diff', () => {
  it('lists the fields that differ between two revisions, in field order', async () => {
    const r = await get('operator-de1', '/designations/D-DE-1/diff?from=1&to=2');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ designationId: 'D-DE-1', from: { revision: 1, change: 'created' }, to: { revision: 2, change: 'amended' } });
    expect(r.body.changes).toEqual([
      { field: 'legalBasis', from: 'Fictional Telecom Security Act §1', to: 'Fictional Telecom Security Act §1, as amended' },
      { field: 'transitionMonths', from: 12, to: 18 },
    ]);
  });

  it('is not found for a revision that does not exist or a designation out of scope', async () => {
    expect((await get('authority-de', '/designations/D-DE-1/diff?from=1&to=9')).status).toBe(404);
    expect((await get('authority-fr', '/designations/D-DE-1/diff?from=1&to=2')).status).toBe(404);
    expect((await get('authority-de', '/designations/D-DE-1/diff?from=0&to=2')).status).toBe(400);
  });
});

describe('POST /designations/:id/revoke', () => {
  it('only the designation’s own member state (or the administrator) may revoke it', async () => {
    expect((await call('authority-fr', 'POST', '/designations/D-DE-1/revoke', { date: '2026-06-15' })).status).toBe(404);
    expect((await call('operator-de1', 'POST', '/designations/D-DE-1/revoke', { date: '2026-06-15' })).status).toBe(403);
    expect((await call('auditor', 'POST', '/designations/D-DE-1/revoke', { date: '2026-06-15' })).status).toBe(403);
    expect((await get('admin', '/designations/D-DE-1')).body.status).toBe('in-force');
  });

  it('revokes: revision 3 `revoked` with the date, and the designation reads revoked', async () => {
    const r = await call('authority-de', 'POST', '/designations/D-DE-1/revoke', { date: '2026-06-15', reason: 'supplier restructured' });
    expect(r.status).toBe(200);
    expect(r.body.designation.status).toBe('revoked');
    expect(r.body.revision).toMatchObject({ revision: 3, change: 'revoked', changeDate: '2026-06-15', actor: 'authority-de' });
    expect((await get('operator-de1', '/designations/D-DE-1')).body.status).toBe('revoked');
    expect(changes((await get('authority-de', '/designations/D-DE-1/history')).body.items)).toEqual([[1, 'created'], [2, 'amended'], [3, 'revoked']]);
    // D-DE-1 was in force (since 2025-01-01): it counts up to the day before the revocation
    expect(r.body.designation.revokedOn).toBe('2026-06-15');
    expect((await get('authority-de', '/designations/D-DE-1/diff?from=2&to=3')).body.changes).toEqual([
      { field: 'status', from: 'in-force', to: 'revoked' },
      { field: 'revokedOn', to: '2026-06-15' },
    ]);
  });

  it('refuses a second revocation (409) and a date before the decision', async () => {
    expect((await call('authority-de', 'POST', '/designations/D-DE-1/revoke', { date: '2026-07-01' })).status).toBe(409);
    expect((await call('authority-fr', 'PATCH', '/designations/D-FR-1', { decision_date: '2026-05-01' })).status).toBe(200);
    const early = await call('authority-fr', 'POST', '/designations/D-FR-1/revoke', { date: '2026-04-01' });
    expect(early.status).toBe(400);
    expect(early.body.detail).toContain('before the decision date 2026-05-01');
    expect((await call('authority-fr', 'POST', '/designations/D-FR-1/revoke', { date: 'soon' })).status).toBe(400);
    // D-FR-1 was only proposed: it never counted, so it keeps no revoked_on
    const proposed = await call('admin', 'POST', '/designations/D-FR-1/revoke', { date: '2026-06-01' });
    expect(proposed.status).toBe(200);
    expect(proposed.body.designation).toMatchObject({ status: 'revoked' });
    expect(proposed.body.designation.revoked_on).toBeUndefined();
  });

  it('every change left one audit entry, the revocation with its date and reason; refusals none', () => {
    const rows = audit();
    expect(rows.map(([action, actor, id, ms]) => [action, actor, id, ms])).toEqual([
      ['designation.update', 'authority-de', 'D-DE-1', 'DE'],
      ['designation.revoke', 'authority-de', 'D-DE-1', 'DE'],
      ['designation.update', 'authority-fr', 'D-FR-1', 'FR'],
      ['designation.revoke', 'admin', 'D-FR-1', 'FR'],
    ]);
    expect(JSON.parse(rows[1]![4]!)).toEqual({ date: '2026-06-15', reason: 'supplier restructured' });
  });
});
