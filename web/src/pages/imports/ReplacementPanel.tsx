import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { Section } from '../../components/PageLayout';
import { ErrorState } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';
import { JobProgress } from './JobProgress';
import { submitUpload, type ImportJob } from './upload';

/*
 * Replacing one operator's whole inventory with a file: what the file does not hold is decommissioned.
 * It is first run dry (POST /imports/assets?replace=true&dryRun=true: nothing written), and what would
 * be added, changed and decommissioned is shown; only then can it be confirmed, which sends the same
 * file again as the real replacement.
 */

type Replacement = NonNullable<NonNullable<ImportJob['result']>['replacement']>;

function IdList({ label, ids }: { label: string; ids: string[] }) {
  const fmt = useFormat();
  return (
    <details className="id-list">
      <summary>
        {label}: {fmt.number(ids.length)}
      </summary>
      {ids.length > 0 && <p className="id-list-items">{ids.join(', ')}</p>}
    </details>
  );
}

function ReplacementSummary({ r }: { r: Replacement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="replacement-summary">
      <p>{t(r.dryRun ? 'imports.replace.wouldChange' : 'imports.replace.changed', { operator: r.operatorId, date: fmt.date(r.asOf) })}</p>
      <IdList label={t('imports.replace.added')} ids={r.added} />
      <IdList label={t('imports.replace.updated')} ids={r.updated} />
      <IdList label={t('imports.replace.decommissioned')} ids={r.decommissioned} />
      <p>{t('imports.replace.unchanged', { n: fmt.number(r.unchanged) })}</p>
    </div>
  );
}

export function ReplacementPanel({ file }: { file: File }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const opId = useId();
  const dateId = useId();
  const [operatorId, setOperatorId] = useState(session.reach.operatorId ?? '');
  const [asOf, setAsOf] = useState('');
  const [dryJob, setDryJob] = useState<string>();
  const [realJob, setRealJob] = useState<string>();
  const dry = useMutation({ mutationFn: () => submitUpload('assets', file, { operatorId, asOf: asOf || undefined, dryRun: true }), onSuccess: (j) => setDryJob(j.jobId) });
  const real = useMutation({ mutationFn: () => submitUpload('assets', file, { operatorId, asOf: asOf || undefined, dryRun: false }), onSuccess: (j) => setRealJob(j.jobId) });
  const onDry = (e: FormEvent) => {
    e.preventDefault();
    setDryJob(undefined);
    setRealJob(undefined);
    dry.mutate();
  };
  return (
    <Section id="replace" title={t('imports.replace.title')}>
      <p className="hint">{t('imports.replace.intro')}</p>
      <form className="form-grid" onSubmit={onDry}>
        <div className="field">
          <label htmlFor={opId}>{t('imports.replace.operator')}</label>
          <input id={opId} required value={operatorId} onChange={(e) => setOperatorId(e.target.value.trim())} readOnly={session.reach.operatorId !== undefined} />
        </div>
        <div className="field">
          <label htmlFor={dateId}>{t('imports.replace.asOf')}</label>
          <input id={dateId} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-describedby={`${dateId}-hint`} />
          <p className="hint" id={`${dateId}-hint`}>
            {t('imports.replace.asOfHint')}
          </p>
        </div>
        <div>
          <button type="submit" className="button" disabled={dry.isPending || !operatorId}>
            {t('imports.replace.dryRun')}
          </button>
        </div>
      </form>
      {dry.isError && <ErrorState error={dry.error} />}
      {dryJob && (
        <JobProgress jobId={dryJob}>
          {(job) =>
            job.result?.replacement ? (
              <>
                <ReplacementSummary r={job.result.replacement} />
                {!realJob && (
                  <button type="button" className="button button-primary" disabled={real.isPending} onClick={() => real.mutate()}>
                    {t('imports.replace.confirm', { operator: job.result.replacement.operatorId })}
                  </button>
                )}
              </>
            ) : null
          }
        </JobProgress>
      )}
      {real.isError && <ErrorState error={real.error} />}
      {realJob && <JobProgress jobId={realJob}>{(job) => (job.result?.replacement ? <ReplacementSummary r={job.result.replacement} /> : null)}</JobProgress>}
    </Section>
  );
}
