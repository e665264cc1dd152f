import type { Command } from 'commander';
import { z } from 'zod';
import { decommissionAssets, decommissionDate } from '../../store/asset-history.js';
import { openStore } from '../../store/index.js';
import type { CommandContext } from '../main.js';
import { existingDatabase } from '../store.js';
import { dbOption, optionSchemas, parseOption, today } from '../options.js';
import { idList } from './assets-text.js';
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
    .option('--format <format>', 'text | json', 'text')
    .addOption(dbOption())
    .action(async (ids: string[], opts: { date?: string; format: string; db?: string }) => {
      const format = parseOption(z.enum(['text', 'json']), opts.format, '--format');
      const date = decommissionDate(parseOption(optionSchemas.IsoDate, opts.date ?? today(), '--date'), '--date');
      for (const id of ids) parseOption(optionSchemas.Id, id, '<assetId>');
      const store = await openStore(existingDatabase(opts.db));
      try {
        const done = decommissionAssets(store, ids, date, 'decommission (command line)');
        io.out(format === 'json' ? `${JSON.stringify({ date, decommissioned: done.ids }, null, 2)}\n` : `decommissioned on ${date} ${idList(done.ids)}\n`);
      } finally {
        await store.close();
      }
    });
}
