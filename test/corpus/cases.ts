import ExcelJS from 'exceljs';
import { xlsxBomb } from '../interchange/zip-bombs.js';

/*
 * The bad-input corpus (issue 13): for every import format, files as they go wrong in practice, each
 * with the error it must get. Files are made here rather than committed (encodings survive no editor,
 * and the large ones are generated). Every case runs through the CLI and the API (corpus.test.ts); the
 * database is the fixture network of test/fixtures/import (operators OP-DE-1, OP-DE-2, OP-FR-1; suppliers
 * SUP-A, SUP-B, SUP-C; products P-A-GNB, P-B-GNB, P-C-AMF; policy DE 2025-1).
 *
 * `expect` is the whole first line of the message, worked out from the file: the file name, the row as
 * counted there (data rows from 1; XLSX: Excel's row; JSON: the array position) and the field.
 */

/** What reads the file: an import kind, a register, a BOM, a scenario. */
export type Target =
  | { kind: 'table'; table: 'operators' | 'suppliers' | 'products' | 'assets' | 'designations' | 'policies' }
  | { kind: 'register'; register: 'entities' | 'holdings' | 'implementation' | 'screening' }
  | { kind: 'bom' }
  | { kind: 'scenario' };

export interface BadCase {
  name: string;
  target: Target;
  file: string;
  bytes: () => Buffer | Promise<Buffer>;
  /** the message's first line, or a pattern for it */
  expect: string | RegExp;
}

export interface GoodCase {
  name: string;
  target: Extract<Target, { kind: 'table' } | { kind: 'bom' }>;
  file: string;
  bytes: () => Buffer;
  /** lines the CLI's output must hold (warnings) */
  says?: string[];
  /** SQL over the stored rows, and what it must answer after the import */
  check: { sql: string; rows: unknown[] };
}

const t = (table: Extract<Target, { kind: 'table' }>['table']): Extract<Target, { kind: 'table' }> => ({ kind: 'table', table });
const r = (register: Extract<Target, { kind: 'register' }>['register']): Target => ({ kind: 'register', register });
const text = (s: string) => () => Buffer.from(s, 'utf8');

export const ASSETS = 'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support\n';
const SUPPLIERS = 'supplier_id,name,hq_country\n';
const DESIGNATIONS = 'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,status\n';
const HOLDINGS = 'holder_id,held_id,percentage,voting_rights,control,since\n';
const IMPLEMENTATION = 'measure,scope_level,member_state,operator_id,status,evidence,owner,due_date,recorded_on\n';

async function workbook(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const row of rows) ws.addRow(row);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const utf8Latin1 = 'Société Générale Réseaux';

/** A CycloneDX 1.6 document around `components`. */
const cdx = (components: unknown[], extra: Record<string, unknown> = {}) => ({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components, ...extra });

/** The reason a second spelling of an id gets, written out from the rule in docs/data-formats.md. */
const secondSpelling = (id: string, first: string, where: string) =>
  `id "${id}" is a second spelling of "${first}" (${where}): ids are compared without regard to case or Unicode normalisation; write it as "${first}"`;

