import type { Command } from 'commander';
import type { z as Z } from 'zod';
import { UserError } from '../../domain/errors.js';
import type { Asset, Criticality } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption } from '../options.js';
import { json } from '../io.js';

/*
 * `assets list`: the inventory in service, filtered as GET /api/v1/assets filters it (the same store
 * read, so the two cannot disagree) and paged the same way: --limit and --offset, or --after the `next`
 * asset id of the page before. Heavy modules load inside the action (start-up speed: bench/CLI-NOTES.md).
 */

interface ListOptions {
  memberState?: string;
  operator?: string;
  segment?: string;
  function?: string;
  supplier?: string;
  product?: string;
  criticality?: string;
  limit: string;
  offset?: string;
  after?: string;
  format: string;
  db?: string;
}

export function registerAssetsList(assets: Command, { io }: CommandContext) {
  assets
    .command('list')
    .description('assets in service by asset id, a page at a time, filtered; criticality as the engine derives it under the policy in force')
    .option('--member-state <code>', 'only this member state (ISO 3166-1 alpha-2)')
    .option('--operator <id>', 'only this operator')
    .option('--segment <segment>', 'only this segment (core, ran, transport, …)')
    .option('--function <id>', 'only this function (gNB, AMF, …)')
    .option('--supplier <id>', 'only this supplier')
    .option('--product <id>', 'only this product')
    .option('--criticality <level>', 'critical | sensitive | other')
    .option('--limit <n>', 'rows per page (1–1000)', '100')
    .option('--offset <n>', 'skip this many rows first')
    .option('--after <assetId>', 'the page after this asset id (the `next` of the page before; cheap at any depth)')
    .addOption(formatOption(['table', 'csv', 'json']))
    .addOption(dbOption())
    .action(async (o: ListOptions) => {
      const format = outputFormat(o.format, ['table', 'csv', 'json']);
      const { z } = await import('zod');
      const { Criticality, Id, MemberStateCode, SegmentId } = await import('../../domain/index.js');
      const { MAX_PAGE } = await import('../../store/access/page-size.js');
      const Count = (min: number, max: number) => z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
      const maybe = <S extends Z.ZodType>(schema: S, value: string | undefined, option: string) => (value === undefined ? undefined : parseOption(schema, value, option));
      if (o.offset !== undefined && o.after !== undefined) throw new UserError('--offset and --after are two ways to page: give one');
      const filter = {
        memberState: maybe(MemberStateCode, o.memberState, '--member-state'),
        operatorId: maybe(Id, o.operator, '--operator'),
        segment: maybe(SegmentId, o.segment?.toLowerCase(), '--segment'),
        function: maybe(Id, o.function, '--function'),
        supplierId: maybe(Id, o.supplier, '--supplier'),
        productId: maybe(Id, o.product, '--product'),
        criticality: maybe(Criticality, o.criticality?.toLowerCase(), '--criticality'),
        limit: parseOption(Count(1, MAX_PAGE), o.limit, '--limit'),
        offset: maybe(Count(0, Number.MAX_SAFE_INTEGER), o.offset, '--offset'),
        after: maybe(Id, o.after, '--after'),
      };
      const { withStore } = await import('../store.js');
      await withStore(o.db, async (store) => {
        const { listAssets } = await import('../../store/access/inventory.js');
        const { CLI_SCOPE } = await import('./assessment-runs.js');
        const page = listAssets(store, CLI_SCOPE, filter);
        if (format === 'json') return io.out(json(page));
        if (format === 'csv') return io.out(await assetsCsv(page.items));
        io.out(await assetsTable(store, page, filter.after));
      });
    });
}

async function assetsCsv(items: readonly Asset[]): Promise<string> {
  const { CSV_COLUMNS, csvLine } = await import('../../demo/csv.js');
  // the import format's columns (docs/data-formats.md): a page written out can be imported again
  return CSV_COLUMNS.assets.join(',') + '\n' + items.map((a) => csvLine(a, CSV_COLUMNS.assets)).join('');
}

async function assetsTable(store: Store, page: { items: Asset[]; total: number; offset: number; next?: string }, after: string | undefined): Promise<string> {
  const [{ renderTable }, { fmtInt, fmtNum }, { criticalityOf }, { effectivePolicyOf }, { getOperator }, { CLI_SCOPE }] = await Promise.all([
    import('../../report/table.js'),
    import('../../report/format.js'),
    import('../../engine/criticality.js'),
    import('../../store/effective-policy.js'),
    import('../../store/access/inventory.js'),
    import('./assessment-runs.js'),
  ]);
  if (page.items.length === 0) return page.total === 0 ? 'no assets match\n' : `no assets on this page (${fmtInt(page.total)} match: lower --offset)\n`;
  const memberStates = new Map<string, string>();
  for (const id of new Set(page.items.map((a) => a.operator_id))) memberStates.set(id, getOperator(store, CLI_SCOPE, id)?.member_state ?? '');
  const policies = new Map<string, ReturnType<typeof effectivePolicyOf>>();
  const criticality = (a: Asset): Criticality => {
    const ms = memberStates.get(a.operator_id)!;
    if (!policies.has(ms)) policies.set(ms, effectivePolicyOf(store, ms));
    return criticalityOf(policies.get(ms)!, a.segment, a.function);
  };
  const table = renderTable(page.items, [
    { header: 'asset', value: (a) => a.asset_id },
    { header: 'operator', value: (a) => a.operator_id },
    { header: 'ms', value: (a) => memberStates.get(a.operator_id) ?? '' },
    { header: 'segment', value: (a) => a.segment },
    { header: 'function', value: (a) => a.function },
    { header: 'criticality', value: criticality },
    { header: 'supplier', value: (a) => a.supplier_id },
    { header: 'product', value: (a) => a.product_id ?? '' },
    { header: 'quantity', value: (a) => fmtNum(a.quantity), align: 'right' },
  ]);
  const range =
    after !== undefined
      ? `${fmtInt(page.items.length)} rows after ${after}, of ${fmtInt(page.total)} matching`
      : page.offset > 0 || page.items.length < page.total
        ? `rows ${fmtInt(page.offset + 1)}–${fmtInt(page.offset + page.items.length)} of ${fmtInt(page.total)}`
        : `${fmtInt(page.total)} asset${page.total === 1 ? '' : 's'}`;
  const more = page.next !== undefined ? `; next page: --after ${page.next}` : '';
  return `${table}\n${range}${more}\n`;
}
