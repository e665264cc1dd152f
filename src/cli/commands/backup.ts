import { cliActor } from '../actor.js';
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { existingDatabase } from '../store.js';
import { dbOption, formatOption, outputFormat, resolveDbPath } from '../options.js';
import { json } from '../io.js';

const CLI_ACTOR = cliActor();

/** `backup` and `restore` of the SQLite database (docs/operations.md). */
export function registerBackup(program: Command, { io }: CommandContext) {
  program
    .command('backup')
    .description('write a consistent copy of the database to FILE, also while the server runs and writes (audited)')
    .requiredOption('--out <file>', 'the backup file to write')
    .option('--force', 'replace FILE if it exists')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { out: string; force?: boolean; format: string; db?: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const { fmtInt } = await import('../../report/format.js');
      const { openStore } = await import('../../store/index.js');
      const { backupDatabase } = await import('../../store/backup.js');
      const store = await openStore(existingDatabase(opts.db));
      try {
        const r = await backupDatabase(store, opts.out, CLI_ACTOR, { force: opts.force === true });
        if (format === 'json') return io.out(json(r));
        io.out(`backup written: ${r.file} (${fmtInt(Math.round(r.bytes / 1024))} KiB, sha256 ${r.sha256}) in ${(r.ms / 1000).toFixed(1)} s\n`);
      } finally {
        await store.close();
      }
    });
  program
    .command('restore')
    .description('replace the database with a backup FILE, after checking that it is a sound secure5g database (audited)')
    .argument('<file>', 'a backup written by `secure5g backup`')
    .option('--force', 'replace the database if it exists (stop the server first)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (file: string, opts: { force?: boolean; format: string; db?: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const { fmtInt } = await import('../../report/format.js');
      const { restoreDatabase } = await import('../../store/backup.js');
      const r = await restoreDatabase(file, resolveDbPath(opts.db), CLI_ACTOR, { force: opts.force === true });
      if (format === 'json') return io.out(json(r));
      io.out(`restored ${r.target} from ${r.file} (sha256 ${r.sha256}): ${fmtInt(r.assets)} assets, ${fmtInt(r.auditEntries)} audit entries; schema brought up to date\n`);
    });
}
