import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/index.js';
import { xlsxRecords } from '../../src/interchange/records.js';
import { checkXlsxArchive, SpreadsheetTooLarge, XLSX_LIMITS } from '../../src/interchange/xlsx-guard.js';
import { XLSX_TYPE } from '../../src/server/register-body.js';
import { implementationTemplate } from '../../src/services/implementation-import.js';
import { cli, importSmallNetwork, tempDb } from '../cli/helpers.js';
import { fixtureApp, login, type Fixture, type Session } from '../server/helpers.js';
import { xlsxBomb, xlsxOfManyParts } from './zip-bombs.js';

/*
 * XLSX decompression bombs are refused before the workbook is parsed, on every XLSX path: the reader
 * itself, the API's register uploads (413), the CLI's register imports (exit 2), each naming the file.
 * The bomb: an 80 KB archive whose sheet unpacks to 80 MiB of blanks, past the 64 MiB the guard reads
 * (XLSX_LIMITS); the sheet is valid XML, so without the guard it would be parsed whole.
 */

let bomb: Buffer;
beforeAll(() => {
  bomb = xlsxBomb(80);
  expect(bomb.length).toBeLessThan(200_000);
  expect(XLSX_LIMITS.uncompressedBytes).toBeLessThan(80 * 1024 ** 2);
});

describe('checkXlsxArchive', () => {
  it('lets a real workbook through: the implementation template reads as its rows', async () => {
    const template = await implementationTemplate('xlsx');
    await expect(checkXlsxArchive('template.xlsx', template)).resolves.toBeUndefined();
    // the template has a header row and no data rows
    expect((await xlsxRecords('template.xlsx', template)).records).toEqual([]);
  });

  it('refuses an archive that unpacks past the cap, naming the file', async () => {
    const err = await xlsxRecords('bomb.xlsx', bomb).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpreadsheetTooLarge);
    expect((err as Error).message).toMatch(/^bomb\.xlsx: the workbook unpacks to more than 64 MiB/);
  });

  it('refuses an entry that declares a small size and inflates to more (the declaration lies)', async () => {
    const err = await xlsxRecords('liar.xlsx', xlsxBomb(80, { declaredSize: 1000 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/^liar\.xlsx: /);
  });

  it('refuses an archive of more parts than a workbook has', async () => {
    const err = await xlsxRecords('parts.xlsx', xlsxOfManyParts(XLSX_LIMITS.entries + 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpreadsheetTooLarge);
    expect((err as Error).message).toContain(`parts.xlsx: the workbook unpacks to ${XLSX_LIMITS.entries + 5} parts`);
  });

  it('refuses what is not an archive as unreadable', async () => {
    await expect(xlsxRecords('text.xlsx', Buffer.from('not a zip'))).rejects.toThrow(/^text\.xlsx: not a readable XLSX workbook/);
  });
});

describe('the API’s register uploads', () => {
  let f: Fixture;
  let s: Session;
  beforeAll(async () => {
    f = await fixtureApp();
    s = await login(f.app, 'authority-de');
  });
  afterAll(async () => f.close());

  for (const url of ['/implementation/upload', '/screening-cases/upload'])
    it(`${url}: 413 problem naming the file, nothing written`, async () => {
      const before = Number(f.store.sqlite.prepare('SELECT COUNT(*) FROM audit_log').pluck().get());
      const r = await f.app.inject({ method: 'POST', url: `/api/v1${url}?filename=bomb.xlsx`, headers: { ...s.write, 'content-type': XLSX_TYPE }, payload: bomb });
      expect(r.statusCode).toBe(413);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json().detail).toMatch(/^bomb\.xlsx: the workbook unpacks to more than 64 MiB/);
      expect(Number(f.store.sqlite.prepare('SELECT COUNT(*) FROM audit_log').pluck().get())).toBe(before);
    });

  it('/imports/assets: the job fails naming the file, nothing written', async () => {
    const assets = Number(f.store.sqlite.prepare('SELECT COUNT(*) FROM assets').pluck().get());
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/imports/assets?filename=bomb.xlsx', headers: { ...s.write, 'content-type': XLSX_TYPE }, payload: bomb });
    expect(r.statusCode).toBe(202);
    await f.app.ctx.jobs.idle();
    const job = (await f.app.inject({ method: 'GET', url: `/api/v1/imports/jobs/${r.json().jobId}`, headers: s.read })).json();
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/bomb\.xlsx: the workbook unpacks to more than 64 MiB/);
    expect(Number(f.store.sqlite.prepare('SELECT COUNT(*) FROM assets').pluck().get())).toBe(assets);
  });
});

describe('the CLI’s register imports', () => {
  let t: ReturnType<typeof tempDb>;
  beforeAll(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
    writeFileSync(join(t.dir, 'bomb.xlsx'), bomb);
  });
  afterAll(() => t.cleanup());

  for (const argv of [['implementation', 'import'], ['screening', 'import'], ['entity', 'import'], ['holding', 'import'], ['import', 'assets'], ['import', 'operators']])
    it(`${argv.join(' ')}: exit 2, naming the file`, async () => {
      const r = await cli(...argv, join(t.dir, 'bomb.xlsx'), '--db', t.db);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/bomb\.xlsx: the workbook unpacks to more than 64 MiB/);
    });
});
