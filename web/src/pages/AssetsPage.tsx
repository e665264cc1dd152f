import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { DataTable, usePaging, type Columns } from '../components/DataTable';
import { FiltersBar, SelectFilter, TextFilter, useFilters } from '../components/FiltersBar';
import { PageLayout } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';

/*
 * The assets of the user's scope (GET /assets), filtered and paged by the server: the example of a
 * list page (filters in the URL, DataTable, the four states). Segments come from the API's own enum.
 */

type Asset = Schemas['Asset'];
const SEGMENTS: Asset['segment'][] = ['core', 'ran', 'transport', 'management', 'interconnection', 'lawful-interception', 'support', 'it-cloud'];
const FILTERS = ['segment', 'operatorId', 'supplierId'] as const;
const col = createColumnHelper<Asset>();

export default function AssetsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { values, set, reset } = useFilters(FILTERS);
  const [paging, setPage] = usePaging(50);
  const query = {
    limit: paging.size,
    offset: paging.index * paging.size,
    ...(values.segment ? { segment: values.segment as Asset['segment'] } : {}),
    ...(values.operatorId ? { operatorId: values.operatorId } : {}),
    ...(values.supplierId ? { supplierId: values.supplierId } : {}),
  };
  const q = useQuery({ queryKey: ['assets', query], queryFn: () => call(api.GET('/api/v1/assets', { params: { query } })), placeholderData: keepPreviousData });

  const columns: Columns<Asset> = [
    col.accessor('assetId', { header: t('assets.id') }),
    col.accessor('operatorId', { header: t('assets.operator') }),
    col.accessor('segment', { header: t('assets.segment'), cell: (c) => t(`segments.${c.getValue()}`) }),
    col.accessor('function', { header: t('assets.function') }),
    col.accessor('supplierId', { header: t('assets.supplier') }),
    col.accessor('quantity', { header: t('assets.quantity'), cell: (c) => fmt.number(c.getValue()) }),
    col.accessor('endOfSupport', { header: t('assets.endOfSupport'), cell: (c) => (c.getValue() ? fmt.date(c.getValue()!) : '—') }),
  ];

  return (
    <PageLayout title={t('assets.title')} description={t('assets.description')}>
      <FiltersBar label={t('assets.filters')} onReset={reset}>
        <SelectFilter label={t('assets.segment')} value={values.segment} options={SEGMENTS.map((s) => ({ value: s, label: t(`segments.${s}`) }))} onChange={(v) => set('segment', v)} />
        <TextFilter label={t('assets.operator')} value={values.operatorId} onChange={(v) => set('operatorId', v)} />
        <TextFilter label={t('assets.supplier')} value={values.supplierId} onChange={(v) => set('supplierId', v)} />
      </FiltersBar>
      <QueryView query={q} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('assets.none')} />}>
        {(d) => <DataTable caption={t('assets.caption')} columns={columns} rows={d.items} total={d.total} paging={paging} onPage={setPage} rowKey={(a) => a.assetId} fetching={q.isFetching} />}
      </QueryView>
    </PageLayout>
  );
}