function secondSpellings(): BadCase[] {
  return [
    {
      name: 'an asset id given twice in different case (CSV)',
      target: t('assets'),
      file: 'case-twice.csv',
      bytes: text(`${ASSETS}ASSET-1,OP-DE-1,ran,gNB,SUP-A,,,1,,,\nAsset-2,OP-DE-1,ran,gNB,SUP-A,,,1,,,\nasset-1,OP-DE-1,ran,gNB,SUP-A,,,2,,,\n`),
      expect: `case-twice.csv, row 3, field asset_id: ${secondSpelling('asset-1', 'ASSET-1', 'row 1 of this file')}`,
    },
    {
      // the fixture records SUP-A; a new row sup-a would be a second supplier to the reader
      name: 'a supplier id in the case of no recorded one, but spelling a recorded one (CSV)',
      target: t('suppliers'),
      file: 'case-recorded.csv',
      bytes: text(`${SUPPLIERS}SUP-X1,One,XA\nsup-a,Alpha again,XA\n`),
      expect: `case-recorded.csv, row 2, field supplier_id: ${secondSpelling('sup-a', 'SUP-A', 'already recorded')}`,
    },
    {
      name: 'a supplier id given twice in different case (XLSX)',
      target: t('suppliers'),
      file: 'case-twice.xlsx',
      bytes: () => workbook([['supplier_id', 'name', 'hq_country'], ['SUP-X1', 'One', 'XA'], ['Sup-X1', 'Uno', 'XA']]),
      // Excel's rows: the header is row 1, so the two spellings are in rows 2 and 3
      expect: `case-twice.xlsx, sheet "Sheet1", row 3, field supplier_id: ${secondSpelling('Sup-X1', 'SUP-X1', 'row 2 of this file')}`,
    },
    {
      name: 'a designation id given twice in different case (JSON)',
      target: t('designations'),
      file: 'case-twice.json',
      bytes: text(
        JSON.stringify(
          ['D-X1', 'd-x1'].map((id) => ({ designation_id: id, member_state: 'DE', supplier_id: 'SUP-A', kind: 'high-risk', segments: 'ran', legal_basis: 'Act', effective_date: '2026-01-01', status: 'in-force' })),
        ),
      ),
      expect: `case-twice.json, row 2, field designation_id: ${secondSpelling('d-x1', 'D-X1', 'row 1 of this file')}`,
    },
    {
      name: 'an entity id given twice in different case (register)',
      target: r('entities'),
      file: 'case-entities.csv',
      bytes: text('entity_id,name,kind\nHOLD-1,One,company\nhold-1,Uno,company\n'),
      expect: `case-entities.csv, row 2, field entity_id: ${secondSpelling('hold-1', 'HOLD-1', 'row 1 of this file')}`,
    },
    {
      name: 'a cap id given twice in different case (policy)',
      target: t('policies'),
      file: 'case-caps.json',
      bytes: text(
        JSON.stringify({
          member_state: 'DE',
          version: 'caps-1',
          caps: ['CAP-1', 'cap-1'].map((cap_id) => ({ cap_id, segment: 'ran', scope: 'operator', designation_kinds: ['high-risk'], max_share: 0.35 })),
        }),
      ),
      expect: `case-caps.json, row 1, field caps[1].cap_id: ${secondSpelling('cap-1', 'CAP-1', 'caps[0]')}`,
    },
  ];
}

