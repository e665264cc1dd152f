import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, hasChromium, screenshot, freshPageEachTest, signIn, type E2E } from './harness.js';

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

const post = async (path: string, body: unknown) => {
  const csrf = (await e.context.cookies()).find((c) => c.name === 'secure5g_csrf')!.value;
  const r = await page.request.post(path, { data: body as object, headers: { 'x-csrf-token': csrf } });
  expect(r.status(), path).toBe(200);
  return r.json();
};
/** the figure a button shows, without the words for screen readers that follow it */
const shown = async (button: ReturnType<Page['locator']>) => ((await button.textContent()) ?? '').split(' — ')[0]!.trim();
const one = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

describe.skipIf(!hasChromium)('measures, scenarios and registers pages (chromium)', { timeout: 180_000 }, () => {
  freshPageEachTest({ started: (x) => (e = x), page: (p) => (page = p) });

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

  it('an operator sees its own column only, the administrator picks a member state, the auditor reads without a form', async () => {
    await signIn(page, e, 'demo-operator');
    await page.getByRole('link', { name: 'Measures' }).click();
    const matrix = page.getByRole('table', { name: 'Implementation status of each measure (rows) at each scope (columns)' });
    await matrix.waitFor();
    expect(await matrix.locator('thead th').allInnerTexts()).toEqual(['Measure', 'OP-DE-1 · Gavotta Mobil']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);

    // the administrator reaches every member state: it picks one, and the columns are that state's operators
    await signIn(page, e, 'demo-admin');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Measures' }).click();
    await matrix.waitFor();
    await page.getByLabel('Member state', { exact: true }).selectOption('FR');
    await page.waitForURL(/memberState=FR/);
    const fr = (await get('/api/v1/operators?memberState=FR&limit=1000')).items as { operatorId: string; name: string }[];
    expect(fr.length).toBeGreaterThan(0);
    await expect.poll(() => matrix.locator('thead th').allInnerTexts()).toEqual(['Measure', 'FR (member state)', ...fr.map((o) => `${o.operatorId} · ${o.name}`)]);
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

  it('builds two scenarios (a form and a file), saves and runs them, and compares them; every figure is the API’s', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.getByRole('link', { name: 'Scenarios' }).click();
    await page.getByRole('heading', { level: 1, name: 'What-if scenarios' }).waitFor();

    // A, from the form: SUP-BOREALIS out of the RAN within 12 months
    await page.getByLabel('Name', { exact: true }).fill('e2e-borealis-out');
    await page.getByLabel('Version', { exact: true }).fill('1');
    await page.getByLabel('Start date (month 1)').fill('2027-01-01');
    await page.getByLabel('Horizon in months').fill('24');
    await page.locator('#main').getByLabel('Suppliers', { exact: true }).selectOption(['SUP-BOREALIS']);
    await page.getByLabel('Transition in months').fill('12');
    await page.getByLabel('Share allowed (%)').fill('0');
    await page.getByRole('button', { name: 'Use this scenario' }).click();
    await page.getByText('Scenario e2e-borealis-out@1 ready').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as e2e-borealis-out@1.').waitFor();

    // B, from a file: the same supplier capped at 35 % of the RAN
    const dir = mkdtempSync(join(tmpdir(), 'secure5g-scenario-'));
    const file = join(dir, 'borealis-cap.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'e2e-borealis-cap', version: '1', start_date: '2027-01-01', horizon_months: 24, restrictions: [{ id: 'cap', suppliers: ['SUP-BOREALIS'], segments: ['ran'], transition_months: 12, max_share: 0.35 }] }),
    );
    await page.getByLabel('Scenario file (JSON)').setInputFiles(file);
    await page.getByText('Scenario e2e-borealis-cap@1 ready').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as e2e-borealis-cap@1.').waitFor();
    // both are listed as saved
    await page.locator('tr[data-scenario="e2e-borealis-cap@1"]').waitFor();
    await page.locator('tr[data-scenario="e2e-borealis-out@1"]').waitFor();

    // run A: its headline figures, a month of the chart's table, concentration and e-waste, as the API answers
    await page.getByRole('button', { name: 'Run e2e-borealis-out@1' }).click();
    const run = page.locator('[data-run="e2e-borealis-out@1"]');
    await run.waitFor({ timeout: 60_000 });
    const a = await post('/api/v1/scenarios/e2e-borealis-out/simulations?version=1', {});
    expect(a.totals.unitsRequired).toBeGreaterThan(0);
    expect(await shown(run.locator('[data-total="unitsRequired"] button'))).toBe(one.format(a.totals.unitsRequired));
    expect(await shown(run.locator('[data-total="spendEur"] button'))).toBe(`${en.format(a.totals.spendEur)} EUR`);
    expect(await shown(run.locator('[data-total="operatorsMissingDeadline"] button'))).toBe(en.format(a.totals.operatorsMissingDeadline));
    await run.locator('[data-total="unitsRequired"] button').click();
    await run.getByText(a.totals.explanation.text).waitFor();
    await run.getByText('Data of “Units swapped and spend, month by month” as a table').click();
    const busiest = (a.timeline.series.union.swapped as number[]).indexOf(Math.max(...a.timeline.series.union.swapped));
    const month = run.getByRole('row', { name: new RegExp(`^${a.timeline.months[busiest]}`) });
    expect(await month.locator('td').allInnerTexts()).toEqual([
      one.format(a.timeline.series.union.toSwap[busiest]),
      one.format(a.timeline.series.union.swapped[busiest]),
      one.format(a.timeline.series.union.nonCompliant[busiest]),
      `${en.format(a.timeline.series.union.spendEur[busiest])} EUR`,
      `${en.format(a.timeline.series.union.cumulativeSpendEur[busiest])} EUR`,
    ]);
    const ran = a.concentration.find((c: { scope: string; segment: string }) => c.scope === 'union' && c.segment === 'ran');
    const ranRow = run.locator('tr[data-concentration="union|||ran"]');
    expect(await ranRow.locator('td').nth(1).innerText()).toBe(en.format(ran.before.hhi));
    expect(await shown(ranRow.locator('td').nth(2).getByRole('button'))).toBe(en.format(ran.after.hhi));
    expect(await shown(run.locator('[data-twin-figure="eWasteKg"] button'))).toBe(`${en.format(a.twinTransition.union.eWasteKg)} kg`);
    await expectAccessible(page, 'scenarios (a run)');
    await screenshot(page, 'scenarios');

    // compare A and B side by side
    await page.getByLabel('Compare e2e-borealis-out@1').check();
    await page.getByLabel('Compare e2e-borealis-cap@1').check();
    await page.getByRole('button', { name: 'Compare the chosen scenarios (2)' }).click();
    const table = page.getByRole('table', { name: 'Headline figures of each scenario over your scope' });
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Figure', 'Unit', 'e2e-borealis-out@1', 'e2e-borealis-cap@1']);
    const c = await post('/api/v1/simulations/compare', { scenarios: [{ name: 'e2e-borealis-out', version: '1' }, { name: 'e2e-borealis-cap', version: '1' }] });
    const b = await post('/api/v1/scenarios/e2e-borealis-cap/simulations?version=1', {});
    // second method: the comparison's columns are the runs alone; a cap at 35 % requires less than a phase-out
    const required = c.rows.find((r: { metric: string }) => r.metric === 'unitsRequired').values;
    expect(required).toEqual([a.totals.unitsRequired, b.totals.unitsRequired]);
    expect(required[1]).toBeLessThan(required[0]);
    for (const metric of ['unitsRequired', 'spendEur', 'eWasteKg', 'criticalExposureAfter']) {
      const row = c.rows.find((r: { metric: string }) => r.metric === metric);
      const cells = table.locator(`tr[data-metric="${metric}"] td button`);
      const fmt = (v: number) => (row.unit === 'share' ? new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(v) : one.format(v));
      expect([await shown(cells.nth(0)), await shown(cells.nth(1))], metric).toEqual(row.values.map(fmt));
    }
    await expectAccessible(page, 'scenarios (compared)');
    await page.getByRole('heading', { level: 2, name: 'Scenarios side by side' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'scenarios-compare');
  });

  it('lists screening cases with their deadlines (overdue said in words) and review flags, and keeps a funding check; operators have no registers', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.getByRole('link', { name: 'Registers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registers' }).waitFor();
    // the demo's DE case was received on 2026-11-10: 35 days give the comment deadline 2026-12-15 (worked by hand)
    await page.getByLabel('Deadlines as of').fill('2026-12-01');
    await page.waitForURL(/date=2026-12-01/);
    const row = page.locator('tr[data-case="FDI-DE-2026-1"]');
    await expect.poll(() => row.locator('td.phase').innerText()).toBe('Open: 14 day(s) left');
    expect(await row.locator('td').nth(4).innerText()).toBe('Dec 15, 2026');
    await page.getByLabel('Deadlines as of').fill('2027-01-01');
    await page.waitForURL(/date=2027-01-01/);
    await expect.poll(() => row.locator('td.phase').innerText()).toBe('Overdue by 17 day(s)');
    await page.getByText('1 of 1 case(s) overdue').waitFor();
    const api = (await get('/api/v1/screening-cases?date=2027-01-01')).items;
    expect(api.map((c: { case: { caseId: string }; screening: { phase: string; daysRemaining: number; commentDeadline: string } }) => [c.case.caseId, c.screening.phase, c.screening.daysRemaining, c.screening.commentDeadline])).toEqual([
      ['FDI-DE-2026-1', 'overdue', -17, '2026-12-15'],
    ]);
    // the profile the case flags for review
    const flags = (await get('/api/v1/screening-cases/review-flags?date=2027-01-01')).suppliers;
    expect(flags.map((s: { supplierId: string }) => s.supplierId)).toEqual(['SUP-DRIFTMARK']);
    expect(await page.locator('[data-review="SUP-DRIFTMARK"]').innerText()).toContain('Driftmark Radio (SUP-DRIFTMARK)');

    // a funding check of a DE project: DE has no designation in the demo, so nothing can make it ineligible
    expect((await get('/api/v1/designations?memberState=DE')).total).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'secure5g-project-'));
    const file = join(dir, 'project.json');
    writeFileSync(
      file,
      JSON.stringify({ project_id: 'PRJ-E2E-1', title: 'Rural coverage (e2e)', operator_id: 'OP-DE-2', member_state: 'DE', planned_date: '2027-06-01', assets: [{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-BOREALIS', quantity: 12 }] }),
    );
    await page.getByLabel('Check a project (JSON file)').setInputFiles(file);
    await page.getByText('PRJ-E2E-1 checked: Eligible.').waitFor();
    const check = page.locator('tr[data-check="PRJ-E2E-1"]');
    await check.waitFor();
    expect(await check.locator('td.verdict').innerText()).toBe('Eligible');
    const kept = (await get('/api/v1/funding-checks?projectId=PRJ-E2E-1')).items;
    expect(kept.map((c: { result: { verdict: string }; dateUsed: string }) => [c.result.verdict, c.dateUsed])).toEqual([['eligible', '2027-06-01']]);
    await expectAccessible(page, 'registers');
    await screenshot(page, 'registers');

    // an operator reads neither register: no link, and the page says so
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await signIn(page, e, 'demo-operator');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Registers' }).count()).toBe(0);
    await page.goto('/registers');
    await page.getByText('Your role or scope does not allow this.').waitFor();
    expect(await page.locator('tr[data-case]').count()).toBe(0);
    expect((await page.request.get('/api/v1/screening-cases')).status()).toBe(403);
  });
});
