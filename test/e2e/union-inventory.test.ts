import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, hasChromium, screenshot, freshPageEachTest, signIn, type E2E } from './harness.js';

/*
 * The Union view, the dashboard's explanations and the inventory's order, columns, export and asset page
 * in a real browser, each checked against the API's own answer. Screenshots: union.png,
 * dashboard-explained.png, assets-sorted.png, asset-detail.png (docs/ui.md).
 */

let e: E2E;
let page: Page;
const en = (n: number) => new Intl.NumberFormat('en').format(n);

describe.skipIf(!hasChromium)('Union view, dashboard explanations, inventory (chromium)', { timeout: 180_000 }, () => {
  freshPageEachTest({ started: (x) => (e = x), page: (p) => (page = p), forget: ['secure5g.assets.columns'] });

  it('shows the union analyst every member state’s matrix row, status in words, as the API gives it', async () => {
    await signIn(page, e, 'demo-union-analyst');
    await page.getByRole('link', { name: 'Union view' }).click();
    await page.getByRole('heading', { level: 1, name: 'Union view' }).waitFor();
    const table = page.getByRole('table', { name: /Implementation status of each measure/ });
    await table.waitFor({ timeout: 60_000 });
    const m = await (await page.request.get('/api/v1/union/implementation-matrix')).json();
    expect(await table.locator('tbody tr').count()).toBe(m.rows.length);
    const first = m.rows[0];
    const cell = first.cells[0];
    const shown = table.locator(`tr[data-member-state="${first.memberState}"] td[data-measure="${cell.measure}"] .visually-hidden`);
    const words: Record<string, string> = { 'in-place': 'In place', 'in-progress': 'In progress', planned: 'Planned', 'not-planned': 'Not planned', 'not-applicable': 'Not applicable', 'not-recorded': 'Not recorded' };
    expect(await shown.textContent()).toBe(words[cell.status]);
    // the ranked concentration: its table alternative holds the API's member states
    await page.locator('#concentration-title').waitFor();
    // the figures come from the dashboard's assessment: 503 until its first computation is done
    await expect.poll(async () => (await page.request.get('/api/v1/union/concentration')).status(), { timeout: 90_000 }).toBe(200);
    const conc = await (await page.request.get('/api/v1/union/concentration')).json();
    await page.locator('#main').getByText(/Data of “Supplier concentration \(HHI\)/).click();
    const ranRows = conc.memberStates.filter((x: { concentration: { segment: string }[] }) => x.concentration.some((c) => c.segment === 'ran')).length;
    expect(await page.locator('section[aria-labelledby="concentration-title"] details table tbody tr').count()).toBe(ranRows);
    await expectAccessible(page, 'union');
    await screenshot(page, 'union');
  });

  it('opens a dashboard figure’s explanation, whose inputs are the API’s', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const hhi = page.locator('table[data-table="hhi"] tr[data-segment="ran"] button.figure-button');
    await hhi.waitFor({ timeout: 90_000 });
    await hhi.click();
    const d = await (await page.request.get('/api/v1/dashboard')).json();
    const ran = d.concentration.find((c: { scope: string; segment: string }) => c.scope === 'member-state' && c.segment === 'ran');
    const panel = page.locator('table[data-table="hhi"] tr[data-segment="ran"] .explain');
    expect(await panel.locator('p').first().textContent()).toBe(ran.explanation.text);
    expect(await panel.locator('dd').first().textContent()).toBe(String(Object.values(ran.explanation.inputs)[0]));
    await expectAccessible(page, 'dashboard explained');
    await screenshot(page, 'dashboard-explained');
  });

  it('sorts the assets on the server, keeps the columns chosen, exports the filter and opens an asset', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.getByRole('link', { name: 'Assets' }).click();
    const table = page.getByRole('table', { name: 'Assets in your scope' });
    await table.waitFor({ timeout: 60_000 });
    await table.getByRole('button', { name: /Quantity/ }).click();
    await page.waitForURL(/sort=quantity/);
    await table.getByRole('button', { name: /Quantity/ }).click();
    await page.waitForURL(/order=desc/);
    const api = await (await page.request.get('/api/v1/assets?sort=quantity&order=desc&limit=50')).json();
    await expect.poll(() => table.locator('tbody tr').first().locator('td').first().textContent()).toBe(api.items[0].assetId);
    expect(await table.locator('th[aria-sort="descending"]').textContent()).toContain('Quantity');
    // columns: add the region, and it stays after a reload
    await page.locator('summary', { hasText: 'Columns shown' }).click();
    await page.getByRole('group').getByLabel('Region').check();
    await table.locator('th', { hasText: 'Region' }).waitFor();
    await page.reload();
    await page.getByRole('table', { name: 'Assets in your scope' }).locator('th', { hasText: 'Region' }).waitFor({ timeout: 60_000 });
    // the export link carries the filter, and the server answers CSV for it
    await page.getByRole('search', { name: 'Filter assets' }).getByLabel('Segment').selectOption('core');
    await page.waitForURL(/segment=core/);
    const link = page.getByRole('link', { name: 'Export as CSV' });
    await expect.poll(() => link.getAttribute('href')).toBe('/api/v1/assets/export?segment=core');
    const href = await link.getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const core = (await (await page.request.get('/api/v1/assets?segment=core&limit=1')).json()).total as number;
    expect((await csv.text()).trim().split('\n').length - 1).toBe(core);
    await expectAccessible(page, 'assets sorted');
    await screenshot(page, 'assets-sorted');

    // the asset page: fields, criticality with its explanation
    const id = (await page.getByRole('table', { name: 'Assets in your scope' }).locator('tbody tr a').first().textContent())!;
    await page.getByRole('link', { name: id, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Asset ${id}` }).waitFor();
    const ctx = await (await page.request.get(`/api/v1/assets/${encodeURIComponent(id)}/context`)).json();
    const crit = page.locator('[data-fact="criticality"] button.figure-button');
    await crit.waitFor();
    expect((await crit.textContent())!.toLowerCase()).toContain(ctx.criticality.level);
    await crit.click();
    expect(await page.locator('[data-fact="criticality"] .explain p').first().textContent()).toBe(ctx.criticality.explanation.text);
    expect(await page.getByText(en(ctx.findings.length) === '0' ? /found nothing|No assessment/ : /Findings on this asset/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'asset detail');
    await screenshot(page, 'asset-detail');
  });
});
