import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, hasChromium, screenshot, freshPageEachTest, signIn, type E2E } from './harness.js';

/*
 * The suppliers section and the policies page in a real browser, on the demo: a supplier's profile
 * (with a second version recorded here, so there is a diff), its ownership graph with the state share,
 * its products with the origins of a BOM uploaded here; a designation recorded here, revoked from its
 * page, and the findings of the next assessment one designation's worth fewer; a member state's policy
 * against the secure5g default. Every expectation comes from the API or from what the test itself
 * recorded, never from the page's own code. Each page passes axe and is screenshotted (docs/ui.md).
 */

const BOM = join(import.meta.dirname, '..', 'fixtures', 'cyclonedx', 'gnb-du-1.6.json');
const nf = (n: number) => new Intl.NumberFormat('en').format(n);

let e: E2E;
let page: Page;

/** A write through the API as the signed-in user, with the CSRF token the sign-in set. */
async function write(method: 'POST' | 'PUT', path: string, data: unknown, contentType = 'application/json') {
  const csrf = (await e.context.cookies()).find((c) => c.name === 'secure5g_csrf')?.value ?? '';
  const r = await page.request.fetch(path, { method, headers: { 'x-csrf-token': csrf, 'content-type': contentType }, data: typeof data === 'string' ? data : JSON.stringify(data) });
  expect(r.status(), `${method} ${path}: ${await r.text()}`).toBeLessThan(300);
  return r.json();
}
const read = async (path: string) => {
  const r = await page.request.get(path);
  expect(r.status(), `GET ${path}`).toBe(200);
  return r.json();
};

