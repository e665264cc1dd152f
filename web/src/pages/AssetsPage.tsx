import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { DataTable, usePaging, type Columns } from '../components/DataTable';
import { FiltersBar, SelectFilter, TextFilter, useFilters } from '../components/FiltersBar';
import { PageLayout } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';

/*
 * The assets of the user's scope (GET /assets), filtered, sorted and paged by the server: filters and
 * order in the URL, the columns shown chosen by the reader (kept in localStorage), the current filter
 * exported as CSV by the server (GET /assets/export), each asset opening its page (/assets/:id). Text
 * filters wait for a pause in typing. Totals come from the counts the server keeps, so no page counts
 * rows; a deep page or another order is the server's work, rows in view only are rendered (DataTable).
 */

type Asset = Schemas['Asset'];
type AssetQuery = NonNullable<paths['/api/v1/assets']['get']['parameters']['query']>;
type Sort = NonNullable<AssetQuery['sort']>;
const listAssets = (query: AssetQuery) => call(api.GET('/api/v1/assets', { params: { query } }));
const SEGMENTS: Asset['segment'][] = ['core', 'ran', 'transport', 'management', 'interconnection', 'lawful-interception', 'support', 'it-cloud'];
const CRITICALITIES = ['critical', 'sensitive', 'other'] as const;
const FILTERS = ['segment', 'criticality', 'operatorId', 'supplierId', 'function'] as const;
/** every column, in order; the API's sort names */
const COLUMN_IDS = ['assetId', 'operatorId', 'segment', 'function', 'supplierId', 'productId', 'softwareVersion', 'quantity', 'region', 'inService', 'endOfSupport'] as const;
type ColumnId = (typeof COLUMN_IDS)[number];
const DEFAULT_COLUMNS: ColumnId[] = ['assetId', 'operatorId', 'segment', 'function', 'supplierId', 'quantity', 'endOfSupport'];
const COLUMNS_KEY = 'secure5g.assets.columns';
const DEBOUNCE_MS = 350;
const col = createColumnHelper<Asset>();

function storedColumns(): ColumnId[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(v)) {
      const ids = v.filter((x): x is ColumnId => (COLUMN_IDS as readonly string[]).includes(x));
      if (ids.length > 0) return ids;
    }
  } catch {
    // a damaged entry: the default columns
  }
  return DEFAULT_COLUMNS;
}

