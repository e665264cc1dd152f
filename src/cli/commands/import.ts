import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { cliActor } from '../actor.js';
import { appendAudit } from '../../store/audit/index.js';
import type { Command } from 'commander';
import { z } from 'zod';
import { UserError } from '../../domain/index.js';
import { IMPORT_KINDS, importFile, type ImportSummary } from '../../interchange/index.js';
import { fmtInt } from '../../report/format.js';
import type { CommandContext } from '../main.js';
import { openOrCreateStore } from '../store.js';
import { dbOption, optionSchemas, parseOption, today } from '../options.js';
import { progressReporter } from '../progress.js';
import { idList } from './assets-text.js';

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
    .option('--format <format>', 'text | json', 'text')
    .addOption(dbOption())
    .action(async (kindArg: string, file: string, opts: ImportOpts) => {
      const kind = parseOption(z.enum(IMPORT_KINDS, { error: `must be one of ${IMPORT_KINDS.join(', ')}` }), kindArg, '<kind>');
      const format = parseOption(z.enum(['text', 'json']), opts.format, '--format');
      const replace = replaceOptions(kind, opts);
      const store = await openOrCreateStore(opts.db, io);
      const progress = progressReporter(io, `import ${kind}`);
      try {
        const actor = cliActor();
        const s = await importFile(store, kind, file, { onProgress: progress.update, actor: actor.name, ...(replace ? { replace } : {}) });
        progress.stop();
        // the rows are committed: the trail records who loaded which file (by name and digest, never its content)
        if (!replace?.dryRun)
          appendAudit(store, actor, {
            action: `import.${kind}`,
            targetType: 'import',
            targetId: basename(file),
            detail: { file: basename(file), sha256: await fileSha256(file), rows: s.rows, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged },
          });
        io.out(format === 'json' ? `${JSON.stringify(s, null, 2)}\n` : summaryText(s));
      } finally {
        progress.stop();
        await store.close();
      }
    });
}

/** The replacement options, checked: --replace needs an asset import and --operator; the others need --replace. */
function replaceOptions(kind: string, opts: ImportOpts) {
  if (!opts.replace) {
    if (opts.operator !== undefined || opts.asOf !== undefined) throw usage('--operator and --as-of go with --replace');
    if (opts.dryRun) throw usage('--dry-run goes with --replace');
    return undefined;
  }
  if (kind !== 'assets') throw usage('--replace replaces an operator\'s inventory: give the kind assets');
  if (opts.operator === undefined) throw usage('--replace needs --operator <id>, the operator whose inventory the file is');
  return {
    operatorId: parseOption(optionSchemas.Id, opts.operator, '--operator'),
    asOf: parseOption(optionSchemas.IsoDate, opts.asOf ?? today(), '--as-of'),
    dryRun: opts.dryRun === true,
  };
}

const usage = (message: string) => new UserError(message);

function summaryText(s: ImportSummary): string {
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

async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}
