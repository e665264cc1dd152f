import type { Command } from 'commander';
import { UserError } from '../../domain/errors.js';
import type { Id, IsoDate } from '../../domain/primitives.js';
import type { RegisterImportSummary } from '../../services/ownership.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption } from '../options.js';
import { withStore } from '../store.js';

const FORMATS = ['table', 'json'] as const;

function summaryText(s: RegisterImportSummary): string {
  return (
    `${s.kind}: ${s.rows} rows from ${s.file} — ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged` +
    `${s.kind === 'holdings' ? `, ${s.deleted} deleted` : ''}\n`
  );
}

/** `entity`, `holding` and `supplier control`: the ownership registers and the control look-through. */
export function registerOwnership(program: Command, { io }: CommandContext): void {
  const entity = program.command('entity').description('entities of the ownership graph: companies, investment vehicles, governments, state bodies, individuals');
  entity
    .command('import')
    .description('import an entities register (CSV, JSON or XLSX: entity_id, name, kind, country) in one transaction, upserting by entity_id')
    .argument('<file>', '.csv, .json or .xlsx')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (file: string, opts: { format: string; db?: string }) => {
      const { importEntities } = await import('../../services/ownership.js');
      const format = outputFormat(opts.format, FORMATS);
      await withStore(opts.db, async (store) => {
        const s = await importEntities(store, file);
        io.out(format === 'json' ? json(s) : summaryText(s));
      }, { createWith: io });
    });
  entity
    .command('list')
    .description('list the entities of the ownership graph, suppliers without an entities row included (source: supplier)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: string; db?: string }) => {
      const { entitiesText } = await import('./ownership-text.js');
      const { listEntities } = await import('../../store/ownership.js');
      const format = outputFormat(opts.format, FORMATS);
      await withStore(opts.db, async (store) => {
        const list = await listEntities(store);
        io.out(format === 'json' ? json(list) : entitiesText(list));
      });
    });
  entity
    .command('show')
    .description('show one entity with the holdings in it and the holdings it has')
    .argument('<entity_id>')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (id: string, opts: { format: string; db?: string }) => {
      const { entityText } = await import('./ownership-text.js');
      const { getEntity, listHoldings } = await import('../../store/ownership.js');
      const format = outputFormat(opts.format, FORMATS);
      await withStore(opts.db, async (store) => {
        const e = await getEntity(store, id);
        if (!e) throw new UserError(`no entity or supplier ${id} is recorded`);
        const [heldBy, holds] = await Promise.all([listHoldings(store, { heldId: id }), listHoldings(store, { holderId: id })]);
        io.out(format === 'json' ? json({ entity: e, heldBy, holds }) : entityText(e, heldBy, holds));
      });
    });

  const holding = program.command('holding').description('holdings: who holds how much of whom, with votes, control rights and dates');
  holding
    .command('import')
    .description('import a holdings register (CSV, JSON or XLSX) in one transaction, upserting by holder_id, held_id and since')
    .argument('<file>', '.csv, .json or .xlsx')
    .option('--replace', 'the file lists every holding in each entity it names as held: delete stored holdings in those entities it does not list')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (file: string, opts: { format: string; replace?: boolean; db?: string }) => {
      const { importHoldings } = await import('../../services/ownership.js');
      const format = outputFormat(opts.format, FORMATS);
      await withStore(opts.db, async (store) => {
        const s = await importHoldings(store, file, { replace: opts.replace === true });
        io.out(format === 'json' ? json(s) : summaryText(s));
      }, { createWith: io });
    });
  holding
    .command('list')
    .description('list holdings, optionally only those of or in one entity')
    .option('--entity <entity_id>', 'holdings where this entity is holder or held')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { entity?: string; format: string; db?: string }) => {
      const { holdingsText } = await import('./ownership-text.js');
      const { listHoldings } = await import('../../store/ownership.js');
      const { Id } = await import('../../domain/primitives.js');
      const format = outputFormat(opts.format, FORMATS);
      const entityId = opts.entity === undefined ? undefined : parseOption(Id, opts.entity, '--entity');
      await withStore(opts.db, async (store) => {
        const list = await listHoldings(store, entityId === undefined ? {} : { entityId });
        io.out(format === 'json' ? json(list) : holdingsText(list));
      });
    });

  const supplier = program.command('supplier').description('suppliers: ownership and control');
  supplier
    .command('control')
    .description('look-through owners, ultimate controllers, state shares per country and whether control sits outside the EU/EEA')
    .argument('<supplier_id>')
    .option('--as-of <date>', 'leave out holdings dated after this day (YYYY-MM-DD)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (supplierId: string, opts: { asOf?: string; format: string; db?: string }) => {
      const { controlText } = await import('./ownership-text.js');
      const { supplierControl } = await import('../../services/ownership.js');
      const { IsoDate } = await import('../../domain/primitives.js');
      const format = outputFormat(opts.format, FORMATS);
      const asOf = opts.asOf === undefined ? undefined : parseOption(IsoDate, opts.asOf, '--as-of');
      await withStore(opts.db, async (store) => {
        const r = await supplierControl(store, supplierId, asOf);
        io.out(format === 'json' ? json(r) : controlText(r, asOf));
      });
    });
}
