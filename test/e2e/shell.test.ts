import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, hasChromium, screenshot, freshPageEachTest, signIn, type E2E } from './harness.js';

/*
 * The interface's shell in a real browser: sign-in with a demo account, navigation by role, the
 * dashboard and assets pages against the API, French, sign-out, and a session that ends while a page
 * is open. Each page passes axe and is screenshotted (docs/ui.md).
 */

let e: E2E;
let page: Page;

describe.skipIf(!hasChromium)('web interface (chromium)', { timeout: 120_000 }, () => {
  freshPageEachTest({ started: (x) => (e = x), page: (p) => (page = p) });

  it('sends a visitor to sign-in, and a demo account in to the dashboard, whose figures are the API’s', async () => {
    await page.goto('/assets');
    await page.waitForURL(/\/sign-in\?next=%2Fassets/);
    await expect.poll(() => page.title()).toContain('Sign in');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');

    // a wrong password is said so, in the form
    await page.getByLabel('Username').fill('demo-authority-de');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong username or password');

    await signIn(page, e, 'demo-authority-de');
    // back where the visitor was going
    await page.waitForURL(/\/assets$/);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.locator('[data-figure="operators"] dd').waitFor({ timeout: 60_000 });
    const api = await (await page.request.get('/api/v1/dashboard')).json();
    expect(await page.locator('[data-figure="operators"] dd').textContent()).toBe(new Intl.NumberFormat('en').format(api.totals.operators));
    expect(await page.locator('[data-figure="findings"] dd').textContent()).toBe(new Intl.NumberFormat('en').format(api.totals.findings));
    expect(api.reach).toEqual({ level: 'member-state', memberState: 'DE' });
    // the chart's table alternative holds the same counts
    await page.getByText('Data of “Findings by severity” as a table').click();
    const high = page.locator('#main table').filter({ hasText: 'Severity' }).getByRole('row', { name: /^High/ });
    expect(await high.locator('td').textContent()).toBe(new Intl.NumberFormat('en').format(api.totals.bySeverity.high));
    await expectAccessible(page, 'dashboard');
    await screenshot(page, 'dashboard');
  });

  it('lists assets a page at a time, filtered in the URL', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.getByRole('link', { name: 'Assets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assets' }).waitFor();
    await page.getByRole('table', { name: 'Assets in your scope' }).waitFor();
    const total = (await (await page.request.get('/api/v1/assets?limit=1')).json()).total as number;
    expect(total).toBeGreaterThan(50);
    await expect.poll(() => page.getByText(/^Rows 1–50 of/).textContent()).toBe(`Rows 1–50 of ${new Intl.NumberFormat('en').format(total)}`);
    await expectAccessible(page, 'assets');
    await screenshot(page, 'assets');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => page.getByText(/^Rows 51–/).count()).toBe(1);
    await page.getByRole('search', { name: 'Filter assets' }).getByLabel('Segment').selectOption('core');
    await page.waitForURL(/segment=core/);
    const core = (await (await page.request.get('/api/v1/assets?limit=1&segment=core')).json()).total as number;
    await expect.poll(async () => (await page.locator('.pager span').first().textContent()) ?? '').toContain(`of ${new Intl.NumberFormat('en').format(core)}`);
  });

  it('offers each role only what it may do: the union analyst has no asset list', async () => {
    await signIn(page, e, 'demo-union-analyst');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    // suppliers are reference data every role reads (policy: suppliers.read); rows of a tenancy it never lists;
    // the Union view is its own (union.read), in the overview beside the dashboard
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'Union view', 'Suppliers']);
    await page.goto('/no-such-page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expectAccessible(page, 'not found');
    await screenshot(page, 'not-found');
  });

  it('switches to French: strings, <html lang>, numbers and dates', async () => {
    await signIn(page, e, 'demo-admin');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(1);
    await page.locator('[data-figure="quantity"] dd').waitFor({ timeout: 60_000 });
    const api = await (await page.request.get('/api/v1/dashboard')).json();
    // French groups thousands with a narrow no-break space
    expect(await page.locator('[data-figure="quantity"] dd').textContent()).toBe(new Intl.NumberFormat('fr').format(api.totals.quantity));
    expect(api.totals.quantity).toBeGreaterThan(999);
    await expectAccessible(page, 'dashboard (fr)');
    await screenshot(page, 'dashboard-fr');
    // the choice is kept for the next visit
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  });

  it('the member-state dashboard: a run assessed from the page, its figures the API’s, each opening its explanation', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.getByRole('link', { name: 'Risk and findings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Risk and findings: DE' }).waitFor();
    if ((await (await page.request.get('/api/v1/assessments?limit=1')).json()).total === 0) {
      await page.getByText('No assessment of your scope is stored yet.').waitFor();
      await page.getByRole('button', { name: 'Assess now' }).click();
    }
    await page.getByRole('table', { name: 'Risk level as likelihood × impact, inherent and residual' }).waitFor({ timeout: 60_000 });
    const run = (await (await page.request.get('/api/v1/assessments?limit=1')).json()).items[0];
    const id = run.assessmentId as string;
    const en = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
    // findings by severity: the run's own counts in the scope
    await page.locator('[data-severity="high"] dd').waitFor();
    expect(await page.locator('[data-severity="high"] dd').textContent()).toBe(en.format(run.bySeverity.high));
    // R1–R9: the member-state rows of the run, inherent and residual as level (L × I)
    const risks = (await (await page.request.get(`/api/v1/assessments/${id}/risks?limit=1000`)).json()).items.filter((r: { scope: string }) => r.scope === 'member-state');
    expect(risks.length).toBe(9);
    const LEVEL: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', 'very-high': 'Very high' };
    for (const r of risks) {
      const cells = page.locator(`[data-risk="${r.riskArea}"] td button`);
      expect(await cells.nth(0).innerText()).toContain(`${LEVEL[r.level]} (${r.likelihood} × ${r.impact})`);
      expect(await cells.nth(1).innerText()).toContain(`${LEVEL[r.residualLevel]} (${r.residualLikelihood} × ${r.residualImpact})`);
    }
    // HHI per segment, and the explanation behind one figure
    const core = (await (await page.request.get(`/api/v1/assessments/${id}/metrics?kind=concentration&scopeLevel=member-state&limit=1000`)).json()).items.find(
      (c: { segment: string }) => c.segment === 'core',
    );
    const hhi = page.locator('[data-segment="core"] td button');
    expect(await hhi.innerText()).toContain(en.format(core.hhi));
    await hhi.click();
    expect(await hhi.getAttribute('aria-expanded')).toBe('true');
    await page.getByText(core.explanation.formula).waitFor();
    await page.getByText(core.explanation.text).waitFor();
    await expectAccessible(page, 'risk and findings');
    await screenshot(page, 'risk');
  });

  it('signs out: the session ends on the server too', async () => {
    await signIn(page, e, 'demo-operator');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
    await page.goto('/');
    await page.waitForURL(/\/sign-in\?next=%2F$/);
  });

  it('a session that ends while a page is open sends the user to sign in, and back to the same place after', async () => {
    await signIn(page, e, 'demo-authority-de');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.goto('/assets?segment=ran');
    await page.getByRole('table', { name: 'Assets in your scope' }).waitFor();
    // the session ends (expired, or revoked by an administrator): the server no longer knows it
    const cookies = await e.context.cookies();
    const session = cookies.find((c) => c.name === 'secure5g_session')!;
    await e.context.clearCookies();
    await e.context.addCookies([{ ...session, value: 'ended' }, ...cookies.filter((c) => c.name !== 'secure5g_session')]);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/\/sign-in\?next=%2Fassets%3Fsegment%3Dran%26page%3D2&expired=1$/);
    await page.getByText('Your session has ended').waitFor();
    await screenshot(page, 'sign-in-expired');
    await signIn(page, e, 'demo-authority-de');
    await page.waitForURL(/\/assets\?segment=ran&page=2$/);
    await page.getByRole('table', { name: 'Assets in your scope' }).waitFor();
  });
});
