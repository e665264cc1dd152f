import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, seedDemo } from '../../src/demo/index.js';
import { importRows } from '../../src/interchange/index.js';
import { buildApp, type App } from '../../src/server/app.js';
import { allowed, POLICY } from '../../src/server/policy.js';
import type { Role } from '../../src/store/access/index.js';
import { createUser } from '../../src/store/identity/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { login, type Session } from './helpers.js';

/*
 * The shipped example scenarios run for every role allowed to simulate, whatever its scope: a scenario
 * naming operators or member states beyond the caller's scope answers the figures of the scope and a
 * note that parts fell outside it, without naming them (it used to be a 400 naming the operator).
 * Over the small demo (seed 1): operators OP-DE-1..3 (DE), OP-FR-1..3 (FR), OP-NL-1..2 (NL), OP-PL-1..2 (PL).
 */
const DIR = join(import.meta.dirname, '../../examples/scenarios');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const scenario = (f: string) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Record<string, unknown>;

const USERS: { name: string; role: Role; memberState?: string; operatorId?: string }[] = [
  { name: 'admin', role: 'admin' },
  { name: 'authority-de', role: 'authority', memberState: 'DE' },
  { name: 'operator-de1', role: 'operator', operatorId: 'OP-DE-1' },
  { name: 'auditor', role: 'auditor' },
  { name: 'auditor-de', role: 'auditor', memberState: 'DE' },
];
const OUTSIDE_DE = ['OP-NL-1', 'OP-NL-2', 'OP-FR-1', 'OP-PL-1'];

let dir: string;
let store: Store;
let app: App;
const s: Record<string, Session> = {};
const data = generateDemo({ scale: 'small', seed: 1 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-simscope-'));
  store = await openStore(join(dir, 'demo.db'));
  await seedDemo(store, data, importRows);
  for (const u of USERS) await createUser(store, { name: 'test' }, { username: u.name, password: `pw-${u.name}-0123456789`, role: u.role, memberState: u.memberState, operatorId: u.operatorId });
  app = await buildApp({ store, logger: false, uploadDir: join(dir, 'uploads'), dashboardDate: () => '2026-06-01' });
  await app.ready();
  for (const u of USERS) s[u.name] = await login(app, u.name, `pw-${u.name}-0123456789`);
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (who: string, body: unknown) => app.inject({ method: 'POST', url: '/api/v1/simulations', headers: s[who]!.write, payload: body as object });

describe('example scenarios for every role allowed to simulate', () => {
  it('the test covers every such role (an auditor simulates as the role of its scope does)', () => {
    expect(new Set(USERS.map((u) => u.role))).toEqual(new Set([...POLICY['simulations.run'], 'auditor']));
    for (const u of USERS) expect(allowed({ role: u.role, memberState: u.memberState, operatorId: u.operatorId }, 'simulations.run'), u.name).toBe(true);
  });

  for (const f of FILES)
    for (const u of USERS)
      it(`${f} as ${u.name}`, async () => {
        const r = await run(u.name, scenario(f));
        expect(r.statusCode, r.body).toBe(200);
        const result = r.json();
        if (u.memberState || u.operatorId) {
          // nothing of the answer's figures or notes names what lies beyond the scope
          const { scenario: _echo, ...figures } = result;
          const text = JSON.stringify(figures);
          for (const id of u.operatorId ? [...OUTSIDE_DE, 'OP-DE-2'] : OUTSIDE_DE) expect(text).not.toContain(id);
        }
      });
});

describe('a scenario reaching beyond the scope', () => {
  it('answers the scope’s figures with a note that does not name what fell outside', async () => {
    // named-replacement-ran restricts Driftmark in NL only and names OP-NL-1 and OP-NL-2: nothing of it is DE's
    const r = (await run('authority-de', scenario('named-replacement-ran.json'))).json();
    expect(r.notes[0]).toBe('Parts of the scenario fall outside your scope (it names 2 operator(s) and 1 member state(s) beyond it): they are left out, and the figures cover your scope only.');
    expect(r.totals.unitsRequired).toBe(0);
    // the admin sees the whole scenario: no such note
    const all = (await run('admin', scenario('named-replacement-ran.json'))).json();
    expect(all.notes.join('\n')).not.toContain('outside your scope');
    expect(all.totals.unitsRequired).toBeGreaterThan(0);
  });

  it('ran-cap-35 for DE: the excess over 35 % in each DE operator’s RAN, summed from the demo rows', async () => {
    // second method: Σ over DE operators of max(0, Borealis RAN − 0.35 × RAN), from the generator's rows
    const rows = [...data.assets()];
    let expected = 0;
    for (const o of data.operators.filter((x) => x.member_state === 'DE')) {
      const ran = rows.filter((a) => a.operator_id === o.operator_id && a.segment === 'ran');
      const total = ran.reduce((n, a) => n + Number(a.quantity), 0);
      const held = ran.filter((a) => a.supplier_id === 'SUP-BOREALIS').reduce((n, a) => n + Number(a.quantity), 0);
      expected += Math.max(0, held - 0.35 * total);
    }
    const r = (await run('authority-de', scenario('ran-cap-35.json'))).json();
    expect(r.totals.unitsRequired).toBeCloseTo(expected, 6);
    // it names OP-FR-1's capacity: one operator beyond the scope
    expect(r.notes[0]).toMatch(/^Parts of the scenario fall outside your scope \(it names 1 operator\(s\) beyond it\)/);
  });

  it('the CLI and an unscoped caller still refuse an operator that is not in the inventory', async () => {
    const bad = { ...scenario('ran-cap-35.json'), replacement: { strategy: 'proportional', capacity: { operators: { 'OP-XX-9': { ran: 1 } } } } };
    const r = await run('admin', bad);
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toContain('operator "OP-XX-9" is not in the inventory');
  });
});
