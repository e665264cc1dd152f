import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, FIXTURE, importSmallNetwork, tempDb } from './helpers.js';

/*
 * `secure5g assets list` over test/fixtures/network-small (no national policy: the catalogue's
 * criticality, AMF critical and gNB sensitive). Expected rows read off the fixture file by hand, and
 * the CSV output compared with the fixture's own lines.
 */

let t: ReturnType<typeof tempDb>;
beforeAll(async () => {
  t = tempDb();
  await importSmallNetwork(t.db);
}, 60_000);
afterAll(() => t.cleanup());

const fixtureLines = readFileSync(join(FIXTURE, 'assets.csv'), 'utf8').trim().split('\n');
const line = (id: string) => fixtureLines.find((l) => l.startsWith(`${id},`))!;

describe('assets list', () => {
  it('filters by function, as JSON with the true total', async () => {
    const r = await cli('assets', 'list', '--function', 'gNB', '--format', 'json', '--db', t.db);
    expect(r.code).toBe(0);
    const page = JSON.parse(r.stdout) as { items: { assetId: string }[]; total: number };
    expect(page.items.map((a) => a.assetId)).toEqual(['DE1-RAN-A', 'DE1-RAN-B', 'FR1-RAN-B']);
    expect(page.total).toBe(3);
  });

  it('filters by derived criticality, as CSV in the import format', async () => {
    const r = await cli('assets', 'list', '--criticality', 'critical', '--format', 'csv', '--db', t.db);
    expect(r.stdout).toBe(`${fixtureLines[0]}\n${line('DE1-AMF')}\n`);
    const s = await cli('assets', 'list', '--criticality', 'sensitive', '--supplier', 'SUP-B', '--format', 'csv', '--db', t.db);
    expect(s.stdout).toBe([fixtureLines[0], line('DE1-RAN-B'), line('FR1-RAN-B'), ''].join('\n'));
  });

  it('pages: the table says which rows and how to ask for the next page', async () => {
    const r = await cli('assets', 'list', '--limit', '2', '--db', t.db);
    expect(r.stdout).toContain('rows 1–2 of 4; next page: --after DE1-RAN-A\n');
    const rows = r.stdout.split('\n').slice(2, 4).map((l) => l.split(/\s+/)[0]);
    expect(rows).toEqual(['DE1-AMF', 'DE1-RAN-A']);
    const next = await cli('assets', 'list', '--limit', '2', '--after', 'DE1-RAN-A', '--format', 'json', '--db', t.db);
    expect((JSON.parse(next.stdout) as { items: { assetId: string }[] }).items.map((a) => a.assetId)).toEqual(['DE1-RAN-B', 'FR1-RAN-B']);
  });

  it('the table shows member state and criticality', async () => {
    const r = await cli('assets', 'list', '--member-state', 'FR', '--db', t.db);
    const row = r.stdout.split('\n')[2]!.split(/\s+/);
    expect(row.slice(0, 6)).toEqual(['FR1-RAN-B', 'OP-FR-1', 'FR', 'ran', 'gNB', 'sensitive']);
    expect(r.stdout).toContain('\n1 asset\n');
  });

  it('refuses a bad filter value naming the option (exit 2)', async () => {
    const r = await cli('assets', 'list', '--criticality', 'high', '--db', t.db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('option --criticality');
    const s = await cli('assets', 'list', '--offset', '2', '--after', 'X', '--db', t.db);
    expect(s.code).toBe(2);
  });
});
