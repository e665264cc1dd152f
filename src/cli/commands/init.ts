import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import type { CommandContext } from '../main.js';
import { dbOption, resolveDbPath } from '../options.js';

export function registerInit(program: Command, { io }: CommandContext) {
  program
    .command('init')
    .description('create the database (or bring its schema up to date)')
    .addOption(dbOption())
    .action(async (opts: { db?: string }) => {
      const file = resolveDbPath(opts.db);
      const store = await openStore(file);
      await store.close();
      io.out(`database ready: ${file}\n`);
    });
}
