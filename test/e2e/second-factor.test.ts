import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../second-factor/reference-totp.js';
import { expectAccessible, hasChromium, screenshot, signIn, startE2E, type E2E } from './harness.js';

/*
 * The second factor in a real browser, on a server that requires one of admins (--require-2fa admin):
 * the demo admin signs in, is sent to the account page, enrols with the key the page shows, confirms
 * with a code computed here (the tests' own TOTP), sees the recovery codes once, reaches the rest of the
 * interface, signs out, and signs in again with a fresh code at the sign-in page's code step.
 */

let e: E2E;
let page: Page;

/** each code of a later step than the one before, as the server refuses a code twice */
let last = -Infinity;
function nextCode(key: Buffer): string {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now - 1, last + 1);
  if (step > now + 1) throw new Error('no fresh code in the window');
  last = step;
  return totp(key, step * 30_000);
}

describe.skipIf(!hasChromium)('second factor (chromium)', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    e = await startE2E({ requireSecondFactor: ['admin'] });
    page = await e.context.newPage();
    await page.goto('/sign-in');
    await page.evaluate("localStorage.setItem('secure5g.language', 'en')");
    await page.reload();
  }, 240_000);
  afterAll(async () => {
    await page?.close();
    await e?.close();
  });

  it('enrols in the account page the shell sends an admin to, then signs in with a code', async () => {
    await signIn(page, e, 'demo-admin');
    // the shell sends the user to enrolment: nothing else answers this session yet
    await page.waitForURL(/\/account$/);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('requires your role to use a second factor');
    expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    await expectAccessible(page, 'account (second factor off)');

    await page.getByLabel('Your password').fill(e.accounts['demo-admin']!);
    await page.getByRole('button', { name: 'Set up a second factor' }).click();
    const shown = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
    const uri = await page.locator('a.otpauth-uri').getAttribute('href');
    expect(new URL(uri!).searchParams.get('secret')).toBe(shown);
    expect(uri).toMatch(/^otpauth:\/\/totp\/secure5g:demo-admin\?/);
    await expectAccessible(page, 'account (enrolling)');
    await screenshot(page, 'account-enrol');
    const key = base32Decode(shown);

    // a wrong code is said so, and confirms nothing
    await page.getByLabel('Code from the app').fill('000000' === totp(key, Date.now()) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That code is not valid');
    await page.getByLabel('Code from the app').fill(nextCode(key));
    await page.getByRole('button', { name: 'Confirm' }).click();

    const codes = page.getByTestId('recovery-codes').locator('code');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    const recovery = await codes.allTextContents();
    for (const c of recovery) expect(c).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    await expectAccessible(page, 'account (recovery codes)');
    await screenshot(page, 'account-recovery-codes');
    await page.getByRole('button', { name: 'I have kept them' }).click();
    await expect.poll(() => page.getByTestId('second-factor-state').textContent()).toMatch(/^On since/);
    expect(await page.getByText('Recovery codes left: 10 of 10.').count()).toBe(1);
    // the rest of the interface is open now
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText('Recovery codes left').waitFor();
    await expectAccessible(page, 'account (second factor on)');
    await screenshot(page, 'account');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await signIn(page, e, 'demo-admin');
    // the server asks for the code: the field appears, with focus
    const field = page.getByLabel('Authentication code');
    await field.waitFor();
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('name')")).toBe('code');
    await expectAccessible(page, 'sign-in (code step)');
    await screenshot(page, 'sign-in-code');
    await field.fill('123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That code is not valid');
    await field.fill(nextCode(key));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    // and a recovery code in the same field, once
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await signIn(page, e, 'demo-admin');
    await field.fill(recovery[0]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(e.cspViolations, 'Content-Security-Policy violations').toEqual([]);
  });
});