export const BAD: BadCase[] = [
  // encodings
  {
    name: 'Latin-1 bytes where UTF-8 is expected (CSV)',
    target: t('suppliers'),
    file: 'latin1.csv',
    bytes: () => Buffer.from(`${SUPPLIERS}SUP-X1,Plain,XA\nSUP-X2,${utf8Latin1},XA\n`, 'latin1'),
    expect: /^latin1\.csv, row 2: is not UTF-8: byte 0xE9 .*Latin-1 \/ Windows-1252/,
  },
  {
    name: 'Latin-1 bytes in a JSON document',
    target: t('suppliers'),
    file: 'latin1.json',
    bytes: () => Buffer.from(`[\n{"supplier_id":"SUP-X1","name":"${utf8Latin1}","hq_country":"XA"}\n]`, 'latin1'),
    expect: /^latin1\.json: line 2 is not UTF-8: byte 0xE9/,
  },
  {
    name: 'Latin-1 bytes in a register',
    target: r('entities'),
    file: 'latin1-entities.csv',
    bytes: () => Buffer.from(`entity_id,name,kind,country\nE-1,${utf8Latin1},company,FR\n`, 'latin1'),
    expect: /^latin1-entities\.csv, row 1: is not UTF-8: byte 0xE9/,
  },
  {
    name: 'UTF-16 without a byte-order mark',
    target: t('suppliers'),
    file: 'utf16-nobom.csv',
    bytes: () => Buffer.from(`${SUPPLIERS}SUP-X1,Plain,XA\n`, 'utf16le'),
    expect: /^utf16-nobom\.csv, field header: is not UTF-8: .*UTF-16 without a byte-order mark/,
  },
  // line ends and quoting
  { name: 'lines ending in CR alone', target: t('suppliers'), file: 'cr.csv', bytes: text(`${SUPPLIERS}SUP-X1,A,XA\r`.replace(/\n/g, '\r')), expect: 'cr.csv: its lines end in CR alone (old Mac style): save it with LF or CRLF line ends' },
  { name: 'a quote left open', target: t('suppliers'), file: 'quote.csv', bytes: text(`${SUPPLIERS}SUP-X1,"Open,XA\nSUP-X2,Two,XA\n`), expect: 'quote.csv, row 1: malformed CSV: Quoted field unterminated' },
  { name: 'a quote left open in a register', target: r('holdings'), file: 'quote-h.csv', bytes: text(`${HOLDINGS}"SUP-A,SUP-B,5,,,\n`), expect: 'quote-h.csv, row 1: not valid CSV: Quoted field unterminated' },
  // columns
  { name: 'a required column missing', target: t('assets'), file: 'missing.csv', bytes: text(`${ASSETS.replace(',quantity', '')}A-1,OP-DE-1,ran,gNB,SUP-A,,,north,,\n`), expect: 'missing.csv, field quantity: required column is missing' },
  { name: 'an unknown column, its cells empty', target: t('suppliers'), file: 'extra.csv', bytes: text(`supplier_id,name,hq_country,colour\nSUP-X1,A,XA,\n`), expect: 'extra.csv: unknown column "colour"; suppliers columns are supplier_id, name, hq_country' },
  { name: 'an unknown register column, its cells empty', target: r('holdings'), file: 'extra-h.csv', bytes: text(`${HOLDINGS.trim()},notes\nSUP-A,SUP-B,5,,,,\n`), expect: /^extra-h\.csv, field notes: is not a column of this format/ },
  { name: 'a row with a field too many', target: t('suppliers'), file: 'fields.csv', bytes: text(`${SUPPLIERS}SUP-X1,A,XA\nSUP-X2,B,XA,extra\n`), expect: 'fields.csv, row 2: has 4 fields, the header has 3' },
  { name: 'a column given twice', target: t('suppliers'), file: 'twice.csv', bytes: text(`supplier_id,name,name,hq_country\nSUP-X1,A,A,XA\n`), expect: 'twice.csv, field name: column appears twice' },
  // empty files
  { name: 'an empty file', target: t('assets'), file: 'empty.csv', bytes: text(''), expect: 'empty.csv: the file is empty (no header row)' },
  { name: 'a header alone', target: t('assets'), file: 'header.csv', bytes: text(ASSETS), expect: 'header.csv: holds no rows (a header alone, or an empty list): nothing to import' },
  { name: 'an empty JSON list', target: t('assets'), file: 'empty.json', bytes: text('[]'), expect: 'empty.json: holds no rows (a header alone, or an empty list): nothing to import' },
  { name: 'an empty register', target: r('entities'), file: 'empty-e.csv', bytes: text('entity_id,name,kind,country\n'), expect: /^empty-e\.csv/ },
  // sizes
  { name: 'a field of 100,000 characters', target: t('suppliers'), file: 'huge.csv', bytes: text(`${SUPPLIERS}SUP-X1,${'n'.repeat(100_000)},XA\n`), expect: 'huge.csv, row 1, field name: is 100,000 characters long; a field may hold at most 65,536' },
  { name: 'a JSON field of 100,000 characters', target: t('suppliers'), file: 'huge.json', bytes: text(JSON.stringify([{ supplier_id: 'SUP-X1', name: 'n'.repeat(100_000), hq_country: 'XA' }])), expect: 'huge.json, row 1, field name: is 100,000 characters long; a field may hold at most 65,536' },
  { name: 'JSON nested 100,000 deep', target: t('suppliers'), file: 'deep.json', bytes: text(`[${'['.repeat(100_000)}${']'.repeat(100_000)}]`), expect: 'deep.json, row 1: must be an object with the columns as keys' },
  { name: 'a policy nested 100,000 deep', target: t('policies'), file: 'deep-policy.json', bytes: text(`{"member_state":"DE","version":"x","thresholds":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`), expect: /^deep-policy\.json, row 1, field thresholds/ },
  // values out of range
  { name: 'a date that is no calendar day', target: t('assets'), file: 'date.csv', bytes: text(`${ASSETS}A-1,OP-DE-1,ran,gNB,SUP-A,,,1,,2026-02-30,\n`), expect: 'date.csv, row 1, field in_service: is not a real calendar date' },
  { name: 'a year of five digits', target: t('designations'), file: 'year.csv', bytes: text(`${DESIGNATIONS}D-X1,DE,SUP-A,high-risk,ran,Act,20260-01-01,in-force\n`), expect: 'year.csv, row 1, field effective_date: must be a date as YYYY-MM-DD' },
  { name: 'a quantity past the largest double', target: t('assets'), file: 'inf.csv', bytes: text(`${ASSETS}A-1,OP-DE-1,ran,gNB,SUP-A,,,1e309,,,\n`), expect: 'inf.csv, row 1, field quantity: must be a number' },
  { name: 'a negative quantity', target: t('assets'), file: 'neg.json', bytes: text(JSON.stringify([{ asset_id: 'A-1', operator_id: 'OP-DE-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: -1 }])), expect: 'neg.json, row 1, field quantity: must not be negative' },
  { name: 'a percentage over 100', target: r('holdings'), file: 'pct.csv', bytes: text(`${HOLDINGS}SUP-A,SUP-B,150,,,\n`), expect: 'pct.csv, row 1, field percentage: must be between 0 and 100' },
  { name: 'a transition of 241 months', target: t('designations'), file: 'months.json', bytes: text(JSON.stringify([{ designation_id: 'D-X1', member_state: 'DE', supplier_id: 'SUP-A', kind: 'high-risk', segments: 'ran', legal_basis: 'Act', effective_date: '2026-01-01', status: 'in-force', transition_months: 241 }])), expect: /^months\.json, row 1, field transition_months: / },
  { name: 'a policy threshold above 1', target: t('policies'), file: 'threshold.json', bytes: text(JSON.stringify({ member_state: 'DE', version: 'bad-1', thresholds: { operator_top_supplier_share: 1.5 } })), expect: /^threshold\.json, row 1, field thresholds\.operator_top_supplier_share: / },
  // ids
  { name: 'an unknown operator', target: t('assets'), file: 'unknown.csv', bytes: text(`${ASSETS}A-1,OP-XX-9,ran,gNB,SUP-A,,,1,,,\n`), expect: 'unknown.csv, row 1, field operator_id: unknown operator "OP-XX-9" (import operators first)' },
  { name: 'an operator id in the wrong case', target: t('assets'), file: 'case.csv', bytes: text(`${ASSETS}A-1,op-de-1,ran,gNB,SUP-A,,,1,,,\n`), expect: 'case.csv, row 1, field operator_id: unknown operator "op-de-1" (import operators first)' },
  { name: 'the same id twice', target: t('assets'), file: 'dup.csv', bytes: text(`${ASSETS}A-1,OP-DE-1,ran,gNB,SUP-A,,,1,,,\nA-1,OP-DE-1,ran,gNB,SUP-A,,,2,,,\n`), expect: 'dup.csv, row 2, field asset_id: duplicate id "A-1": it appears earlier in this file' },
  { name: 'the same entity twice in a register', target: r('entities'), file: 'dup-e.csv', bytes: text('entity_id,name,kind\nE-1,One,company\nE-1,Uno,company\n'), expect: 'dup-e.csv, row 2, field entity_id: entity E-1 is already given in row 1' },
  {
    name: 'an id in decomposed Unicode (A + combining diaeresis)',
    target: t('suppliers'),
    file: 'nfd.csv',
    bytes: text(`${SUPPLIERS}SUP-A\u0308,Umlaut,XA\n`),
    expect: 'nfd.csv, row 1, field supplier_id: may hold only letters, digits and . _ : -',
  },
  { name: 'an id in composed Unicode', target: t('suppliers'), file: 'nfc.csv', bytes: text(`${SUPPLIERS}SUP-\u00c4,Umlaut,XA\n`), expect: 'nfc.csv, row 1, field supplier_id: may hold only letters, digits and . _ : -' },
  // one id, one spelling (docs/data-formats.md): a second spelling, by case, of an id given earlier or recorded is refused
  ...secondSpellings(),
  // spreadsheets
  {
    name: 'an XLSX formula with no computed value',
    target: t('suppliers'),
    file: 'formula.xlsx',
    bytes: () => workbook([['supplier_id', 'name', 'hq_country'], ['SUP-X1', null, 'XA']], (ws) => (ws.getCell('B2').value = { formula: 'CONCAT("A","B")' } as ExcelJS.CellFormulaValue)),
    expect: 'formula.xlsx, sheet "Sheet1", row 2, field name: cell B2 holds a formula with no computed value: open and save the workbook in a spreadsheet program, or paste the values',
  },
  {
    name: 'an XLSX error value',
    target: r('holdings'),
    file: 'na.xlsx',
    bytes: () => workbook([['holder_id', 'held_id', 'percentage'], ['SUP-A', 'SUP-B', { error: '#N/A' }]]),
    expect: 'na.xlsx, sheet "Sheet1", row 2, field percentage: cell C2 holds the error #N/A',
  },
  { name: 'an XLSX date that is out of range', target: t('assets'), file: 'date.xlsx', bytes: () => workbook([ASSETS.trim().split(','), ['A-1', 'OP-DE-1', 'ran', 'gNB', 'SUP-A', null, null, 1, null, '2026-13-01']]), expect: 'date.xlsx, sheet "Sheet1", row 2, field in_service: is not a real calendar date' },
  { name: 'a file that is no workbook', target: t('assets'), file: 'fake.xlsx', bytes: text('asset_id\nA-1\n'), expect: /^fake\.xlsx: / },
  { name: 'an XLSX decompression bomb', target: t('assets'), file: 'bomb.xlsx', bytes: () => xlsxBomb(80), expect: /^bomb\.xlsx: the workbook unpacks to more than 64 MiB/ },
  { name: 'an XLSX decompression bomb as a register', target: r('implementation'), file: 'bomb-i.xlsx', bytes: () => xlsxBomb(80), expect: /^bomb-i\.xlsx: the workbook unpacks to more than 64 MiB/ },
  // registers
  { name: 'a measure the catalogue does not have', target: r('implementation'), file: 'measure.csv', bytes: text(`${IMPLEMENTATION}SM99,union,,,in-place,,,,2026-01-01\n`), expect: /^measure\.csv, row 1, field measure: is not a measure of the catalogue/ },
  { name: 'a screening case without its dates', target: r('screening'), file: 'case.json', bytes: text(JSON.stringify([{ case_id: 'FDI-1', investor: 'X', investor_country: 'XA', target_kind: 'supplier', target_id: 'SUP-A', member_state: 'DE', status: 'received' }])), expect: /^case\.json, row 1, field received_on: / },
  // CycloneDX
  { name: 'a BOM that is not JSON', target: { kind: 'bom' }, file: 'bom.json', bytes: text('{"bomFormat": "CycloneDX",'), expect: /^bom\.json: not valid JSON/ },
  { name: 'a BOM of an unsupported spec version', target: { kind: 'bom' }, file: 'bom-1.2.json', bytes: text(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.2', version: 1, components: [] })), expect: /^bom-1\.2\.json/ },
  { name: 'a BOM against its schema', target: { kind: 'bom' }, file: 'bom-type.json', bytes: text(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'gadget', name: 'x' }] })), expect: /^bom-type\.json, field \/components\/0\/type: / },
  // CycloneDX bounds (issue 12: size and depth bounded with a clear 400/413, never a 500 or a hang) and the
  // spec's "every bom-ref MUST be unique within the BOM"
  {
    name: 'a BOM of more components than the bound (100,000)',
    target: { kind: 'bom' },
    file: 'many-components.json',
    bytes: text(JSON.stringify(cdx(Array.from({ length: 100_001 }, (_, i) => ({ type: 'library', name: `c${i}` }))))),
    expect: 'many-components.json: holds more than 100000 components; a BOM is read up to that many',
  },
  {
    name: 'a BOM nested deeper than the bound (64 levels)',
    target: { kind: 'bom' },
    file: 'deep-bom.json',
    bytes: () => {
      let c: object = { type: 'library', name: 'leaf' };
      for (let i = 0; i < 40; i++) c = { type: 'library', name: `n${i}`, components: [c] };
      return Buffer.from(JSON.stringify(cdx([c])));
    },
    // the document is level 1, each components list and each component one more: the k-th nested
    // component is at level 2k + 1, so level 65 is the 32nd, /components/0 written 32 times
    expect: `deep-bom.json, field ${'/components/0'.repeat(32)}: nests deeper than 64 levels; a CycloneDX BOM is read to that depth`,
  },
  {
    name: 'a BOM giving one bom-ref to two components',
    target: { kind: 'bom' },
    file: 'dup-refs.json',
    bytes: text(JSON.stringify(cdx([{ type: 'library', name: 'a', 'bom-ref': 'x' }, { type: 'library', name: 'b', 'bom-ref': 'y' }, { type: 'library', name: 'c', 'bom-ref': 'x' }]))),
    expect: 'dup-refs.json, field /components/2/bom-ref: bom-ref "x" is given twice (first at /components/0/bom-ref); a bom-ref must be unique within the BOM',
  },
  {
    name: "a BOM whose component repeats the product's bom-ref",
    target: { kind: 'bom' },
    file: 'dup-product-ref.json',
    bytes: text(JSON.stringify(cdx([{ type: 'library', name: 'fw', components: [{ type: 'library', name: 'lib', 'bom-ref': 'gnb' }] }], { metadata: { component: { type: 'device', name: 'gNB', 'bom-ref': 'gnb' } } }))),
    expect: 'dup-product-ref.json, field /components/0/components/0/bom-ref: bom-ref "gnb" is given twice (first at /metadata/component/bom-ref); a bom-ref must be unique within the BOM',
  },
  // scenarios
  { name: 'a scenario with an unknown field', target: { kind: 'scenario' }, file: 'scenario.json', bytes: text(JSON.stringify({ name: 's', horizon_months: 12, colour: 'red' })), expect: /scenario\.json/ },
];

/** Cases item 1 made readable: the corpus asserts what is stored. */
export const GOOD: GoodCase[] = [
  {
    name: 'UTF-16 LE with a byte-order mark',
    target: t('suppliers'),
    file: 'utf16.csv',
    bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${SUPPLIERS}SUP-X1,${utf8Latin1},XA\n`, 'utf16le')]),
    check: { sql: "SELECT supplier_id, name, hq_country FROM suppliers WHERE supplier_id = 'SUP-X1'", rows: [{ supplier_id: 'SUP-X1', name: utf8Latin1, hq_country: 'XA' }] },
  },
  {
    name: '`;`-separated, a decimal point, a quoted list',
    target: t('products'),
    file: 'semicolon.csv',
    bytes: text('product_id;supplier_id;name;function;certifications\r\nP-X1;SUP-A;"Aurora; gNB";gNB;"nesas;eucc"\r\n'),
    check: { sql: "SELECT product_id, name, certifications FROM products WHERE product_id = 'P-X1'", rows: [{ product_id: 'P-X1', name: 'Aurora; gNB', certifications: '["NESAS","EUCC"]' }] },
  },
  {
    name: 'mixed LF and CRLF line ends',
    target: t('suppliers'),
    file: 'mixed.csv',
    bytes: text(`supplier_id,name,hq_country\r\nSUP-X1,One,XA\nSUP-X2,Two,xb\r\n`),
    check: { sql: "SELECT supplier_id, hq_country FROM suppliers WHERE supplier_id LIKE 'SUP-X%' ORDER BY 1", rows: [{ supplier_id: 'SUP-X1', hq_country: 'XA' }, { supplier_id: 'SUP-X2', hq_country: 'XB' }] },
  },
  {
    // issue 12: a cyclic or self-referencing dependency graph is a warning naming the cycle, never an error
    name: 'a BOM whose dependency graph has a cycle and a self-reference: stored, with a warning naming each',
    target: { kind: 'bom' },
    file: 'cycle.json',
    bytes: text(
      JSON.stringify(
        cdx(['a', 'b', 'c'].map((r) => ({ type: 'library', name: r, 'bom-ref': r })), {
          dependencies: [{ ref: 'a', dependsOn: ['b'] }, { ref: 'b', dependsOn: ['a'] }, { ref: 'c', dependsOn: ['c'] }],
        }),
      ),
    ),
    says: ['warning: /dependencies: dependency cycle a → b → a', 'warning: /dependencies: dependency cycle c → c'],
    check: {
      sql: "SELECT component_count, warnings FROM boms WHERE file = 'cycle.json'",
      rows: [{ component_count: 3, warnings: JSON.stringify(['/dependencies: dependency cycle a → b → a', '/dependencies: dependency cycle c → c']) }],
    },
  },
];
