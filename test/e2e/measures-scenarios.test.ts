import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectAccessible, hasChromium, screenshot, signIn, startE2E, type E2E } from './harness.js';

/*
 * The measures, scenarios and registers pages in a real browser, against the demo: an implementation
 * status recorded with its evidence and seen in the matrix; scenarios built, run and compared with their
 * figures checked against the API's own answers; screening cases and funding checks, and the navigation
 * following the policy. Each page passes axe and is screenshotted (docs/ui.md).
 */

let e: E2E;
let page: Page;
const en = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const get = async (path: string) => {
  const r = await page.request.get(path);
  expect(r.status(), path).toBe(200);
  return r.json();
};

describe.skipIf(!hasChromium)('measures, scenarios and registers pages (chromium)', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    e = await startE2E();
  }, 180_000);
  afterAll(async () => e?.close());
  beforeEach(async () => {
    await e.context.clearCookies();
    page = await e.context.newPage();
    await page.goto('/sign-in');
    await page.evaluate("localStorage.setItem('secure5g.language', 'en')");
    await page.reload();
    return async () => {
      await page.close();
      expect(e.cspViolations, 'Content-Security-Policy violations').toEqual([]);
    };
  });

  it('records an implementation status with evidence and shows it in the matrix, with the contradictions of the latest run', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.getByRole('link', { name: 'Measures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Measures' }).waitFor();
    const matrix = page.getByRole('table', { name: 'Implementation status of each measure (rows) at each scope (columns)' });
    await matrix.waitFor();
    // the columns: DE and its three operators (the demo's), nothing of another member state
    const headers = await matrix.locator('thead th').allInnerTexts();
    expect(headers).toEqual(['Measure', 'DE (member state)', 'OP-DE-1 · Gavotta Mobil', 'OP-DE-2 · Xerolin Mobile', 'OP-DE-3 · Pelagon Automotive Plant 5G']);
    // 29 measures, each a row
    expect(await matrix.locator('tbody tr[data-measure]').count()).toBe(29);

    // the seed states SM01 not planned for DE (history has one row)
    const before = await get('/api/v1/implementation/history?measure=SM01&scope=ms:DE');
    expect(before.items.at(-1).status).toBe('not-planned');
    const cell = matrix.locator('tr[data-measure="SM01"] td[data-scope="ms:DE"]');
    expect(await cell.getByRole('button').first().innerText()).toBe('Not planned');

    // the contradictions of the latest stored run are marked where the API puts them
    const run = (await get('/api/v1/assessments?limit=1')).items[0];
    const contradictions = (await get(`/api/v1/assessments/${run.assessmentId}/contradictions?memberState=DE&limit=1000`)).items as {
      measure: string;
      scope: string;
      memberState: string;
      operatorId?: string;
      findings: number;
    }[];
    expect(contradictions.length).toBeGreaterThan(0);
    await matrix.locator('.contradiction').first().waitFor();
    expect(await matrix.locator('.contradiction').count()).toBe(contradictions.length);
    for (const c of contradictions) {
      const key = c.scope === 'operator' ? `op:${c.operatorId}` : `ms:${c.memberState}`;
      const where = matrix.locator(`tr[data-measure="${c.measure}"] td[data-scope="${key}"]`);
      // a contradiction is a status declared in place
      expect(await where.getByRole('button').first().innerText()).toBe('In place');
      expect(await where.locator('.contradiction').innerText()).toBe(`Contradicted by open findings: ${en.format(c.findings)}`);
    }
    await expectAccessible(page, 'measures');
    await screenshot(page, 'measures');

    // record SM01 in place, with its evidence
    await cell.getByRole('button').first().click();
    await page.getByRole('heading', { level: 2, name: 'SM01 at DE (member state)' }).waitFor();
    await page.getByRole('table', { name: /Every status recorded for SM01/ }).waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('in-place');
    await page.getByLabel('Evidence').fill('Telecommunications security act, section 9 (in force 2026-11-01)');
    await page.getByLabel('Recorded on').fill('2026-12-01');
    await page.getByRole('button', { name: 'Record status' }).click();
    await page.getByText('Status recorded.').waitFor();
    // the matrix follows, and the history shows the new row first
    await expect.poll(() => cell.getByRole('button').first().innerText()).toBe('In place');
    const history = page.getByRole('table', { name: /Every status recorded for SM01/ });
    await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
    expect(await history.locator('tbody tr').first().innerText()).toContain('Telecommunications security act, section 9');
    await expectAccessible(page, 'measures (editing)');
    await screenshot(page, 'measures-edit');

    // the API holds it, and the Union matrix (member state × measure) shows it for DE
    const after = await get('/api/v1/implementation/history?measure=SM01&scope=ms:DE');
    expect(after.total).toBe(before.total + 1);
    expect(after.items.at(-1)).toMatchObject({ status: 'in-place', evidence: 'Telecommunications security act, section 9 (in force 2026-11-01)', recordedOn: '2026-12-01', source: 'api' });
    const union = await get('/api/v1/implementation/matrix');
    const de = union.rows.find((r: { memberState: string }) => r.memberState === 'DE');
    expect(de.cells.find((c: { measure: string }) => c.measure === 'SM01').status).toBe('in-place');
  });

  it('an operator sees and edits its own column only; an auditor of the member state reads without a form', async () => {
    await signIn(page, e, 'demo-operator');
    await page.getByRole('link', { name: 'Measures' }).click();
    const matrix = page.getByRole('table', { name: 'Implementation status of each measure (rows) at each scope (columns)' });
    await matrix.waitFor();
    expect(await matrix.locator('thead th').allInnerTexts()).toEqual(['Measure', 'OP-DE-1 · Gavotta Mobil']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);

    await signIn(page, e, 'demo-auditor');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const actions = (await get('/api/v1/auth/me')).actions as string[];
    if (actions.includes('implementation.read')) {
      await page.getByRole('link', { name: 'Measures' }).click();
      await matrix.waitFor();
      await matrix.locator('tr[data-measure="SM02"] td').first().getByRole('button').first().click();
      await page.getByText('Your role reads implementation status; it does not record it.').waitFor();
      expect(await page.getByRole('button', { name: 'Record status' }).count()).toBe(0);
    } else {
      expect(await page.getByRole('link', { name: 'Measures' }).count()).toBe(0);
    }
  });
});