describe.skipIf(!hasChromium)('suppliers, designations and policies (chromium)', { timeout: 180_000 }, () => {
  freshPageEachTest({ started: (x) => (e = x), page: (p) => (page = p) });

  it('opens a supplier: its profile with a diff between versions, suggestions, products with BOM origins', async () => {
    // the administrator stores a BOM for one of Aurora's products (BOMs are the administrator's to write)
    await signIn(page, e, 'demo-admin');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await write('POST', '/api/v1/products/AURORA-CU-CP-4/boms?filename=cu-cp-4.cdx.json', readFileSync(BOM, 'utf8'));
    await e.context.clearCookies();

    await signIn(page, e, 'demo-authority-de');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    // a second version of DE's profile of Aurora: C1.2 from 0 to 1 with new evidence
    const v1 = (await read('/api/v1/profiles/PRF-DE-SUP-AURORA')).profile;
    expect(v1.version).toBe(1);
    const c12 = v1.scores.find((s: { criterion: string }) => s.criterion === 'C1.2');
    expect(c12.score).toBe(0);
    const evidence = 'E2E: a board seat held outside the EU/EEA (fictional)';
    await write('POST', '/api/v1/profiles', {
      ...v1,
      version: 2,
      scores: v1.scores.map((s: { criterion: string }) => (s.criterion === 'C1.2' ? { ...s, score: 1, evidence: [{ text: evidence }] } : s)),
    });

    await page.getByRole('link', { name: 'Suppliers', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Suppliers' }).waitFor();
    await page.getByRole('table', { name: 'Suppliers' }).waitFor();
    const total = (await read('/api/v1/suppliers?limit=1')).total as number;
    await expect.poll(() => page.locator('.pager span').first().textContent()).toContain(`of ${nf(total)}`);
    await expectAccessible(page, 'suppliers');
    await screenshot(page, 'suppliers');

    await page.getByRole('link', { name: 'Aurora Radio Systems' }).click();
    await page.getByRole('heading', { level: 1, name: 'Supplier: Aurora Radio Systems' }).waitFor();
    // the latest version's criteria: C1.2 as recorded here
    const criteria = page.getByRole('table', { name: 'Criteria of PRF-DE-SUP-AURORA: score and evidence' });
    await criteria.waitFor();
    const row = criteria.locator('tr[data-criterion="C1.2"]');
    expect(await row.locator('td').first().textContent()).toBe('1');
    expect(await row.locator('td').nth(1).textContent()).toBe(evidence);
    // the diff between version 1 and 2: the score 0 → 1, the evidence replaced
    const diff = page.getByRole('table', { name: 'Changes from version 1 to version 2' });
    await diff.waitFor();
    const changes = await diff.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(changes).toEqual([
      ['C1.2', 'Score', '0', '1'],
      ['C1.2', 'Evidence', c12.evidence[0].text, '—'],
      ['C1.2', 'Evidence', '—', evidence],
    ]);
    // suggested scores, said to be suggestions, as many as the API suggests
    const suggested = await read('/api/v1/suppliers/SUP-AURORA/profile-suggestions?memberState=DE');
    await expect.poll(() => page.getByRole('region', { name: 'Suggested scores for DE' }).locator('tbody tr').count()).toBe(suggested.suggestions.length);
    expect(await page.getByText('Suggestions only').count()).toBe(1);

    // products: every product of Aurora, and the origins of the BOM stored above (worked out from the
    // fixture: FI 3, XA 2, DE 1, XB 1, XC 1, unknown 2 components of 10; test/server/ownership-api.test.ts)
    const products = (await read('/api/v1/products?supplierId=SUP-AURORA&limit=1000')).total as number;
    await expect.poll(() => page.getByRole('table', { name: 'Products of the supplier' }).locator('tbody tr').count()).toBe(products);
    const byCountry = page.getByRole('table', { name: 'Components of AURORA-CU-CP-4 by country of manufacture' });
    await byCountry.waitFor();
    const countries = await byCountry.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.children[0]!.textContent, r.children[1]!.textContent]));
    expect(countries).toEqual([
      ['FI', '3'],
      ['XA', '2'],
      ['DE', '1'],
      ['XB', '1'],
      ['XC', '1'],
      ['Unknown', '2'],
    ]);
    expect(await page.getByRole('table', { name: 'Components of AURORA-CU-CP-4 with a single source' }).locator('tbody tr').count()).toBe(6);
    await expectAccessible(page, 'supplier');
    await screenshot(page, 'supplier');
  });

  it('draws who owns and controls a supplier, with the state share and the edges as a table', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.goto('/suppliers/SUP-BOREALIS');
    await page.getByRole('heading', { level: 1, name: 'Supplier: Borealis Networks' }).waitFor();
    await page.locator('.chart-canvas canvas').first().waitFor();
    // the holdings recorded about Borealis and the group over it, as the API lists them
    const held = [...(await read('/api/v1/holdings?heldId=SUP-BOREALIS')).items, ...(await read('/api/v1/holdings?heldId=ENT-BOREALIS-GROUP')).items];
    const expected = held.map((h: { percentage: number }) => `${nf(h.percentage)}%`).sort();
    await page.getByText('Data of “Who holds and controls the supplier” as a table').click();
    const edges = page.locator('figure').filter({ hasText: 'Who holds and controls the supplier' }).locator('details table tbody tr');
    const stakes = (await edges.evaluateAll((rows) => rows.map((r) => r.children[2]!.textContent ?? ''))).sort();
    expect(stakes).toEqual(expected);
    // the state share: the state body's 31 % of the group, which holds all of Borealis (0.31 × 1)
    const stateBody = held.find((h: { holderId: string }) => h.holderId === 'ENT-STATE-XA');
    const shares = await page.locator('table[data-table="state-shares"] tbody tr').evaluateAll((rows) =>
      // the figure's own text, without the words for screen readers that follow it
      rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td button')!.firstChild!.textContent]),
    );
    expect(shares).toEqual([['XA', `${nf(stateBody.percentage)}%`]]);
    await expectAccessible(page, 'supplier control');
    await screenshot(page, 'supplier-control');
  });

  it('revokes a designation from its page, and the next assessment has its findings no more', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    // DE designates Aurora for the RAN, where OP-DE-1 runs it
    await write('PUT', '/api/v1/designations/D-DE-E2E', {
      memberState: 'DE',
      supplierId: 'SUP-AURORA',
      kind: 'high-risk',
      segments: ['ran'],
      legalBasis: 'Fictional national 5G security act (DE), art. 9',
      decisionDate: '2024-11-01',
      effectiveDate: '2025-01-01',
      transitionMonths: 12,
      status: 'in-force',
      profileId: 'PRF-DE-SUP-AURORA',
      profileVersion: 1,
    });

    const assess = async () => {
      await page.goto('/risk');
      await page.getByRole('heading', { level: 1 }).waitFor();
      const before = (await read('/api/v1/assessments?limit=1')).items[0]?.assessmentId;
      await page.getByRole('button', { name: 'Assess now' }).click();
      await expect.poll(async () => (await read('/api/v1/assessments?limit=1')).items[0]?.assessmentId, { timeout: 60_000 }).not.toBe(before);
      const run = (await read('/api/v1/assessments?limit=1')).items[0];
      const findings = (await read(`/api/v1/assessments/${run.assessmentId}/findings?limit=1000`)).items as { id: string; severity: string }[];
      // the page shows the new run's counts
      await expect.poll(() => page.locator('[data-severity="critical"] dd').textContent(), { timeout: 30_000 }).toBe(nf(run.bySeverity.critical));
      return { run, findings };
    };

    const before = await assess();
    const resting = before.findings.filter((f) => f.id.endsWith(':D-DE-E2E'));
    // the designation catches Aurora's RAN assets: at least one finding rests on it
    expect(resting.length).toBeGreaterThan(0);

    await page.goto('/designations');
    await page.getByRole('heading', { level: 1, name: 'Designations' }).waitFor();
    await page.getByRole('table', { name: 'Designations of DE' }).waitFor();
    await expectAccessible(page, 'designations');
    await screenshot(page, 'designations');

    await page.getByRole('link', { name: 'D-DE-E2E' }).click();
    await page.getByRole('heading', { level: 1, name: 'Designation D-DE-E2E' }).waitFor();
    // the timeline: decided, effective, and the transition ending twelve months later
    await expect.poll(() => page.locator('[data-timeline="D-DE-E2E"] time').evaluateAll((t) => t.map((x) => x.getAttribute('datetime')))).toEqual([
      '2024-11-01',
      '2025-01-01',
      '2026-01-01',
    ]);
    await page.locator('[data-facts="profile"]').waitFor();
    expect(await page.locator('[data-facts="profile"] dd').nth(1).textContent()).toBe('1');
    // the first test recorded version 2 of that profile: the API warns so, and the page says it
    const answer = await read('/api/v1/designations/D-DE-E2E');
    expect(answer.warnings.map((w: { kind: string }) => w.kind)).toEqual(['newer-profile-version']);
    expect(await page.locator('[data-warning]').evaluateAll((w) => w.map((x) => x.getAttribute('data-warning')))).toEqual(['newer-profile-version']);
    expect(await page.locator('[data-warning]').textContent()).toContain('version 2 (High');
    await expectAccessible(page, 'designation');
    await screenshot(page, 'designation');

    await page.getByRole('button', { name: 'Revoke…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke designation D-DE-E2E?' });
    await dialog.waitFor();
    await dialog.getByLabel('Reason (recorded in the audit trail)').fill('E2E: supplier restructured (fictional)');
    await expectAccessible(page, 'revoke dialog');
    await screenshot(page, 'designation-revoke');
    await dialog.getByRole('button', { name: 'Revoke the designation' }).click();
    await page.getByText('The designation is revoked.').waitFor();
    // focus lands on what happened, not on the page's body
    await expect.poll(() => page.evaluate<string>("document.activeElement?.textContent ?? ''")).toContain('The designation is revoked.');
    expect((await read('/api/v1/designations/D-DE-E2E')).status).toBe('revoked');
    await expect.poll(() => page.locator('[data-facts="designation"] [data-status]').getAttribute('data-status')).toBe('revoked');
    const history = (await read('/api/v1/designations/D-DE-E2E/history')).items as { change: string }[];
    expect(history.map((h) => h.change)).toEqual(['created', 'revoked']);
    await expect.poll(() => page.locator('tr[data-revision]').count()).toBe(2);

    const after = await assess();
    // exactly the findings that rested on the designation are gone
    expect(after.findings.filter((f) => f.id.endsWith(':D-DE-E2E'))).toEqual([]);
    expect(after.run.findings).toBe(before.run.findings - resting.length);
    expect(new Set(after.findings.map((f) => f.id))).toEqual(new Set(before.findings.filter((f) => !f.id.endsWith(':D-DE-E2E')).map((f) => f.id)));
  });

  it('shows an operator the designations of its member state, without a way to revoke', async () => {
    await signIn(page, e, 'demo-operator');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    const api = (await read('/api/v1/designations?limit=500')).items as { designationId: string }[];
    await page.getByRole('link', { name: 'Designations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Designations' }).waitFor();
    if (api.length === 0) await page.getByText('No designation matches these filters in your scope.').waitFor();
    else await page.locator('tr[data-designation]').first().waitFor();
    expect((await page.locator('tr[data-designation]').evaluateAll((r) => r.map((x) => x.getAttribute('data-designation')))).sort()).toEqual(api.map((d) => d.designationId).sort());
    // an operator reads no profiles: the supplier page leaves that part out
    await page.goto('/suppliers/SUP-AURORA');
    await page.getByRole('heading', { level: 1, name: 'Supplier: Aurora Radio Systems' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Ownership and control' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Risk profiles' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Revoke…' }).count()).toBe(0);
  });

  it('shows a member state’s policy versions, their checks and the difference from the secure5g default', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    const versions = (await read('/api/v1/policies/DE/versions')).items as { version: string; inForce: boolean; policy: { thresholds: { operatorTopSupplierShare: number } } }[];
    const baseline = await read('/api/v1/policies/baseline');
    await page.getByRole('link', { name: 'National policies' }).click();
    await page.getByRole('heading', { level: 1, name: 'National policies' }).waitFor();
    const table = page.locator('table[data-table="policy-versions"]');
    await table.waitFor();
    expect(await table.locator('tbody tr').evaluateAll((r) => r.map((x) => x.getAttribute('data-version')))).toEqual(versions.map((v) => v.version));
    const current = versions.find((v) => v.inForce)!;
    await expect.poll(() => table.locator(`tr[data-version="${current.version}"] .badge`).textContent()).toBe('Valid');
    // against the default, labelled as not an EU rule: the threshold the demo policy sets, and the default's
    const diff = page.getByRole('table', { name: `Changes from secure5g default (not an EU rule) to ${current.version}` });
    await diff.waitFor();
    const share = diff.locator('tr[data-field="operatorTopSupplierShare"] td');
    expect(await share.nth(0).textContent()).toBe(nf(baseline.operatorTopSupplierShare));
    expect(await share.nth(1).textContent()).toBe(nf(current.policy.thresholds.operatorTopSupplierShare));
    expect(await diff.locator('thead th').nth(1).textContent()).toBe('secure5g default (not an EU rule)');
    await expectAccessible(page, 'policies');
    await screenshot(page, 'policies');

    // in French: the label, and the figures with a decimal comma
    await page.getByLabel('Language').selectOption('fr');
    const fr = page.getByRole('table', { name: `Changements de valeur par défaut de secure5g (pas une règle de l'UE) à ${current.version}` });
    await fr.waitFor();
    expect(await fr.locator('tr[data-field="operatorTopSupplierShare"] td').first().textContent()).toBe(new Intl.NumberFormat('fr').format(baseline.operatorTopSupplierShare));
    await expectAccessible(page, 'policies in French');
    await screenshot(page, 'policies-fr');
  });
});
