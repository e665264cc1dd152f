import type { Command } from 'commander';
import { UserError } from '../../domain/errors.js';
import { EXIT, type CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat } from '../options.js';
import { json } from '../io.js';
import { withStore } from '../store.js';

export function registerAudit(program: Command, { io, setExit }: CommandContext) {
  const audit = program.command('audit').description('the append-only, hash-chained audit trail');
  audit
    .command('verify')
    .description('check every entry against its hash and its predecessor; exit 1 and name the first broken entry')
    .option('--expect-head <seq:hash>', 'a head printed by an earlier check: fail unless that entry is still in the trail (shows removed newest entries)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { db?: string; expectHead?: string; format: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const { parseHead, verifyAudit } = await import('../../store/audit/index.js');
      const expect = opts.expectHead === undefined ? undefined : parseHead(opts.expectHead);
      if (opts.expectHead !== undefined && !expect) throw new UserError(`option --expect-head: give seq:hash (or the 64-hex hash) printed by an earlier check (got "${opts.expectHead}")`);
      await withStore(opts.db, async (store) => {
        const v = verifyAudit(store, expect);
        if (format === 'json') {
          io.out(json({ ok: v.ok, entries: v.entries, keyedFrom: v.keyedFrom, head: v.headRef, problem: v.problem ?? null }));
          if (!v.ok) setExit(EXIT.verdict);
          return;
        }
        const keyed = v.keyedFrom === null ? 'no entry keyed yet' : `keyed from entry ${v.keyedFrom} (key in ${store.keys.path})`;
        if (v.ok)
          io.out(
            `audit trail intact: ${v.entries} entries, ${keyed}; head ${v.headRef}\n` +
              `(keep the head elsewhere and pass it to --expect-head later: removed newest entries then show too)\n`,
          );
        else {
          io.out(`audit trail BROKEN at entry ${v.problem!.seq} (${v.problem!.kind}): ${v.problem!.detail}\n${v.entries} entries before it verify.\n`);
          setExit(EXIT.verdict);
        }
      });
    });
}
