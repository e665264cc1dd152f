import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { CommandContext } from '../main.js';
import { openOrCreateStore } from '../store.js';
import { dbOption, resolveDbPath } from '../options.js';

export function registerInit(program: Command, { io }: CommandContext) {
  program
    .command('init')
    .description('create the database (or bring its schema up to date)')
    .addOption(dbOption())
    .action(async (opts: { db?: string }) => {
      const file = resolveDbPath(opts.db);
      const existed = file !== ':memory:' && existsSync(file);
      const store = await openOrCreateStore(file, { ...io, err: () => undefined });
      await store.close();
      io.out(existed ? `database ready: ${file}\n` : `database created: ${file}\n`);
    });
}
