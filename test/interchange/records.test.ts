import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ImportError } from '../../src/domain/index.js';
import { readRegister } from '../../src/interchange/records.js';

const Row = z.object({ id: z.string().min(1), share: z.coerce.number().min(0).max(100), since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict();
const dir = mkdtempSync(join(tmpdir(), 's5g-records-'));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('register reader', () => {
  it('reads CSV rows, leaving empty cells out', async () => {
    const f = write('a.csv', 'id,share,since\nA,12.5,2024-01-31\nB,100,\n');
    expect(await readRegister(f, Row)).toEqual([
      { row: 1, value: { id: 'A', share: 12.5, since: '2024-01-31' } },
      { row: 2, value: { id: 'B', share: 100 } },
    ]);
  });

  it('reads a JSON array or an object with items', async () => {
    expect(await readRegister(write('a.json', '[{"id":"A","share":3}]'), Row)).toEqual([{ row: 1, value: { id: 'A', share: 3 } }]);
    expect(await readRegister(write('b.json', '{"items":[{"id":"B","share":"4"}]}'), Row)).toEqual([{ row: 1, value: { id: 'B', share: 4 } }]);
  });

  it('reads the first sheet of an XLSX workbook, dates as ISO days', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('holdings');
    ws.addRow(['id', 'share', 'since']);
    ws.addRow(['A', 51, new Date(Date.UTC(2023, 5, 30))]);
    ws.addRow([]);
    ws.addRow(['C', '7', null]);
    const f = join(dir, 'a.xlsx');
    await wb.xlsx.writeFile(f);
    // rows as Excel numbers them: the header is row 1
    expect(await readRegister(f, Row)).toEqual([
      { row: 2, value: { id: 'A', share: 51, since: '2023-06-30' } },
      { row: 4, value: { id: 'C', share: 7 } },
    ]);
  });

  it('names file, row and field of every bad value and returns nothing', async () => {
    const f = write('bad.csv', 'id,share\nA,150\n,3\n');
    const err = await readRegister(f, Row).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toContain('bad.csv, row 1, field share');
    expect((err as Error).message).toContain('bad.csv, row 2, field id');
  });

  it('refuses a column the format does not know', async () => {
    const f = write('extra.csv', 'id,share,sahre\nA,1,2\n');
    await expect(readRegister(f, Row.strip(), { known: ['id', 'share', 'since'] })).rejects.toThrow('extra.csv, field sahre: is not a column');
  });

  it('refuses an unknown file type and unreadable JSON', async () => {
    await expect(readRegister(write('a.txt', 'x'), Row)).rejects.toThrow('unknown file type .txt');
    await expect(readRegister(write('c.json', '{'), Row)).rejects.toThrow('c.json: not valid JSON');
  });
});
