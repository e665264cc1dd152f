import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { DataTable, usePaging, type Columns } from '../components/DataTable';
import { FiltersBar, TextFilter, useFilters } from '../components/FiltersBar';
import { PageLayout } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import type { Supplier } from './suppliers/shapes';

/*
 * The suppliers (GET /suppliers): shared reference data every role reads, filtered by name or id and
 * by the country of the head office, paged by the server. Each opens its supplier page.
 */

const FILTERS = ['q', 'hqCountry'] as const;
const col = createColumnHelper<Supplier>();

export default function SuppliersPage() {
  const { t } = useTranslation();
  const { values, set, reset } = useFilters(FILTERS);
  const [paging, setPage] = usePaging(50);
  const country = /^[A-Za-z]{2}$/.test(values.hqCountry) ? values.hqCountry.toUpperCase() : undefined;
  const query = { limit: paging.size, offset: paging.index * paging.size, ...(values.q ? { q: values.q } : {}), ...(country ? { hqCountry: country } : {}) };
  const q = useQuery({ queryKey: ['suppliers', query], queryFn: () => call(api.GET('/api/v1/suppliers', { params: { query } })), placeholderData: keepPreviousData });

  const columns: Columns<Supplier> = [
    col.accessor('name', { header: t('suppliers.name'), cell: (c) => <Link to={`/suppliers/${encodeURIComponent(c.row.original.supplierId)}`}>{c.getValue()}</Link> }),
    col.accessor('supplierId', { header: t('suppliers.id') }),
    col.accessor('hqCountry', { header: t('suppliers.hqCountry'), cell: (c) => c.getValue() ?? '—' }),
  ];

  return (
    <PageLayout title={t('suppliers.title')} description={t('suppliers.description')}>
      <FiltersBar label={t('suppliers.filters')} onReset={reset}>
        <TextFilter label={t('suppliers.search')} value={values.q} onChange={(v) => set('q', v)} />
        <TextFilter label={t('suppliers.hqCountry')} value={values.hqCountry} onChange={(v) => set('hqCountry', v)} />
      </FiltersBar>
      <QueryView query={q} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('suppliers.none')} />}>
        {(d) => <DataTable caption={t('suppliers.caption')} columns={columns} rows={d.items} total={d.total} paging={paging} onPage={setPage} rowKey={(s) => s.supplierId} fetching={q.isFetching} />}
      </QueryView>
    </PageLayout>
  );
}
