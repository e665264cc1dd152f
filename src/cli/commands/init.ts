import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { CommandContext } from '../main.js';
import { openOrCreateStore } from '../store.js';
import { dbOption, formatOption, outputFormat, resolveDbPath } from '../options.js';
import { json } from '../io.js';

export function registerInit(program: Command, { io }: CommandContext) {
  program
    .command('init')
    .description('create the database (or bring its schema up to date)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { db?: string; format: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const file = resolveDbPath(opts.db);
      const existed = file !== ':memory:' && existsSync(file);
      const store = await openOrCreateStore(file, { ...io, err: () => undefined });
      await store.close();
      io.out(format === 'json' ? json({ database: file, created: !existed }) : existed ? `database ready: ${file}\n` : `database created: ${file}\n`);
    });
}
