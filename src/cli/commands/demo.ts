import { join } from 'node:path';
import type { Command } from 'commander';
import type { Store } from '../../store/index.js';
import type { CommandContext } from '../main.js';
import { openOrCreateStore } from '../store.js';
import { json, type Io } from '../io.js';
import { dbOption, formatOption, outputFormat, parseOption, resolveDbPath } from '../options.js';

export interface DemoOptions {
  scale: 'small' | 'eu';
  seed: number;
  csvDir?: string;
}

/** What a demo seeding made: the counts the text line and the JSON output give. */
export interface DemoSummary {
  scale: 'small' | 'eu';
  seed: number;
  csvDir: string | null;
  csvBytes: number | null;
  operators: number;
  suppliers: number;
  assets: number;
  designations: number;
  policies: number;
  certificateRecords: number;
  boms: number;
  implementationRecords: number;
  profiles: number;
  screeningCases: number;
  scenarios: number;
  decommissionedAssets: number;
  assessments: number;
}

/**
 * Seeds the fictional demo. With a CSV folder (always at eu scale) the data is written as files first
 * and imported through the same path as `secure5g import`, so the files and the database hold the same
 * rows; the assets are generated while they are written, with progress on a terminal.
 */
export async function runDemo(store: Store, io: Io, opts: DemoOptions): Promise<DemoSummary> {
  const { DEMO_FILES, DEMO_IMPORT_ORDER, generateDemo, writeDemoCsv } = await import('../../demo/index.js');
  const { seedDemoData, seedDemoRegisters } = await import('../../services/demo-seed.js');
  const { progressReporter } = await import('../progress.js');
  const data = generateDemo({ scale: opts.scale, seed: opts.seed });
  let registers;
  let csvBytes: number | null = null;
  if (!opts.csvDir) {
    registers = await seedDemoData(store, data);
  } else {
    const { importFile } = await import('../../interchange/index.js');
    const generating = progressReporter(io, 'demo assets', 'rows');
    try {
      csvBytes = (await writeDemoCsv(data, opts.csvDir, generating.update)).bytes;
    } finally {
      generating.stop();
    }
    // import order follows references: operators and suppliers before products, products before assets
    for (const kind of DEMO_IMPORT_ORDER) {
      const progress = progressReporter(io, `import ${kind}`, 'bytes');
      try {
        await importFile(store, kind, join(opts.csvDir, DEMO_FILES[kind]), { onProgress: progress.update });
      } finally {
        progress.stop();
      }
    }
    registers = await seedDemoRegisters(store, data);
  }
  return {
    scale: opts.scale,
    seed: opts.seed,
    csvDir: opts.csvDir ?? null,
    csvBytes,
    operators: data.operators.length,
    suppliers: data.suppliers.length,
    assets: data.assetCount,
    designations: data.designations.length,
    policies: data.policies.length,
    certificateRecords: registers.certificates,
    boms: registers.boms,
    implementationRecords: registers.implementation.inserted,
    profiles: registers.profiles,
    screeningCases: registers.screening.inserted,
    scenarios: registers.scenarios,
    decommissionedAssets: registers.decommissioned,
    assessments: registers.assessments.length,
  };
}

export async function demoText(s: DemoSummary): Promise<string> {
  const { fmtInt } = await import('../../report/format.js');
  const csv = s.csvDir !== null ? `demo CSV written to ${s.csvDir} (${fmtInt(Math.round((s.csvBytes ?? 0) / 1e6))} MB)\n` : '';
  return (
    csv +
    `demo data (${s.scale}, seed ${s.seed}): ${s.operators} operators, ${s.suppliers} fictional suppliers, ` +
    `${fmtInt(s.assets)} assets, ${s.designations} designations, ${s.policies} national policies, ` +
    `${s.certificateRecords} certificate records, ${s.boms} BOMs, ${fmtInt(s.implementationRecords)} implementation records, ${s.profiles} supplier profiles, ${s.screeningCases} screening cases, ` +
    `${s.scenarios} saved scenarios, ${fmtInt(s.decommissionedAssets)} decommissioned assets, ${s.assessments} stored assessments\n`
  );
}

export function registerDemo(program: Command, { io }: CommandContext) {
  program
    .command('demo')
    .description('load deterministic fictional demo data (small: 4 member states, ~60,000 assets; eu: 27 member states, ~5 million)')
    .option('--scale <scale>', 'small | eu', 'small')
    .option('--seed <n>', 'random seed; the same seed gives the same data', '1')
    .option('--csv-dir <dir>', 'also write the data as CSV files here (eu default: ./demo-eu-csv)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { scale: string; seed: string; csvDir?: string; format: string; db?: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const { z } = await import('zod');
      const scale = parseOption(z.enum(['small', 'eu'], { error: 'must be small or eu' }), opts.scale, '--scale');
      const seed = parseOption(z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).max(2 ** 32 - 1), opts.seed, '--seed');
      const csvDir = opts.csvDir ?? (scale === 'eu' ? './demo-eu-csv' : undefined);
      const file = resolveDbPath(opts.db);
      const store = await openOrCreateStore(file, io);
      try {
        const summary = await runDemo(store, io, { scale, seed, csvDir });
        io.out(format === 'json' ? json({ database: file, ...summary }) : `${await demoText(summary)}database: ${file}\n`);
      } finally {
        await store.close();
      }
    });
}
