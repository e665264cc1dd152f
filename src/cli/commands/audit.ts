import type { Command } from 'commander';
import { verifyAudit } from '../../store/audit/index.js';
import { EXIT, type CommandContext } from '../main.js';
import { dbOption } from '../options.js';
import { withStore } from '../store.js';

export function registerAudit(program: Command, { io, setExit }: CommandContext) {
  const audit = program.command('audit').description('the append-only, hash-chained audit trail');
  audit
    .command('verify')
    .description('check every entry against its hash and its predecessor; exit 1 and name the first broken entry')
    .addOption(dbOption())
    .action(async (opts: { db?: string }) => {
      await withStore(opts.db, async (store) => {
        const v = verifyAudit(store);
        if (v.ok) io.out(`audit trail intact: ${v.entries} entries; head ${v.head}\n(keep the head elsewhere: a later check against it also shows removed newest entries)\n`);
        else {
          io.out(`audit trail BROKEN at entry ${v.problem!.seq} (${v.problem!.kind}): ${v.problem!.detail}\n${v.entries} entries before it verify.\n`);
          setExit(EXIT.verdict);
        }
      });
    });
}
