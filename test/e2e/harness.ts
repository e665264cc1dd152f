import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/start.js';

/*
 * End-to-end: the real server (startServer, as `npm start` runs it, seeding the demo and its accounts)
 * and the built web interface, driven by Debian's chromium through playwright-core (never a downloaded
 * browser). Without chromium the e2e files skip, saying so; under CI=true a missing chromium fails.
 * Every page is checked with axe (no serious or critical WCAG 2.1 A/AA violation) and screenshotted
 * into test-results/screenshots (docs/ui.md lists them).
 */

const ROOT = join(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.SECURE5G_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
export const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`e2e: ${CHROMIUM} is missing; CI must install Debian's chromium (.ci/run does)`);
  console.warn(`e2e skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set SECURE5G_CHROMIUM)`);
}

/** The flags of a quiet, reproducible headless run: no sandbox (root in CI), no GPU, nothing fetched on the side. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);

/** dist/web as `npm run build` writes it; built again when web/ changed since (CI's npm ci has built it already). */
export function ensureWebBuild(): void {
  const index = join(ROOT, 'dist', 'web', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(ROOT, 'web'))) return;
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export interface E2E {
  url: string;
  /** the demo accounts and the passwords the server printed for them */
  accounts: Record<string, string>;
  context: BrowserContext;
  server: RunningServer;
  /** Content-Security-Policy violations the browser reported */
  cspViolations: string[];
  close(): Promise<void>;
}

/** `server`: options of the server beyond the demo's (e.g. requireSecondFactor) */
export async function startE2E(server: Pick<StartOptions, 'requireSecondFactor'> = {}): Promise<E2E> {
  ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'secure5g-e2e-'));
  let printed = '';
  const running = await startServer({ ...server, db: join(dir, 'e2e.db'), port: 0, seedDemo: true, logger: false, handleSignals: false, print: (t) => void (printed += t) });
  const url = `http://127.0.0.1:${(running.app.server.address() as AddressInfo).port}`;
  const accounts = Object.fromEntries([...printed.matchAll(/^\s+(demo-[\w-]+)\s+(\S+)\s/gm)].map((m) => [m[1]!, m[2]!]));
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    baseURL: url,
  });
  const cspViolations: string[] = [];
  context.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    accounts,
    context,
    server: running,
    cspViolations,
    async close() {
      await context.close();
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The hooks of a file whose tests each start signed out, on a new page, in English: the server and the
 * browser start once for the file; every test gets a fresh page (given through `page`) and ends with no
 * Content-Security-Policy violation. `forget` names localStorage keys a test may leave behind.
 */
export function freshPageEachTest(h: { started: (e: E2E) => void; page: (p: Page) => void; forget?: string[] }): void {
  let e: E2E | undefined;
  beforeAll(async () => {
    e = await startE2E();
    h.started(e);
  }, 180_000);
  afterAll(async () => e?.close());
  beforeEach(async () => {
    const started = e!;
    await started.context.clearCookies();
    const page = await started.context.newPage();
    // each test starts in English, whatever the one before chose
    await page.goto('/sign-in');
    await page.evaluate(`localStorage.setItem('secure5g.language', 'en');${(h.forget ?? []).map((k) => ` localStorage.removeItem(${JSON.stringify(k)});`).join('')}`);
    await page.reload();
    h.page(page);
    return async () => {
      await page.close();
      expect(started.cspViolations, 'Content-Security-Policy violations').toEqual([]);
    };
  });
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, e: E2E, username: string) {
  const password = e.accounts[username];
  expect(password, `the server printed no password for ${username}`).toBeTruthy();
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password!);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** axe over the page: no serious or critical violation of WCAG 2.1 A and AA. */
export async function expectAccessible(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `${what}: accessibility violations`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
