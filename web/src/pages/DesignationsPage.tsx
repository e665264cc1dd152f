import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { usePaging } from '../components/DataTable';
import { FiltersBar, SelectFilter, TextFilter, useFilters } from '../components/FiltersBar';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import { DesignationsTable } from './suppliers/DesignationsTable';
import type { Designation } from './suppliers/shapes';

/*
 * The designations of the member states in the user's scope (GET /designations), grouped by member
 * state, filtered by status and supplier in the URL. Each opens its page: timeline, history, the
 * profile it rests on, and revocation for its own authority.
 */

const STATUSES: Designation['status'][] = ['proposed', 'in-force', 'revoked'];
const FILTERS = ['status', 'supplierId', 'memberState'] as const;
const PAGE = 200;

export default function DesignationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { values, set, reset } = useFilters(FILTERS);
  const [paging, setPage] = usePaging(PAGE);
  const ms = /^[A-Za-z]{2}$/.test(values.memberState) ? values.memberState.toUpperCase() : undefined;
  const query = {
    limit: PAGE,
    offset: paging.index * PAGE,
    ...(values.status ? { status: values.status as Designation['status'] } : {}),
    ...(values.supplierId ? { supplierId: values.supplierId } : {}),
    ...(ms ? { memberState: ms } : {}),
  };
  const q = useQuery({ queryKey: ['designations', query], queryFn: () => call(api.GET('/api/v1/designations', { params: { query } })), placeholderData: keepPreviousData });

  return (
    <PageLayout title={t('designations.title')} description={t('designations.description')}>
      <FiltersBar label={t('designations.filters')} onReset={reset}>
        <SelectFilter label={t('designations.status')} value={values.status} options={STATUSES.map((s) => ({ value: s, label: t(`designations.statuses.${s}`) }))} onChange={(v) => set('status', v)} />
        <TextFilter label={t('designations.memberState')} value={values.memberState} onChange={(v) => set('memberState', v)} />
        <TextFilter label={t('designations.supplier')} value={values.supplierId} onChange={(v) => set('supplierId', v)} />
      </FiltersBar>
      <QueryView query={q} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('designations.none')} />}>
        {(d) => {
          const byState = [...new Set(d.items.map((x) => x.memberState))].sort();
          return (
            <>
              <p aria-live="polite">{t('designations.count', { shown: fmt.number(d.items.length), total: fmt.number(d.total) })}</p>
              {byState.map((m) => (
                <Section key={m} id={`ms-${m}`} title={t('designations.ofMemberState', { memberState: m })}>
                  <DesignationsTable items={d.items.filter((x) => x.memberState === m)} caption={t('designations.caption', { memberState: m })} />
                </Section>
              ))}
              {d.total > PAGE && (
                <nav className="pager" aria-label={t('designations.pages')}>
                  <button type="button" className="button" disabled={paging.index === 0} onClick={() => setPage(paging.index - 1)}>
                    {t('table.previous')}
                  </button>
                  <button type="button" className="button" disabled={(paging.index + 1) * PAGE >= d.total} onClick={() => setPage(paging.index + 1)}>
                    {t('table.next')}
                  </button>
                </nav>
              )}
            </>
          );
        }}
      </QueryView>
    </PageLayout>
  );
}
