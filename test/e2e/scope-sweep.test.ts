import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/store/identity/index.js';
import { expectAccessible, hasChromium, screenshot, signIn, startE2E, type E2E } from './harness.js';

/*
 * Every page of the interface, for an operator and for an auditor of one member state: whatever pages
 * exist (the table of web/src/app/pages.ts, read here, so pages added later are swept without a change
 * to this file), none shows an id of another operator or of another member state's operators and
 * assets. The foreign ids are collected first from the API as the administrator. Each page visited
 * passes axe and is screenshotted (sweep-<who>-<page>.png).
 */

/**
 * The page table as web/src/app/pages.ts writes it: each entry's path and action. Read as text, since
 * the table's lazy imports of .tsx pages are the browser build's business, not this Node test's.
 */
const PAGE_TABLE = readFileSync(join(import.meta.dirname, '..', '..', 'web', 'src', 'app', 'pages.ts'), 'utf8');
const PAGES = [...PAGE_TABLE.matchAll(/\{\s*path:\s*(?:'([^']+)'|(\w+))[^}]*?action:\s*'([^']+)'/g)].map((m) => ({
  // a path named by a constant (ACCOUNT_PATH) is looked up where the table defines it
  path: m[1] ?? PAGE_TABLE.match(new RegExp(`const ${m[2]} = '([^']+)'`))![1]!,
  action: m[3]!,
}));

let e: E2E;
const AUDITOR = 'sweep-auditor';
const AUDITOR_PASSWORD = 'sweep-auditor-Vq8#kLw2-pass';

interface Operator {
  operatorId: string;
  memberState: string;
}

/** ids of rows a persona must not see: operators beyond its reach and some of their assets */
const foreign: Record<string, string[]> = {};
/** a sample value for each path parameter, from the persona's own rows */
const samples: Record<string, Record<string, string>> = {};

async function apiAs(page: Page, path: string) {
  const r = await page.request.get(path);
  expect(r.status(), path).toBe(200);
  return r.json();
}

describe.skipIf(!hasChromium)('scope sweep: no foreign id on any page (chromium)', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    e = await startE2E();
    const page = await e.context.newPage();
    await signIn(page, e, 'demo-admin');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    const me = await apiAs(page, '/api/v1/auth/me');
    expect(me.user.role).toBe('admin');
    const operators = (await apiAs(page, '/api/v1/operators?limit=1000')).items as Operator[];
    const operatorAccount = (await apiAs(page, '/api/v1/users?limit=1000')).items.find((u: { username: string }) => u.username === 'demo-operator');
    const own = operators.find((o) => o.operatorId === operatorAccount.operatorId)!;
    // the auditor of the operator's member state: another member state's rows are foreign to it
    await createUser(e.server.app.ctx.store, { name: 'e2e' }, { username: AUDITOR, password: AUDITOR_PASSWORD, role: 'auditor', memberState: own.memberState });
    e.accounts[AUDITOR] = AUDITOR_PASSWORD;
    const assetsOf = async (ops: Operator[]) =>
      (await Promise.all(ops.slice(0, 5).map(async (o) => (await apiAs(page, `/api/v1/assets?operatorId=${o.operatorId}&limit=3`)).items.map((a: { assetId: string }) => a.assetId)))).flat();
    const otherOperators = operators.filter((o) => o.operatorId !== own.operatorId);
    const otherStates = operators.filter((o) => o.memberState !== own.memberState);
    expect(otherOperators.length, 'the demo has operators besides the demo operator').toBeGreaterThan(0);
    expect(otherStates.length, 'the demo has several member states').toBeGreaterThan(0);
    foreign['demo-operator'] = [...otherOperators.map((o) => o.operatorId), ...(await assetsOf(otherOperators))];
    foreign[AUDITOR] = [...otherStates.map((o) => o.operatorId), ...(await assetsOf(otherStates))];
    const ownAsset = (await apiAs(page, `/api/v1/assets?operatorId=${own.operatorId}&limit=1`)).items[0].assetId as string;
    const supplierId = (await apiAs(page, '/api/v1/suppliers?limit=1')).items[0].supplierId as string;
    const ownRows = { assetId: ownAsset, supplierId };
    samples['demo-operator'] = ownRows;
    samples[AUDITOR] = ownRows;
    await page.close();
  }, 300_000);
  afterAll(async () => e?.close());

  for (const who of ['demo-operator', AUDITOR]) {
    it(`${who}: every page it may open shows no foreign id, passes axe and is screenshotted`, async () => {
      await e.context.clearCookies();
      const page = await e.context.newPage();
      await page.goto('/sign-in');
      await page.evaluate("localStorage.setItem('secure5g.language', 'en')");
      await signIn(page, e, who);
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
      const actions = new Set((await apiAs(page, '/api/v1/auth/me')).actions as string[]);
      // a designation it reads itself, when its member state has one
      if (actions.has('designations.read')) {
        const d = (await apiAs(page, '/api/v1/designations?limit=1')).items[0] as { designationId: string } | undefined;
        if (d) samples[who]!.designationId = d.designationId;
      }
      const skipped: string[] = [];
      const visited: string[] = [];
      const leaks: string[] = [];
      for (const p of PAGES.filter((x) => actions.has(x.action))) {
        const params = [...p.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
        // a row page whose list is empty in this scope (no designation in the member state): nothing to show
        if (params.includes('designationId') && !samples[who]!.designationId) {
          skipped.push(p.path);
          continue;
        }
        if (params.some((k) => !samples[who]![k])) throw new Error(`${p.path}: no sample for its parameter; add one to samples`);
        const path = p.path.replace(/:(\w+)/g, (_m, k: string) => encodeURIComponent(samples[who]![k]!));
        await page.goto(path);
        await page.locator('#main h1').first().waitFor({ timeout: 30_000 });
        // settled: nothing left loading (a first dashboard computation may take a while)
        await expect.poll(() => page.locator('.status-loading').count(), { timeout: 90_000, message: `${path} keeps loading` }).toBe(0);
        const text = (await page.locator('body').textContent()) ?? '';
        for (const id of foreign[who]!) if (new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text)) leaks.push(`${path}: ${id}`);
        await expectAccessible(page, `${who} ${path}`);
        await screenshot(page, `sweep-${who}-${p.path === '/' ? 'dashboard' : p.path.slice(1).replace(/[/:]+/g, '-')}`);
        visited.push(path);
      }
      if (skipped.length) console.info(`${who}: no row to open for ${skipped.join(', ')}`);
      expect(leaks).toEqual([]);
      // the sweep reached the pages every reader has, and more
      expect(visited).toContain('/');
      expect(visited.length).toBeGreaterThan(2);
      expect(e.cspViolations, 'Content-Security-Policy violations').toEqual([]);
      await page.close();
    });
  }
});
