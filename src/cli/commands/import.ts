import { basename } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../domain/errors.js';
import type { ImportSummary } from '../../interchange/index.js';
import { IMPORT_KINDS } from '../../interchange/import/kind-names.js';
import { cliActor } from '../actor.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { openOrCreateStore } from '../store.js';
import { dbOption, formatOption, outputFormat, parseOption, today } from '../options.js';

interface ImportOpts {
  db?: string;
  replace?: boolean;
  operator?: string;
  asOf?: string;
  dryRun?: boolean;
  format: string;
}

export function registerImport(program: Command, { io }: CommandContext) {
  program
    .command('import')
    .description(`import a CSV, JSON or XLSX file in one transaction; kinds: ${IMPORT_KINDS.join(', ')}`)
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .argument('<file>', 'CSV or JSON file (chosen by extension)')
    .option('--replace', "assets only: the file is the whole inventory of --operator; what it does not hold is decommissioned on --as-of")
    .option('--operator <id>', 'with --replace: the operator whose inventory the file replaces')
    .option('--as-of <date>', 'with --replace: the day the assets missing from the file left service (default today; not after today)')
    .option('--dry-run', 'check the file and say what would change; write nothing')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (kindArg: string, file: string, opts: ImportOpts) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      if (!(IMPORT_KINDS as readonly string[]).includes(kindArg)) throw new UserError(`option <kind>: must be one of ${IMPORT_KINDS.join(', ')} (got "${kindArg}")`);
      const kind = kindArg as (typeof IMPORT_KINDS)[number];
      const replace = await replaceOptions(kind, opts);
      const { importFile } = await import('../../interchange/index.js');
      const { appendAudit } = await import('../../store/audit/index.js');
      const { progressReporter } = await import('../progress.js');
      const store = await openOrCreateStore(opts.db, io);
      const progress = progressReporter(io, `import ${kind}`, file.toLowerCase().endsWith('.json') ? 'rows' : 'bytes');
      try {
        const actor = cliActor();
        const s = await importFile(store, kind, file, {
          onProgress: progress.update,
          actor: actor.name,
          ...(replace ? { replace } : {}),
          // the trail records who loaded which file (by name and digest, never its content), in the import's own transaction
          beforeCommit: (done) =>
            appendAudit(store, actor, {
              action: `import.${kind}`,
              targetType: 'import',
              targetId: basename(file),
              detail: { file: basename(file), sha256: done.sha256, rows: done.rows, inserted: done.inserted, updated: done.updated, unchanged: done.unchanged },
            }),
        });
        progress.stop();
        io.out(format === 'json' ? json(s) : await summaryText(s));
      } finally {
        progress.stop();
        await store.close();
      }
    });
}

/** The replacement options, checked: --replace needs an asset import and --operator; the others need --replace. */
async function replaceOptions(kind: string, opts: ImportOpts) {
  if (!opts.replace) {
    if (opts.operator !== undefined || opts.asOf !== undefined) throw usage('--operator and --as-of go with --replace');
    if (opts.dryRun) throw usage('--dry-run goes with --replace');
    return undefined;
  }
  if (kind !== 'assets') throw usage('--replace replaces an operator\'s inventory: give the kind assets');
  if (opts.operator === undefined) throw usage('--replace needs --operator <id>, the operator whose inventory the file is');
  const { Id, IsoDate } = await import('../../domain/index.js');
  return {
    operatorId: parseOption(Id, opts.operator, '--operator'),
    asOf: parseOption(IsoDate, opts.asOf ?? today(), '--as-of'),
    dryRun: opts.dryRun === true,
  };
}

const usage = (message: string) => new UserError(message);

async function summaryText(s: ImportSummary): Promise<string> {
  const { fmtInt } = await import('../../report/format.js');
  const { idList } = await import('./assets-text.js');
  const line =
    `${s.kind}: ${fmtInt(s.rows)} rows from ${s.file} — ${fmtInt(s.inserted)} inserted, ${fmtInt(s.updated)} updated, ` +
    `${fmtInt(s.unchanged)} unchanged (${(s.ms / 1000).toFixed(1)} s)\n`;
  const r = s.replacement;
  if (!r) return line;
  return [
    r.dryRun ? `dry run: nothing written. Replacing ${r.operatorId}'s inventory with ${s.file} would change:` : line.trimEnd(),
    `  added ${idList(r.added)}`,
    `  updated ${idList(r.updated)}`,
    `  unchanged ${fmtInt(r.unchanged)}`,
    `  decommissioned on ${r.asOf} ${idList(r.decommissioned)}`,
    '',
  ].join('\n');
}
