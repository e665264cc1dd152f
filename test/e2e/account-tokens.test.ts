import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasChromium, screenshot, signIn, startE2E, type E2E } from './harness.js';

/*
 * Your own API tokens on the account page, as the demo operator (not an administrator): create one,
 * read its secret the once it is shown, call the API with it and get the operator's own assets, revoke
 * it on the page (after the question), and the same call is refused.
 */

let e: E2E;
let page: Page;

describe.skipIf(!hasChromium)('account page: your API tokens (chromium)', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    e = await startE2E();
    page = await e.context.newPage();
    await page.goto('/sign-in');
    await page.evaluate("localStorage.setItem('secure5g.language', 'en')");
    await page.reload();
  }, 240_000);
  afterAll(async () => {
    await page?.close();
    await e?.close();
  });

  it('creates a token, shows its secret once, the API answers it, and revoking it ends it', async () => {
    await signIn(page, e, 'demo-operator');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    // an operator has no administrators' tokens page
    expect(await page.getByRole('link', { name: 'API tokens' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const section = page.locator('section[aria-labelledby="api-tokens-title"]');
    await section.getByRole('heading', { level: 2, name: 'Your API tokens' }).waitFor();
    await section.getByText('You have no API token.').waitFor();

    await section.getByLabel('Name').fill('e2e-operator-read');
    // an operator may write some things, so both accesses are offered; this one reads
    expect(await section.getByLabel('Access').locator('option').allTextContents()).toEqual(['Read only', 'Read and write']);
    await section.getByLabel('Valid for (days)').fill('30');
    await section.getByRole('button', { name: 'Create the token' }).click();
    const secretField = section.getByLabel('Secret');
    await secretField.waitFor();
    await section.getByText('This secret will not be shown again.').waitFor();
    // focus moves to the secret as it appears
    await expect.poll(() => page.evaluate("document.activeElement?.classList.contains('secret')")).toBe(true);
    const secret = await secretField.inputValue();
    expect(secret.length).toBeGreaterThan(20);

    const table = section.getByRole('table', { name: 'Your API tokens' });
    const row = table.getByRole('row').filter({ hasText: 'e2e-operator-read' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('Read only');
    expect(cells[3]).toBe('Never');
    expect(cells[4]).toBe('Active');
    // 30 days from creation, as the form asked (the API's own record of the token)
    const listed = (await (await page.request.get('/api/v1/tokens')).json()) as { items: { name: string; createdAt: string; expiresAt: string }[] };
    const made = listed.items.find((k) => k.name === 'e2e-operator-read')!;
    expect(Date.parse(made.expiresAt) - Date.parse(made.createdAt)).toBe(30 * 86_400_000);
    await expectAccessible(page, 'account (token secret shown)');
    await screenshot(page, 'account-tokens');

    // the secret opens a read route in the operator's scope: the same assets its session sees
    const bySession = await (await page.request.get('/api/v1/assets?limit=1000')).json();
    const byToken = await fetch(`${e.url}/api/v1/assets?limit=1000`, { headers: { authorization: `Bearer ${secret}` } });
    expect(byToken.status).toBe(200);
    const body = (await byToken.json()) as { items: { assetId: string }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.map((a: { assetId: string }) => a.assetId)).toEqual(bySession.items.map((a: { assetId: string }) => a.assetId));
    const me = await (await fetch(`${e.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } })).json();
    expect(me).toMatchObject({ via: 'token', user: { username: 'demo-operator' } });

    // shown once: put away, and not there after a reload either
    await section.getByRole('button', { name: 'I have copied it' }).click();
    expect(await section.getByLabel('Secret').count()).toBe(0);
    await page.reload();
    await row.waitFor();
    expect(await page.getByText(secret).count()).toBe(0);
    expect(await page.locator(`input[value="${secret}"]`).count()).toBe(0);
    // the call above is the token's last use
    await expect.poll(async () => (await row.locator('td').nth(3).textContent()) !== 'Never').toBe(true);

    // revoking asks first; keeping it changes nothing
    await row.getByRole('button', { name: 'Revoke e2e-operator-read' }).click();
    await row.getByText('Programs using it stop working at once').waitFor();
    await row.getByRole('button', { name: 'Keep it' }).click();
    expect(await row.locator('td').nth(4).textContent()).toBe('Active');
    await row.getByRole('button', { name: 'Revoke e2e-operator-read' }).click();
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Yes, revoke e2e-operator-read');
    await expectAccessible(page, 'account (revoke question)');
    await row.getByRole('button', { name: 'Yes, revoke e2e-operator-read' }).click();
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('Revoked');
    await section.getByText('Token e2e-operator-read revoked: it no longer opens the API.').waitFor();
    expect(await row.getByRole('button').count()).toBe(0);

    const refused = await fetch(`${e.url}/api/v1/assets?limit=1000`, { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);
    expect(e.cspViolations).toEqual([]);
  });
});
