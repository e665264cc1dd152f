import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * POST /imports/{kind}/preview: the file read and checked as the import would, nothing written. The
 * expected rows and errors below are worked out by reading the files by hand: CSV rows are numbered
 * from 1 after the header, JSON rows by their position from 1.
 */

const HEADER = 'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support';

let f: Fixture;
const s: Record<string, Session> = {};

const preview = (who: string, kind: string, body: string, type = 'text/csv', name = 'file.csv') =>
  f.app.inject({ method: 'POST', url: `/api/v1/imports/${kind}/preview?filename=${name}`, headers: { ...s[who]!.write, 'content-type': type }, payload: body });
const count = (sql: string) => f.store.sqlite.prepare(sql).pluck().get() as number;

beforeAll(async () => {
  f = await fixtureApp();
  for (const who of ['admin', 'operator-de1', 'auditor']) s[who] = await login(f.app, who);
});
afterAll(() => f.close());

describe('import preview', () => {
  it('answers the rows as read and the one bad row against its number, writing nothing', async () => {
    const before = count('SELECT count(*) FROM assets');
    const csv = [HEADER, 'NEW-1,OP-DE-1,core,AMF,SUP-C,,,1,,,', 'NEW-2,OP-DE-1,core,AMF,SUP-C,,,many,,,', 'NEW-3,OP-DE-1,ran,gNB,SUP-A,,,4,north,,'].join('\n');
    const r = await preview('admin', 'assets', csv, 'text/csv', 'three.csv');
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.fileName).toBe('three.csv');
    expect(p.columns).toEqual(HEADER.split(','));
    expect(p.totalRows).toBe(3);
    expect(p.rows.map((x: { row: number }) => x.row)).toEqual([1, 2, 3]);
    expect(p.rows[2].cells).toEqual(['NEW-3', 'OP-DE-1', 'ran', 'gNB', 'SUP-A', '', '', '4', 'north', '', '']);
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]).toMatchObject({ row: 2, field: 'quantity' });
    expect(p.truncated).toBe(false);
    expect(count('SELECT count(*) FROM assets')).toBe(before);
    expect(count("SELECT count(*) FROM assets WHERE asset_id LIKE 'NEW-%'")).toBe(0);
  });

  it('finds unknown references, repeated ids and unknown columns', async () => {
    const csv = [HEADER, 'R-1,OP-DE-1,core,AMF,SUP-NOWHERE,,,1,,,', 'R-2,OP-DE-1,core,AMF,SUP-C,,,1,,,', 'R-2,OP-DE-1,core,AMF,SUP-C,,,1,,,'].join('\n');
    const p = (await preview('admin', 'assets', csv)).json();
    expect(p.errors.map((e: { row?: number; field?: string }) => [e.row, e.field])).toEqual([
      [1, 'supplier_id'],
      [3, 'asset_id'],
    ]);
    expect(p.errors[1].message).toContain('row 2');
    const wrong = (await preview('admin', 'assets', 'asset_id,colour\nX,red\n')).json();
    expect(wrong.errors.length).toBeGreaterThan(0);
    expect(wrong.errors.every((e: { row?: number }) => e.row === undefined)).toBe(true);
    expect(wrong.errors.map((e: { message: string }) => e.message).join(' ')).toContain('"colour"');
  });

  it('reads JSON by position and refuses an empty file', async () => {
    const doc = JSON.stringify([
      { supplier_id: 'SUP-N1', name: 'Nimbus Relay', hq_country: 'XN' },
      { supplier_id: 'SUP-N2', name: '', hq_country: 'XN' },
    ]);
    const p = (await preview('admin', 'suppliers', doc, 'application/json', 's.json')).json();
    expect(p.totalRows).toBe(2);
    expect(p.errors).toEqual([expect.objectContaining({ row: 2, field: 'name' })]);
    const empty = (await preview('admin', 'assets', `${HEADER}\n`)).json();
    expect(empty.totalRows).toBe(0);
    expect(empty.errors[0].message).toContain('holds no rows');
  });

  it('answers a file that cannot be read with that one error', async () => {
    const p = (await preview('admin', 'assets', '{not json', 'application/json', 'bad.json')).json();
    expect(p.rows).toEqual([]);
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0].message).toContain('not valid JSON');
  });

  it('is scoped as the import: an operator may not preview rows of another operator, an auditor not at all', async () => {
    const mine = await preview('operator-de1', 'assets', `${HEADER}\nOWN-1,OP-DE-1,core,AMF,SUP-C,,,1,,,\n`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().errors).toEqual([]);
    const other = await preview('operator-de1', 'assets', `${HEADER}\nOWN-1,OP-FR-1,core,AMF,SUP-C,,,1,,,\n`);
    expect(other.statusCode).toBe(403);
    expect((await preview('operator-de1', 'suppliers', 'supplier_id,name,hq_country\nS,N,XA\n')).statusCode).toBe(403);
    expect((await preview('auditor', 'assets', `${HEADER}\nOWN-1,OP-DE-1,core,AMF,SUP-C,,,1,,,\n`)).statusCode).toBe(403);
    expect((await preview('admin', 'policies', HEADER, 'text/csv')).statusCode).toBe(415);
  });
});
