import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField, writeCsv } from '../../src/demo/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'secure5g-demo-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV fields', () => {
  it('quotes only where RFC 4180 needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Azur Télécom')).toBe('Azur Télécom');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(12)).toBe('12');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField('')).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(() => csvField(Number.NaN)).toThrow();
    expect(() => csvField({})).toThrow();
  });

  it('writes a file that papaparse reads back, across chunk boundaries', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      id: `R-${i}`,
      text: i % 3 === 0 ? `comma, "quote" ${i}` : i % 3 === 1 ? `line\nbreak ${i}` : `plain ${i}`,
      n: i / 4,
    }));
    const path = join(dir, 'rows.csv');
    const bytes = await writeCsv(path, ['id', 'text', 'n'], rows);
    const content = readFileSync(path, 'utf8');
    expect(bytes).toBe(Buffer.byteLength(content));
    const parsed = Papa.parse<Record<string, string>>(content, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(rows.map((r) => ({ id: r.id, text: r.text, n: String(r.n) })));
  });

  it('rejects when the file cannot be written', async () => {
    await expect(writeCsv(join(dir, 'missing-folder', 'x.csv'), ['a'], [{ a: 1 }])).rejects.toThrow(/ENOENT/);
  });
});
