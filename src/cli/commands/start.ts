import type { Command } from 'commander';
import { assess } from '../../engine/index.js';
import { assessmentSummary } from '../../report/assessment.js';
import { countRows, loadSnapshot } from '../../store/index.js';
import type { CommandContext } from '../main.js';
import { openOrCreateStore } from '../store.js';
import { dbOption, resolveDbPath, today } from '../options.js';
import { runDemo } from './demo.js';

/**
 * The main job behind `npm start`: make sure there is data (the small fictional demo on first run),
 * assess it as of today and print the summary with the next commands to try.
 */
export function registerStart(program: Command, { io }: CommandContext) {
  program
    .command('start')
    .description('first run: seed the small demo if the database is empty, assess it and print the summary')
    .addOption(dbOption())
    .action(async (opts: { db?: string }) => {
      const file = resolveDbPath(opts.db);
      const store = await openOrCreateStore(file, io);
      try {
        if ((await countRows(store)).assets === 0) {
          io.out(`${file} is empty: seeding the fictional demo data (small scale)…\n`);
          await runDemo(store, io, { scale: 'small', seed: 1 });
        }
        const date = today();
        const result = assess(loadSnapshot(store, {}, { date }), { date });
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
