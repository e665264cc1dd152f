import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { openExistingStore } from '../store.js';
import { dbOption, formatOption, outputFormat, parseOption, today } from '../options.js';
import { json } from '../io.js';
import { registerAssetsList } from './assets-list.js';

export function registerAssets(program: Command, ctx: CommandContext) {
  const { io } = ctx;
  const assets = program.command('assets').description('the inventory in service: list it, decommission assets');
  registerAssetsList(assets, ctx);
  assets
    .command('decommission')
    .description('take assets out of service on a date (kept in the history: an assessment dated earlier still counts them)')
    .argument('<assetId...>', 'ids of assets in service')
    .option('--date <date>', 'the day they left service (default today; not after today)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (ids: string[], opts: { date?: string; format: string; db?: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const { Id, IsoDate } = await import('../../domain/index.js');
      const { decommissionAssets, decommissionDate } = await import('../../store/asset-history.js');
      const { idList } = await import('./assets-text.js');
      const date = decommissionDate(parseOption(IsoDate, opts.date ?? today(), '--date'), '--date');
      for (const id of ids) parseOption(Id, id, '<assetId>');
      const store = await openExistingStore(opts.db);
      try {
        const done = decommissionAssets(store, ids, date, 'decommission (command line)');
        io.out(format === 'json' ? json({ date, decommissioned: done.ids }) : `decommissioned on ${date} ${idList(done.ids)}\n`);
      } finally {
        await store.close();
      }
    });
}
