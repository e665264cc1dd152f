import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../../src/interchange/index.js';
import { buildApp, type App, type BuildAppOptions } from '../../src/server/app.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../src/server/plugins/auth.js';
import type { DashboardOptions } from '../../src/server/services/dashboard.js';
import type { Role } from '../../src/store/access/index.js';
import { createUser } from '../../src/store/identity/index.js';
import { openStore, type Store } from '../../src/store/index.js';

export const IMPORT_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');

/*
 * The fixture inventory (test/fixtures/import), worked out by hand from its files:
 *   DE: OP-DE-1 (assets DE1-RAN-A, DE1-RAN-B, DE1-AMF), OP-DE-2 (asset DE2-SEPP); designation D-DE-1; policy 2025-1
 *   FR: OP-FR-1 (asset FR1-RAN-B); designation D-FR-1; policy v1
 * Suppliers SUP-A, SUP-B, SUP-C and products P-A-GNB, P-B-GNB, P-C-AMF are shared reference data.
 */
export const DATA = {
  DE: { operators: ['OP-DE-1', 'OP-DE-2'], names: ['Rheinwelle Mobil', 'Spreenetz'], assets: ['DE1-RAN-A', 'DE1-RAN-B', 'DE1-AMF', 'DE2-SEPP'], designations: ['D-DE-1'] },
  FR: { operators: ['OP-FR-1'], names: ['Azur Télécom'], assets: ['FR1-RAN-B'], designations: ['D-FR-1'] },
  'OP-DE-1': { assets: ['DE1-RAN-A', 'DE1-RAN-B', 'DE1-AMF'] },
} as const;

export interface Persona {
  name: string;
  role: Role;
  memberState?: string;
  operatorId?: string;
  password: string;
}

const pw = (name: string) => `pw-${name}-0123456789`;
export const PERSONAS: Persona[] = [
  { name: 'admin', role: 'admin' },
  { name: 'authority-de', role: 'authority', memberState: 'DE' },
  { name: 'authority-fr', role: 'authority', memberState: 'FR' },
  { name: 'operator-de1', role: 'operator', operatorId: 'OP-DE-1' },
  { name: 'operator-fr1', role: 'operator', operatorId: 'OP-FR-1' },
  { name: 'union', role: 'union-analyst' },
  { name: 'auditor', role: 'auditor' },
  { name: 'auditor-de', role: 'auditor', memberState: 'DE' },
  { name: 'auditor-de1', role: 'auditor', operatorId: 'OP-DE-1' },
].map((p) => ({ ...p, password: pw(p.name) }) as Persona);

export const persona = (name: string) => PERSONAS.find((p) => p.name === name)!;

export interface Fixture {
  app: App;
  store: Store;
  dir: string;
  close(): Promise<void>;
}

/** A fresh database with the fixture inventory, one user per persona, and the app on top (no listening). */
export async function fixtureApp(opts: { personas?: boolean; date?: string; dashboard?: DashboardOptions; awaitDashboard?: boolean; app?: Partial<BuildAppOptions> } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'secure5g-server-'));
  const store = await openStore(join(dir, 'test.db'));
  for (const kind of ['operators', 'suppliers', 'products', 'assets', 'designations'] as const)
    await importFile(store, kind, join(IMPORT_FIXTURES, `${kind}.csv`));
  await importFile(store, 'policies', join(IMPORT_FIXTURES, 'policies.json'));
  if (opts.personas !== false)
    for (const p of PERSONAS) await createUser(store, { name: 'test' }, { username: p.name, password: p.password, role: p.role, memberState: p.memberState, operatorId: p.operatorId });
  const app = await buildApp({ store, logger: false, uploadDir: join(dir, 'uploads'), dashboardDate: () => opts.date ?? '2026-06-01', dashboard: opts.dashboard, ...opts.app });
  await app.ready();
  // the dashboard is computed on a worker thread and answers 503 until the first result: have it ready
  if (opts.awaitDashboard !== false) await app.ctx.dashboard.refresh();
  return {
    app,
    store,
    dir,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  /** headers for a state-changing request */
  write: Record<string, string>;
  read: Record<string, string>;
}

export async function login(app: App, name: string, password = persona(name).password): Promise<Session> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: name, password } });
  if (r.statusCode !== 200) throw new Error(`login ${name}: ${r.statusCode} ${r.body}`);
  const cookies = Object.fromEntries(r.cookies.map((c) => [c.name, c.value]));
  const cookie = `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${cookies[CSRF_COOKIE]}`;
  const csrf = cookies[CSRF_COOKIE]!;
  return { cookie, csrf, read: { cookie }, write: { cookie, 'x-csrf-token': csrf } };
}
