import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, hasChromium, screenshot, freshPageEachTest, signIn, type E2E } from './harness.js';

/*
 * Imports and administration in a real browser: a CSV with one bad row shows the error against that
 * row, a good file's job runs to its end and is in the log; an administrator creates a user of every
 * role, each signs in and sees the navigation its actions allow, and the audit trail lists the
 * creations and verifies. Each page passes axe and is screenshotted (docs/ui.md).
 */

let e: E2E;
let page: Page;
const files = mkdtempSync(join(tmpdir(), 'secure5g-e2e-files-'));

const OPERATORS = 'operator_id,name,member_state,kind\n';

/** The navigation entries these pages add or rely on, and the action each needs (src/server/policy.ts). */
const NAV: Record<string, string> = {
  Dashboard: 'dashboard.read',
  'Risk and findings': 'assessments.read',
  Assets: 'assets.read',
  Measures: 'implementation.read',
  Imports: 'imports.read',
  'Users and roles': 'users.manage',
  'API tokens': 'tokens.manage',
  'Audit trail': 'audit.read',
};

async function signInAs(p: Page, username: string, password: string) {
  await p.goto('/sign-in');
  await p.getByLabel('Username').fill(username);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('navigation', { name: 'Main' }).waitFor();
}

describe.skipIf(!hasChromium)('imports and administration (chromium)', { timeout: 180_000 }, () => {
  freshPageEachTest({ started: (x) => (e = x), page: (p) => (page = p) });

  it('shows a bad row’s error against its row, and a good import runs to its end and is logged', async () => {
    await signIn(page, e, 'demo-admin');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await expectAccessible(page, 'imports');
    await screenshot(page, 'imports');

    // row 2 (the second data row) has a member state that is no EU/EEA code
    const bad = join(files, 'operators-bad.csv');
    writeFileSync(bad, `${OPERATORS}E2E-OP-1,Lumen Mobil,AT,mno\nE2E-OP-2,Nordlicht Netz,ZZ,mno\nE2E-OP-3,Orbis Tel,BE,mvno\n`);
    await page.getByLabel('What the file holds').selectOption('operators');
    await page.getByLabel('File', { exact: true }).setInputFiles(bad);
    await page.getByRole('button', { name: 'Check the file' }).click();
    const errors = page.getByRole('table', { name: 'Problems by row and field' });
    await errors.waitFor();
    const errorRows = errors.locator('tbody tr');
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.locator('td').nth(0).textContent()).toBe('2');
    expect(await errorRows.locator('td').nth(1).textContent()).toBe('member_state');
    // the bad row is marked in the preview, and only it
    const preview = page.getByRole('table', { name: 'Rows of operators-bad.csv as read' });
    expect(await preview.locator('tbody tr').count()).toBe(3);
    expect(await preview.locator('tbody tr.row-invalid').count()).toBe(1);
    expect(await preview.locator('#preview-row-2').getAttribute('class')).toBe('row-invalid');
    expect(await preview.locator('#preview-row-2 th').textContent()).toContain('(wrong)');
    expect(await preview.locator('#preview-row-2 td').nth(2).textContent()).toBe('ZZ');
    // nothing may be imported while a row is wrong
    expect(await page.getByRole('button', { name: /^Import \d+ rows/ }).count()).toBe(0);
    await expectAccessible(page, 'imports preview');
    await screenshot(page, 'imports-preview-errors');

    const good = join(files, 'operators-good.csv');
    writeFileSync(good, `${OPERATORS}E2E-OP-1,Lumen Mobil,AT,mno\nE2E-OP-3,Orbis Tel,BE,mvno\n`);
    await page.getByLabel('File', { exact: true }).setInputFiles(good);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('No problem found in 2 rows').waitFor();
    await page.getByRole('button', { name: 'Import 2 rows of operators-good.csv' }).click();
    await page.getByText('2 rows: 2 added, 0 changed, 0 unchanged.').waitFor({ timeout: 60_000 });
    expect(await page.locator('.job progress').getAttribute('aria-valuetext')).toBe('Done');
    // the log lists it, done, with its counts and who ran it
    const log = page.getByRole('table', { name: 'Import jobs in your scope, newest first' });
    const row = log.getByRole('row').filter({ hasText: 'operators-good.csv' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1)).toEqual(['Operators', 'operators-good.csv', 'Done', '2', '2', '0', '0', 'demo-admin', '']);
    // and the API agrees: the operators are stored
    const ops = await (await page.request.get('/api/v1/operators?limit=500')).json();
    expect(ops.items.map((o: { operatorId: string }) => o.operatorId)).toEqual(expect.arrayContaining(['E2E-OP-1', 'E2E-OP-3']));
    await expectAccessible(page, 'imports done');
    await screenshot(page, 'imports-done');
  });

  it('an administrator creates a user of every role; each signs in to the navigation its actions allow; the audit trail lists them and verifies', async () => {
    await signIn(page, e, 'demo-admin');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('link', { name: 'Users and roles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users and roles' }).waitFor();
    await page.getByRole('table', { name: 'User accounts' }).waitFor();
    await expectAccessible(page, 'users');
    await screenshot(page, 'admin-users');

    // an operator of the demo's inventory; DE is a member state of the demo (demo-authority-de's)
    const op = (await (await page.request.get('/api/v1/operators?limit=1')).json()).items[0] as { operatorId: string };
    const form = page.locator('form.user-form');
    // a weak password: the server's policy says why, in the form
    await form.getByLabel('Username').fill('e2e-weak');
    await form.getByLabel('Password').fill('password1234');
    await form.getByLabel('Role').selectOption('union-analyst');
    await form.getByRole('button', { name: 'Create the user' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('too easy to guess');

    const made: { username: string; role: string; password: string; memberState?: string; operatorId?: string }[] = [
      { username: 'e2e-admin', role: 'admin', password: 'violet-harbour-candle-49-quartz' },
      { username: 'e2e-authority', role: 'authority', password: 'granite-meadow-lantern-17-fjord', memberState: 'DE' },
      { username: 'e2e-operator', role: 'operator', password: 'copper-willow-signal-83-tundra', operatorId: op.operatorId },
      { username: 'e2e-union', role: 'union-analyst', password: 'amber-glacier-pivot-26-orchard' },
      { username: 'e2e-auditor', role: 'auditor', password: 'silent-prairie-beacon-58-delta' },
    ];
    for (const u of made) {
      await form.getByLabel('Role').selectOption(u.role);
      await form.getByLabel('Username').fill(u.username);
      await form.getByLabel('Password').fill(u.password);
      if (u.memberState) await form.getByLabel('Member state (code)').fill(u.memberState);
      if (u.operatorId) await form.getByLabel('Operator id').fill(u.operatorId);
      await form.getByRole('button', { name: 'Create the user' }).click();
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: u.username, exact: true }) });
      await row.or(form.getByRole('alert')).first().waitFor();
      expect(await form.getByRole('alert').count(), `${u.username}: ${await form.getByRole('alert').allTextContents()}`).toBe(0);
      await row.waitFor();
    }
    // a new user has no second factor until they set one up themselves
    expect(await page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'e2e-admin', exact: true }) }).locator('td').nth(3).textContent()).toBe('Off');
    // the API holds each with its role and scope
    const users = (await (await page.request.get('/api/v1/users')).json()).items as { userId: string; username: string; role: string; memberState?: string; operatorId?: string }[];
    for (const u of made) expect(users.find((x) => x.username === u.username)).toMatchObject({ role: u.role, ...(u.memberState ? { memberState: u.memberState } : {}), ...(u.operatorId ? { operatorId: u.operatorId } : {}) });

    // the audit trail lists the five creations and verifies
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.getByLabel('Action').fill('user.create');
    const entries = page.getByRole('table', { name: 'Audit entries, newest first' });
    await expect.poll(async () => (await entries.locator('tbody tr').allTextContents()).join('\n')).toContain(users.find((x) => x.username === 'e2e-auditor')!.userId);
    const text = (await entries.locator('tbody tr').allTextContents()).join('\n');
    for (const u of made) expect(text).toContain(`user ${users.find((x) => x.username === u.username)!.userId}`);
    await page.getByRole('button', { name: 'Verify the trail' }).click();
    await page.getByText(/^The audit trail is intact: [\d,]+ entries/).waitFor();
    const verified = await (await page.request.get('/api/v1/audit/verify')).json();
    expect(verified.ok).toBe(true);
    expect(await page.locator('[data-head-ref]').textContent()).toBe(verified.headRef);
    await expectAccessible(page, 'audit');
    await screenshot(page, 'admin-audit');

    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.getByLabel('Name').fill('e2e-reporting');
    await page.getByRole('button', { name: 'Create the token' }).click();
    const secret = await page.getByLabel('Secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    const mine = page.getByRole('table', { name: 'Your API tokens' });
    await mine.getByRole('rowheader', { name: 'e2e-reporting' }).waitFor();
    await expectAccessible(page, 'tokens');
    await screenshot(page, 'admin-tokens');
    await mine.getByRole('button', { name: 'Revoke e2e-reporting' }).click();
    await mine.getByRole('button', { name: 'Yes, revoke e2e-reporting' }).click();
    await expect.poll(() => mine.getByRole('row').filter({ hasText: 'e2e-reporting' }).locator('td').nth(4).textContent()).toBe('Revoked');
    // the revoked secret no longer opens the API
    const refused = await fetch(`${e.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);

    // each new user signs in and is offered exactly what its actions allow
    for (const u of made) {
      await e.context.clearCookies();
      await signInAs(page, u.username, u.password);
      const me = await (await page.request.get('/api/v1/auth/me')).json();
      expect(me.user.role).toBe(u.role);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const links = (await nav.getByRole('link').allTextContents()).map((x) => x.trim());
      for (const [label, action] of Object.entries(NAV)) expect(links.includes(label), `${u.username}: ${label}`).toBe(me.actions.includes(action));
      expect(await nav.getByRole('heading', { name: 'Administration' }).count(), `${u.username}: the Administration section`).toBe(['users.manage', 'tokens.manage', 'audit.read'].some((a) => me.actions.includes(a)) ? 1 : 0);
    }
    // the administration pages are the administrator's (and the audit trail also the auditor's)
    expect(made.filter((u) => u.role === 'admin').length).toBe(1);
  });
});
