import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { MEASURE_IDS } from '../catalog/measures.js';
import { UserError } from '../domain/errors.js';
import { IMPLEMENTATION_SCOPES, IMPLEMENTATION_STATUSES, Implementation } from '../domain/implementation.js';
import { readRegister } from '../interchange/records.js';
import { appendImplementations, type AppendSummary } from '../store/implementations.js';
import type { Store } from '../store/open.js';

/*
 * The implementation register: CSV, JSON or XLSX, one row per status report of a measure at a scope.
 * Every row is checked, then appended to the history in one transaction; any bad row refuses the file.
 */

export const IMPLEMENTATION_COLUMNS = ['measure', 'scope_level', 'member_state', 'operator_id', 'status', 'evidence', 'owner', 'due_date', 'recorded_on'] as const;

export async function importImplementations(store: Store, file: string): Promise<AppendSummary & { file: string }> {
  const rows = await readRegister(file, Implementation, { known: IMPLEMENTATION_COLUMNS });
  const name = basename(file);
  const summary = await appendImplementations(
    store,
    rows.map((r) => r.value),
    name,
    { rowNumbers: rows.map((r) => r.row) },
  );
  return { ...summary, file: name };
}

const NOTES: Record<(typeof IMPLEMENTATION_COLUMNS)[number], string> = {
  measure: `a Toolbox measure: ${MEASURE_IDS.join(', ')}`,
  scope_level: IMPLEMENTATION_SCOPES.join(' | '),
  member_state: 'EU/EEA code (DE, FR, …); empty for union; required for member-state and operator',
  operator_id: 'operator id from the inventory; only for scope operator',
  status: IMPLEMENTATION_STATUSES.join(' | '),
  evidence: 'where the status is shown (act, decision, audit report); up to 2,000 characters',
  owner: 'who answers for the measure at this scope; up to 200 characters',
  due_date: 'YYYY-MM-DD, when planned or in progress',
  recorded_on: 'YYYY-MM-DD, the day the status was reported (required)',
};

/**
 * An empty register to fill in: a CSV with the header row, or an XLSX workbook whose first sheet has the
 * header row and drop-down lists for measure, scope_level and status, and a second sheet explaining
 * each column (the importer reads the first sheet only).
 */
export async function writeImplementationTemplate(file: string): Promise<void> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new UserError(`${file}: the template is written as .xlsx or .csv`);
  await writeFile(file, await implementationTemplate(ext === '.csv' ? 'csv' : 'xlsx'));
}

/** The template's bytes (writeImplementationTemplate; the API's download). */
export async function implementationTemplate(format: 'csv' | 'xlsx'): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(`${IMPLEMENTATION_COLUMNS.join(',')}\n`);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('implementation');
  sheet.columns = IMPLEMENTATION_COLUMNS.map((key) => ({ header: key, key, width: key === 'evidence' ? 48 : key === 'owner' ? 28 : 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const lists: Partial<Record<(typeof IMPLEMENTATION_COLUMNS)[number], readonly string[]>> = {
    measure: MEASURE_IDS,
    scope_level: IMPLEMENTATION_SCOPES,
    status: IMPLEMENTATION_STATUSES,
  };
  // drop-downs and text-formatted date cells on the first 1,000 data rows: typed dates stay YYYY-MM-DD text
  IMPLEMENTATION_COLUMNS.forEach((key, i) => {
    const column = sheet.getColumn(i + 1);
    const list = lists[key];
    for (let r = 2; r <= 1001; r++) {
      const cell = sheet.getCell(r, i + 1);
      if (list) cell.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`], showErrorMessage: true, error: NOTES[key] };
      if (key === 'due_date' || key === 'recorded_on') cell.numFmt = '@';
    }
    column.key = key;
  });
  const help = wb.addWorksheet('columns');
  help.columns = [
    { header: 'column', key: 'column', width: 16 },
    { header: 'what to enter', key: 'note', width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  for (const key of IMPLEMENTATION_COLUMNS) help.addRow({ column: key, note: NOTES[key] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
