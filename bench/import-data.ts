/**
 * Writes a synthetic Union-scale inventory in the import format, for measuring the importer and the
 * snapshot loader: operators.csv, suppliers.csv, products.csv and assets.csv (5,000,000 rows, about
 * 400 MB by default). Suppliers are fictional ("Synthetic Supplier 07"); the data is deterministic.
 *
 *   npx tsx bench/import-data.ts <dir> [assets]
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS, SEGMENTS } from '../src/catalog/index.js';
import { EU_MEMBER_STATES } from '../src/domain/index.js';
import { mulberry32 } from '../src/demo/random.js';

const random = mulberry32;

export const ASSET_HEADER =
  'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support';

export interface ImportDataFiles {
  operators: string;
  suppliers: string;
  products: string;
  assets: string;
}

export function writeImportData(dir: string, assets = 5_000_000, seed = 7): ImportDataFiles {
  mkdirSync(dir, { recursive: true });
  const rnd = random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const files: ImportDataFiles = {
    operators: join(dir, 'operators.csv'),
    suppliers: join(dir, 'suppliers.csv'),
    products: join(dir, 'products.csv'),
    assets: join(dir, 'assets.csv'),
  };
  const states = Object.keys(EU_MEMBER_STATES);
  const operators: string[] = [];
  const opLines = ['operator_id,name,member_state,kind,subscribers'];
  for (let k = 0; k < 100; k++) {
    const ms = states[k % states.length]!;
    const id = `OP-${ms}-${String(k).padStart(3, '0')}`;
    operators.push(id);
    opLines.push(`${id},Synthetic Operator ${k},${ms},mno,${Math.floor(rnd() * 20_000_000)}`);
  }
  const suppliers = Array.from({ length: 40 }, (_, k) => `SUP-${String(k).padStart(2, '0')}`);
  const supLines = ['supplier_id,name,hq_country', ...suppliers.map((s, k) => `${s},Synthetic Supplier ${k},X${String.fromCharCode(65 + (k % 26))}`)];
  // one product per supplier × function
  const prodLines = ['product_id,supplier_id,name,function,certifications,end_of_support'];
  for (const s of suppliers) {
    for (const f of FUNCTIONS) {
      const cert = rnd() < 0.6 ? 'NESAS' : '';
      const eos = rnd() < 0.2 ? '2025-06-30' : '2032-12-31';
      prodLines.push(`P-${s}-${f.id},${s},${f.id} by ${s},${f.id},${cert},${eos}`);
    }
  }
  const write = (file: string, lines: string[]) => {
    const fd = openSync(file, 'w');
    writeSync(fd, lines.join('\n') + '\n');
    closeSync(fd);
  };
  write(files.operators, opLines);
  write(files.suppliers, supLines);
  write(files.products, prodLines);

  const fnsBySegment = SEGMENTS.map((s) => FUNCTIONS.filter((f) => f.segment === s.id));
  const regions = ['north', 'south', 'east', 'west', 'centre', ''];
  const dates = Array.from({ length: 3000 }, (_, d) => new Date(Date.UTC(2015, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const fd = openSync(files.assets, 'w');
  writeSync(fd, ASSET_HEADER + '\n');
  const perOp = Math.ceil(assets / operators.length);
  let buf: string[] = [];
  for (let i = 0; i < assets; i++) {
    const op = operators[Math.floor(i / perOp)]!;
    // RAN and transport dominate by count, as in real inventories
    const r = rnd();
    const seg = r < 0.55 ? 1 : r < 0.8 ? 2 : Math.floor(rnd() * SEGMENTS.length);
    const fn = pick(fnsBySegment[seg]!);
    const sup = suppliers[Math.floor(rnd() * rnd() * suppliers.length)]!;
    const product = rnd() < 0.9 ? `P-${sup}-${fn.id}` : '';
    const eos = rnd() < 0.05 ? pick(dates) : '';
    buf.push(
      `${op}-${String(i).padStart(8, '0')},${op},${SEGMENTS[seg]!.id},${fn.id},${sup},${product},${1 + Math.floor(rnd() * 9)}.${Math.floor(rnd() * 20)},` +
        `${1 + Math.floor(rnd() * 50)},${pick(regions)},${pick(dates)},${eos}`,
    );
    if (buf.length === 50_000) {
      writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  closeSync(fd);
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? '/tmp/secure5g-import-data';
  const n = Number(process.argv[3] ?? 5_000_000);
  const t = Date.now();
  writeImportData(dir, n);
  console.log(`wrote ${n} assets to ${dir} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