export default function AssetsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { values, set, reset } = useFilters(FILTERS);
  const [params, setParams] = useSearchParams();
  const [paging, setPage] = usePaging(50);
  const [shown, setShown] = useState<ColumnId[]>(storedColumns);
  const sort = (COLUMN_IDS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : undefined;
  const order: 'asc' | 'desc' = params.get('order') === 'desc' ? 'desc' : 'asc';
  const filters = {
    ...(values.segment ? { segment: values.segment as Asset['segment'] } : {}),
    ...(values.criticality ? { criticality: values.criticality as (typeof CRITICALITIES)[number] } : {}),
    ...(values.operatorId ? { operatorId: values.operatorId } : {}),
    ...(values.supplierId ? { supplierId: values.supplierId } : {}),
    ...(values.function ? { function: values.function } : {}),
  };
  const query = { limit: paging.size, offset: paging.index * paging.size, ...filters, ...(sort ? { sort, order } : {}) };
  const q = useQuery({ queryKey: ['assets', query], queryFn: () => listAssets(query), placeholderData: keepPreviousData });

  const toggleSort = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      // ascending, then descending, then back to the asset id order
      if ((p.get('sort') ?? 'assetId') !== id) (next.set('sort', id), next.delete('order'));
      else if (p.get('order') !== 'desc') next.set('order', 'desc');
      else (next.delete('sort'), next.delete('order'));
      next.delete('page');
      return next;
    });
  const choose = (id: ColumnId, on: boolean) => {
    const next = COLUMN_IDS.filter((c) => (c === id ? on : shown.includes(c)));
    if (next.length === 0) return;
    setShown(next);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
  };
  const date = (v: string | undefined) => (v ? fmt.date(v) : '—');
  const text = (v: string | undefined) => v ?? '—';
  const all: Record<ColumnId, Columns<Asset>[number]> = {
    assetId: col.accessor('assetId', { id: 'assetId', header: t('assets.id'), cell: (c) => <Link to={`/assets/${encodeURIComponent(c.getValue())}`}>{c.getValue()}</Link> }),
    operatorId: col.accessor('operatorId', { id: 'operatorId', header: t('assets.operator') }),
    segment: col.accessor('segment', { id: 'segment', header: t('assets.segment'), cell: (c) => t(`segments.${c.getValue()}`) }),
    function: col.accessor('function', { id: 'function', header: t('assets.function') }),
    supplierId: col.accessor('supplierId', { id: 'supplierId', header: t('assets.supplier') }),
    productId: col.accessor('productId', { id: 'productId', header: t('assets.product'), cell: (c) => text(c.getValue()) }),
    softwareVersion: col.accessor('softwareVersion', { id: 'softwareVersion', header: t('assets.softwareVersion'), cell: (c) => text(c.getValue()) }),
    quantity: col.accessor('quantity', { id: 'quantity', header: t('assets.quantity'), cell: (c) => fmt.number(c.getValue(), 2) }),
    region: col.accessor('region', { id: 'region', header: t('assets.region'), cell: (c) => text(c.getValue()) }),
    inService: col.accessor('inService', { id: 'inService', header: t('assets.inService'), cell: (c) => date(c.getValue()) }),
    endOfSupport: col.accessor('endOfSupport', { id: 'endOfSupport', header: t('assets.endOfSupport'), cell: (c) => date(c.getValue()) }),
  };
  const columns = COLUMN_IDS.filter((c) => shown.includes(c)).map((c) => all[c]);
  const exportHref = `/api/v1/assets/export?${new URLSearchParams(filters as Record<string, string>).toString()}`;

  return (
    <PageLayout
      title={t('assets.title')}
      description={t('assets.description')}
      actions={
        // a plain link: the browser downloads the server's stream (the whole filter, however large) with the session cookie
        <a className="button" href={exportHref} download>
          {t('assets.export')}
        </a>
      }
    >
      <FiltersBar label={t('assets.filters')} onReset={reset}>
        <SelectFilter label={t('assets.segment')} value={values.segment} options={SEGMENTS.map((s) => ({ value: s, label: t(`segments.${s}`) }))} onChange={(v) => set('segment', v)} />
        <SelectFilter label={t('assets.criticality')} value={values.criticality} options={CRITICALITIES.map((c) => ({ value: c, label: t(`assets.criticalities.${c}`) }))} onChange={(v) => set('criticality', v)} />
        <TextFilter label={t('assets.operator')} value={values.operatorId} onChange={(v) => set('operatorId', v)} debounceMs={DEBOUNCE_MS} />
        <TextFilter label={t('assets.supplier')} value={values.supplierId} onChange={(v) => set('supplierId', v)} debounceMs={DEBOUNCE_MS} />
        <TextFilter label={t('assets.function')} value={values.function} onChange={(v) => set('function', v)} debounceMs={DEBOUNCE_MS} />
      </FiltersBar>
      <details className="column-choice">
        <summary>{t('assets.columns')}</summary>
        <fieldset>
          <legend className="visually-hidden">{t('assets.columns')}</legend>
          {COLUMN_IDS.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={shown.includes(c)} disabled={shown.length === 1 && shown.includes(c)} onChange={(e) => choose(c, e.target.checked)} />{' '}
              {String(all[c].header)}
            </label>
          ))}
        </fieldset>
      </details>
      <QueryView query={q} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('assets.none')} />}>
        {(d) => (
          <DataTable
            caption={t('assets.caption')}
            columns={columns}
            rows={d.items}
            total={d.total}
            paging={paging}
            onPage={setPage}
            rowKey={(a) => a.assetId}
            fetching={q.isFetching}
            sort={{ id: sort ?? 'assetId', order: sort ? order : 'asc' }}
            onSort={{ sortable: COLUMN_IDS, toggle: toggleSort }}
          />
        )}
      </QueryView>
    </PageLayout>
  );
}
