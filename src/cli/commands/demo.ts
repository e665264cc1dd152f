import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEMO_FILES, DEMO_IMPORT_ORDER, generateDemo, writeDemoCsv } from '../../demo/index.js';
import { importFile } from '../../interchange/index.js';
import { seedDemoData, seedDemoRegisters } from '../../services/demo-seed.js';
import { fmtInt } from '../../report/format.js';
import type { Store } from '../../store/index.js';
import type { CommandContext } from '../main.js';
import { openOrCreateStore } from '../store.js';
import type { Io } from '../io.js';
import { dbOption, parseOption, resolveDbPath } from '../options.js';
import { progressReporter } from '../progress.js';

const Scale = z.enum(['small', 'eu'], { error: 'must be small or eu' });
const Seed = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).max(2 ** 32 - 1);


export interface DemoOptions {
  scale: 'small' | 'eu';
  seed: number;
  csvDir?: string;
}

/**
 * Seeds the fictional demo. With a CSV folder (always at eu scale) the data is written as files first
 * and imported through the same path as `secure5g import`, so the files and the database hold the same rows.
 */
export async function runDemo(store: Store, io: Io, opts: DemoOptions): Promise<void> {
  const data = generateDemo({ scale: opts.scale, seed: opts.seed });
  let registers;
  if (!opts.csvDir) {
    registers = await seedDemoData(store, data);
  } else {
    const written = await writeDemoCsv(data, opts.csvDir);
    io.out(`demo CSV written to ${opts.csvDir} (${fmtInt(Math.round(written.bytes / 1e6))} MB)\n`);
    // import order follows references: operators and suppliers before products, products before assets
    for (const kind of DEMO_IMPORT_ORDER) {
      const progress = progressReporter(io, `import ${kind}`);
      try {
        await importFile(store, kind, join(opts.csvDir, DEMO_FILES[kind]), { onProgress: progress.update });
      } finally {
        progress.stop();
      }
    }
    registers = await seedDemoRegisters(store, data);
  }
  io.out(
    `demo data (${opts.scale}, seed ${opts.seed}): ${data.operators.length} operators, ${data.suppliers.length} fictional suppliers, ` +
      `${fmtInt(data.assetCount)} assets, ${data.designations.length} designations, ${data.policies.length} national policies, ` +
      `${fmtInt(registers.implementation.inserted)} implementation records, ${registers.profiles} supplier profiles, ${registers.screening.inserted} screening cases, ` +
      `${registers.scenarios} saved scenarios, ${fmtInt(registers.decommissioned)} decommissioned assets, ${registers.assessments.length} stored assessments\n`,
  );
}

export function registerDemo(program: Command, { io }: CommandContext) {
  program
    .command('demo')
    .description('load deterministic fictional demo data (small: 4 member states, ~60,000 assets; eu: 27 member states, ~5 million)')
    .option('--scale <scale>', 'small | eu', 'small')
    .option('--seed <n>', 'random seed; the same seed gives the same data', '1')
    .option('--csv-dir <dir>', 'also write the data as CSV files here (eu default: ./demo-eu-csv)')
    .addOption(dbOption())
    .action(async (opts: { scale: string; seed: string; csvDir?: string; db?: string }) => {
      const scale = parseOption(Scale, opts.scale, '--scale');
      const seed = parseOption(Seed, opts.seed, '--seed');
      const csvDir = opts.csvDir ?? (scale === 'eu' ? './demo-eu-csv' : undefined);
      const file = resolveDbPath(opts.db);
      const store = await openOrCreateStore(file, io);
      try {
        await runDemo(store, io, { scale, seed, csvDir });
        io.out(`database: ${file}\n`);
      } finally {
        await store.close();
      }
    });
}
