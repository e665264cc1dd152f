import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { Section } from '../../components/PageLayout';
import { EmptyState, ErrorState, QueryView } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';
import { MEASURE_STATUSES, scopeKey, scopeLabel, type ImplementationRow, type ScopeRef } from './scopes';

/*
 * One measure at one scope: every status recorded, oldest first (GET /implementation/history), and for
 * whoever may write (implementation.write) a form recording a new status with its evidence
 * (POST /implementation, audited). The server checks the scope; its field errors are shown by the field.
 */

const todayIso = () => new Date().toISOString().slice(0, 10);

export function MeasureEditor({ measure, title, scope, current, onClose }: { measure: ImplementationRow['measure']; title: string; scope: ScopeRef; current?: ImplementationRow; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { can } = useSession();
  const where = scopeLabel(scope, t);
  const history = useQuery({
    queryKey: ['implementation', 'history', measure, scopeKey(scope)],
    queryFn: () => call(api.GET('/api/v1/implementation/history', { params: { query: { measure, scope: scopeKey(scope), limit: 1000 } } })),
  });

  return (
    <Section id="measure-detail" title={t('measures.detailTitle', { measure, scope: where })} aside={<button type="button" className="button button-quiet" onClick={onClose}>{t('measures.close')}</button>}>
      <p className="measure-full-title">{title}</p>
      <div className="grid-2">
        {can('implementation.write') ? <StatusForm measure={measure} scope={scope} current={current} /> : <p className="hint">{t('measures.readOnly')}</p>}
        <div>
          <h3>{t('measures.history')}</h3>
          <QueryView query={history} isEmpty={(h) => h.total === 0} empty={<EmptyState title={t('measures.noHistory')} />}>
            {(h) => (
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('measures.history')}>
                <table className="measure-history">
                  <caption className="visually-hidden">{t('measures.historyCaption', { measure, scope: where })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('measures.recordedOn')}</th>
                      <th scope="col">{t('measures.statusLabel')}</th>
                      <th scope="col">{t('measures.evidence')}</th>
                      <th scope="col">{t('measures.owner')}</th>
                      <th scope="col">{t('measures.dueDate')}</th>
                      <th scope="col">{t('measures.source')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...h.items].reverse().map((r) => (
                      <tr key={r.rowId}>
                        <td>{fmt.date(r.recordedOn)}</td>
                        <td>{t(`measures.status.${r.status}`)}</td>
                        <td className="wrap">{r.evidence ?? '—'}</td>
                        <td>{r.owner ?? '—'}</td>
                        <td>{r.dueDate ? fmt.date(r.dueDate) : '—'}</td>
                        <td>{r.source}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </QueryView>
        </div>
      </div>
    </Section>
  );
}

function StatusForm({ measure, scope, current }: { measure: ImplementationRow['measure']; scope: ScopeRef; current?: ImplementationRow }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const id = useId();
  const [status, setStatus] = useState<ImplementationRow['status']>(current?.status ?? 'planned');
  const [evidence, setEvidence] = useState('');
  const [owner, setOwner] = useState(current?.owner ?? '');
  const [recordedOn, setRecordedOn] = useState(todayIso());
  const [dueDate, setDueDate] = useState('');
  const save = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/implementation', {
          body: {
            measure,
            scopeLevel: scope.level,
            memberState: scope.memberState,
            ...(scope.operatorId ? { operatorId: scope.operatorId } : {}),
            status,
            ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
            ...(owner.trim() ? { owner: owner.trim() } : {}),
            ...(dueDate ? { dueDate } : {}),
            recordedOn,
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['implementation'] }),
  });
  const fieldError = (field: string) => (save.error instanceof ApiProblem ? save.error.errors?.find((e) => e.path.endsWith(field))?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const field = (name: string, label: string, input: ReactNode, hint?: string) => {
    const err = fieldError(name);
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {input}
        {hint && (
          <p className="hint" id={`${id}-${name}-hint`}>
            {hint}
          </p>
        )}
        {err && (
          <p className="form-error" id={`${id}-${name}-error`}>
            {err}
          </p>
        )}
      </div>
    );
  };
  const described = (name: string, hint: boolean) => [hint ? `${id}-${name}-hint` : '', fieldError(name) ? `${id}-${name}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form className="status-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('measures.record')}</h3>
      {field(
        'status',
        t('measures.statusLabel'),
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as ImplementationRow['status'])} aria-describedby={described('status', false)}>
          {MEASURE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`measures.status.${s}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'evidence',
        t('measures.evidence'),
        <textarea id={`${id}-evidence`} rows={4} maxLength={2000} value={evidence} onChange={(e) => setEvidence(e.target.value)} aria-describedby={described('evidence', true)} />,
        t('measures.evidenceHint'),
      )}
      {field('owner', t('measures.owner'), <input id={`${id}-owner`} maxLength={200} value={owner} onChange={(e) => setOwner(e.target.value)} aria-describedby={described('owner', false)} />)}
      {field('recordedOn', t('measures.recordedOn'), <input id={`${id}-recordedOn`} type="date" required value={recordedOn} onChange={(e) => setRecordedOn(e.target.value)} aria-describedby={described('recordedOn', false)} />)}
      {field('dueDate', t('measures.dueDate'), <input id={`${id}-dueDate`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} aria-describedby={described('dueDate', true)} />, t('measures.dueDateHint'))}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {save.isPending ? t('measures.saving') : t('measures.save')}
      </button>
      <div aria-live="polite">
        {save.isSuccess && (
          <p className="form-success" role="status">
            {(save.data as { inserted?: number }).inserted ? t('measures.saved') : t('measures.unchanged')}
          </p>
        )}
      </div>
      {save.isError && <ErrorState error={save.error} />}
    </form>
  );
}
