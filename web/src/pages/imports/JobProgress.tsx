import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorState } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';
import { finished, type ImportJob } from './upload';

/*
 * An import job followed to its end: GET /imports/jobs/{id} every second while it is queued or running,
 * a progress bar with its figure in words, and the outcome (counts, or the import's own error naming
 * file, row and field). The status line is a polite live region, so a screen reader hears it change.
 */

const POLL_MS = 1000;

export const jobQuery = (jobId: string) => ({
  queryKey: ['import-job', jobId],
  queryFn: () => call(api.GET('/api/v1/imports/jobs/{jobId}', { params: { path: { jobId } } })),
});

export function useJob(jobId: string | undefined) {
  const client = useQueryClient();
  const q = useQuery({
    ...jobQuery(jobId ?? ''),
    enabled: jobId !== undefined,
    refetchInterval: (query) => (finished(query.state.data) ? false : POLL_MS),
  });
  const done = finished(q.data);
  useEffect(() => {
    // the log lists the job with its outcome once it has one
    if (done) void client.invalidateQueries({ queryKey: ['import-jobs'] });
  }, [done, client]);
  return q;
}

export function JobProgress({ jobId, children }: { jobId: string; children?: (job: ImportJob) => React.ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const q = useJob(jobId);
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const job = q.data;
  const share = job?.progress && job.progress.total > 0 ? Math.min(1, job.progress.done / job.progress.total) : undefined;
  const status = job?.status ?? 'queued';
  const words =
    status === 'running' && share !== undefined
      ? t('imports.job.runningShare', { share: fmt.percent(share) })
      : t(`imports.job.status.${status}`);
  return (
    <div className={`job job-${status}`}>
      <label htmlFor={id}>{t('imports.job.progress', { file: job?.fileName ?? '' })}</label>
      <progress id={id} max={1} value={status === 'done' ? 1 : (share ?? (status === 'failed' ? 0 : undefined))} aria-valuetext={words} />
      <p role="status" aria-live="polite" className="job-status">
        {words}
      </p>
      {job?.status === 'done' && job.result && (
        <p className="form-success">
          {t('imports.job.result', {
            rows: fmt.number(job.result.rows),
            inserted: fmt.number(job.result.inserted),
            updated: fmt.number(job.result.updated),
            unchanged: fmt.number(job.result.unchanged),
          })}
        </p>
      )}
      {job?.status === 'failed' && (
        <div className="status status-error" role="alert">
          <p className="status-title">{t('imports.job.failed')}</p>
          <p className="status-detail job-error">{job.error}</p>
        </div>
      )}
      {job && children?.(job)}
    </div>
  );
}
