import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { openOrCreateStore } from '../store.js';
import { dbOption, formatOption, outputFormat, resolveDbPath, today } from '../options.js';
import { json } from '../io.js';
import { demoText, runDemo, type DemoSummary } from './demo.js';

/**
 * The main job behind `npm start`: make sure there is data (the small fictional demo on first run),
 * assess it as of today and print the summary with the next commands to try.
 */
export function registerStart(program: Command, { io }: CommandContext) {
  program
    .command('start')
    .description('first run: seed the small demo if the database is empty, assess it and print the summary')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { db?: string; format: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const { assess } = await import('../../engine/index.js');
      const { assessmentSummary } = await import('../../report/assessment.js');
      const { countRows, loadSnapshot } = await import('../../store/index.js');
      const file = resolveDbPath(opts.db);
      const store = await openOrCreateStore(file, io);
      try {
        let seeded: DemoSummary | null = null;
        if ((await countRows(store)).assets === 0) {
          if (format === 'table') io.out(`${file} is empty: seeding the fictional demo data (small scale)…\n`);
          seeded = await runDemo(store, io, { scale: 'small', seed: 1 });
          if (format === 'table') io.out(await demoText(seeded));
        }
        const date = today();
        const result = assess(loadSnapshot(store, {}, { date }), { date });
        if (format === 'json') return io.out(json({ database: file, seeded, ...result }));
        io.out(`\n${assessmentSummary(result)}\n`);
        io.out(
          [
            'Next:',
            `  npx secure5g assess --db ${file} --member-state <code> --format md   full report for one member state`,
            `  npx secure5g assess --db ${file} --format json                       every figure with its explanation`,
            '  npx secure5g import assets my-assets.csv                            load your own inventory (docs/data-formats.md)',
            '',
          ].join('\n'),
        );
      } finally {
        await store.close();
      }
    });
}
