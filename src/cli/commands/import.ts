import type { Command } from 'commander';
import { z } from 'zod';
import { IMPORT_KINDS, importFile } from '../../interchange/index.js';
import { openStore } from '../../store/index.js';
import { fmtInt } from '../../report/format.js';
import type { CommandContext } from '../main.js';
import { dbOption, parseOption, resolveDbPath } from '../options.js';
import { progressReporter } from '../progress.js';

export function registerImport(program: Command, { io }: CommandContext) {
  program
    .command('import')
    .description(`import a CSV or JSON file in one transaction; kinds: ${IMPORT_KINDS.join(', ')}`)
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .argument('<file>', 'CSV or JSON file (chosen by extension)')
    .addOption(dbOption())
    .action(async (kindArg: string, file: string, opts: { db?: string }) => {
      const kind = parseOption(z.enum(IMPORT_KINDS, { error: `must be one of ${IMPORT_KINDS.join(', ')}` }), kindArg, '<kind>');
      const store = await openStore(resolveDbPath(opts.db));
      const progress = progressReporter(io, `import ${kind}`);
      try {
        const s = await importFile(store, kind, file, { onProgress: progress.update });
        progress.stop();
        io.out(
          `${kind}: ${fmtInt(s.rows)} rows from ${file} — ${fmtInt(s.inserted)} inserted, ${fmtInt(s.updated)} updated, ` +
            `${fmtInt(s.unchanged)} unchanged (${(s.ms / 1000).toFixed(1)} s)\n`,
        );
      } finally {
        progress.stop();
        await store.close();
      }
    });
}
