import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture } from './helpers.js';

/*
 * GET /auth/me lists the policy actions the caller may take: the web interface builds its navigation from
 * them. Expected sets read by hand from the POLICY table of src/server/policy.ts.
 */

let f: Fixture;
beforeAll(async () => {
  f = await fixtureApp({ awaitDashboard: false });
});
afterAll(async () => f.close());

const actionsOf = async (name: string) => {
  const s = await login(f.app, name);
  const r = await f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.read });
  expect(r.statusCode).toBe(200);
  return r.json().actions as string[];
};

describe('GET /auth/me: the actions of your role and scope', () => {
  it('a union analyst: aggregates (dashboard, catalogue, the implementation matrix), no rows', async () => {
    const a = await actionsOf('union');
    expect(a).toEqual(expect.arrayContaining(['session.read', 'dashboard.read', 'catalog.read', 'implementation.matrix', 'suppliers.read']));
    for (const no of ['assets.read', 'operators.read', 'findings.read', 'designations.write', 'users.manage', 'audit.read', 'simulations.run'])
      expect(a, no).not.toContain(no);
  });

  it('an operator: its rows and its imports of assets, no designation writes, no user management', async () => {
    const a = await actionsOf('operator-de1');
    expect(a).toEqual(expect.arrayContaining(['assets.read', 'findings.read', 'imports.assets', 'assessments.run', 'implementation.write']));
    for (const no of ['designations.write', 'profiles.read', 'users.manage', 'imports.suppliers', 'audit.read']) expect(a, no).not.toContain(no);
  });

  it('an administrator: every action', async () => {
    const a = await actionsOf('admin');
    expect(a).toEqual(expect.arrayContaining(['users.manage', 'tokens.manage', 'audit.read', 'imports.suppliers', 'designations.write']));
  });

  it('an auditor of a member state: reads as its authority, writes nothing', async () => {
    const a = await actionsOf('auditor-de');
    expect(a).toEqual(expect.arrayContaining(['assets.read', 'designations.read', 'profiles.read', 'audit.read']));
    for (const no of ['designations.write', 'imports.assets', 'assessments.run', 'implementation.write']) expect(a, no).not.toContain(no);
  });
});
