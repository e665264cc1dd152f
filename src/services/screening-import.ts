import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ImportError } from '../domain/errors.js';
import { ScreeningCase } from '../domain/screening.js';
import { jsonRecords, parseRecords, readRegister, type InputRecord } from '../interchange/records.js';
import { decodeText } from '../interchange/text.js';
import type { Store } from '../store/open.js';
import { upsertScreeningCases, type UpsertSummary } from '../store/screening.js';

/*
 * The investment screening register (Regulation (EU) 2019/452): CSV, JSON or XLSX, one row per case.
 * A case already recorded gets a new revision when any field changed; nothing is overwritten.
 */

export const SCREENING_COLUMNS = [
  'case_id',
  'investor',
  'investor_country',
  'target_kind',
  'target_id',
  'member_state',
  'factors',
  'third_country_government_control',
  'received_on',
  'decided_on',
  'status',
  'note',
] as const;

async function record(store: Store, file: string, rows: { row: number; value: ScreeningCase }[]): Promise<UpsertSummary & { file: string }> {
  const name = basename(file);
  const summary = await upsertScreeningCases(
    store,
    rows.map((r) => r.value),
    name,
    { rowNumbers: rows.map((r) => r.row) },
  );
  return { ...summary, file: name };
}

/** Imports a register of cases (see docs/data-formats.md, "screening cases"). */
export async function importScreeningCases(store: Store, file: string) {
  return record(store, file, await readRegister(file, ScreeningCase, { known: SCREENING_COLUMNS }));
}

/** Adds or revises cases from a JSON file holding one case object (or an array of them, or `{items: [...]}`). */
export async function addScreeningCase(store: Store, file: string) {
  if (extname(file).toLowerCase() !== '.json') throw new ImportError(basename(file), undefined, undefined, 'a case is given as a .json file');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new ImportError(basename(file), undefined, undefined, 'cannot read the file');
  }
  const name = basename(file);
  let records: InputRecord[];
  try {
    const doc: unknown = JSON.parse(decodeText(name, bytes, 'lines'));
    records = doc && typeof doc === 'object' && !Array.isArray(doc) && !('items' in doc) ? [{ row: 1, fields: doc as Record<string, unknown> }] : [...jsonRecords(name, bytes).records];
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(name, undefined, undefined, `not valid JSON (${(error as Error).message})`);
  }
  return record(store, file, parseRecords(file, { records }, ScreeningCase, { known: SCREENING_COLUMNS }));
}
