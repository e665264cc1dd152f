import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { DataTable, usePaging, type Columns } from '../../components/DataTable';
import { EmptyState, QueryView } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';
import type { ImportJob } from './upload';

/*
 * The import log: every import job of the caller's scope, newest first (GET /imports/jobs, paged by the
 * server), with its outcome, counts, who started it and when. Jobs outlive server restarts.
 */

const col = createColumnHelper<ImportJob>();

export function ImportLog() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [paging, setPage] = usePaging(20);
  const query = { limit: paging.size, offset: paging.index * paging.size };
  const q = useQuery({ queryKey: ['import-jobs', query], queryFn: () => call(api.GET('/api/v1/imports/jobs', { params: { query } })), placeholderData: keepPreviousData });
  const count = (j: ImportJob, k: 'rows' | 'inserted' | 'updated' | 'unchanged') => (j.result ? fmt.number(j.result[k]) : '—');
  const columns: Columns<ImportJob> = [
    col.accessor('createdAt', { header: t('imports.log.when'), cell: (c) => fmt.dateTime(c.getValue()) }),
    col.accessor('kind', { header: t('imports.log.kind'), cell: (c) => t(`imports.kinds.${c.getValue()}`, { defaultValue: c.getValue() }) }),
    col.accessor('fileName', { header: t('imports.log.file') }),
    col.accessor('status', {
      header: t('imports.log.outcome'),
      cell: (c) => (
        <span className={`job-outcome job-outcome-${c.getValue()}`}>
          {t(`imports.job.status.${c.getValue()}`)}
          {c.row.original.result?.replacement?.dryRun ? ` (${t('imports.log.dryRun')})` : ''}
        </span>
      ),
    }),
    col.display({ id: 'rows', header: t('imports.log.rows'), cell: (c) => count(c.row.original, 'rows') }),
    col.display({ id: 'inserted', header: t('imports.log.inserted'), cell: (c) => count(c.row.original, 'inserted') }),
    col.display({ id: 'updated', header: t('imports.log.updated'), cell: (c) => count(c.row.original, 'updated') }),
    col.display({ id: 'unchanged', header: t('imports.log.unchanged'), cell: (c) => count(c.row.original, 'unchanged') }),
    col.accessor('createdBy', { header: t('imports.log.who') }),
    col.accessor('error', { header: t('imports.log.error'), cell: (c) => c.getValue() ?? '' }),
  ];
  return (
    <QueryView query={q} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('imports.log.none')} />}>
      {(d) => <DataTable caption={t('imports.log.caption')} columns={columns} rows={d.items} total={d.total} paging={paging} onPage={setPage} rowKey={(j) => j.jobId} fetching={q.isFetching} />}
    </QueryView>
  );
}
