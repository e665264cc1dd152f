import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { Section } from '../../components/PageLayout';
import { EmptyState, ErrorState, QueryView } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';

/*
 * SA10 funding checks kept as evidence (GET /funding-checks): each project, the day its designations were
 * judged on, the verdict and the reasons and conditions behind it. Whoever may check (funding.check) can
 * check a project file (docs/data-formats.md, funding project) here; the check is kept (POST /funding-checks).
 */

interface Reason {
  assetIndex: number;
  supplierId: string;
  designationId: string;
  text: string;
}
interface SavedCheck {
  checkId: string;
  checkedAt: string;
  project: { projectId: string; title?: string; operatorId: string; memberState: string; plannedDate: string };
  result: { verdict: 'eligible' | 'eligible-with-conditions' | 'not-eligible'; reasons: Reason[]; conditions: Reason[]; notes: string[] };
  dateUsed: string;
}

export function FundingChecks() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { can } = useSession();
  const checks = useQuery({
    queryKey: ['funding-checks'],
    queryFn: async () => (await call(api.GET('/api/v1/funding-checks', { params: { query: { limit: 1000 } } }))) as unknown as { items: SavedCheck[]; total: number },
  });
  return (
    <Section id="funding" title={t('registers.funding')}>
      {can('funding.check') && <CheckProject />}
      <QueryView query={checks} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('registers.noChecks')} />}>
        {(d) => (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('registers.funding')}>
            <table className="funding-checks">
              <caption className="visually-hidden">{t('registers.checksCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registers.project')}</th>
                  <th scope="col">{t('registers.operator')}</th>
                  <th scope="col">{t('registers.plannedDate')}</th>
                  <th scope="col">{t('registers.judgedOn')}</th>
                  <th scope="col">{t('registers.verdict')}</th>
                  <th scope="col">{t('registers.reasons')}</th>
                  <th scope="col">{t('registers.checkedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {[...d.items].reverse().map((c) => (
                  <tr key={c.checkId} data-check={c.project.projectId}>
                    <th scope="row">
                      {c.project.projectId}
                      {c.project.title ? <span className="measure-title"> {c.project.title}</span> : null}
                    </th>
                    <td>{c.project.operatorId}</td>
                    <td>{fmt.date(c.project.plannedDate)}</td>
                    <td>{fmt.date(c.dateUsed)}</td>
                    <td className={`verdict verdict-${c.result.verdict}`}>{t(`registers.verdicts.${c.result.verdict}`)}</td>
                    <td className="wrap">
                      {c.result.reasons.length + c.result.conditions.length === 0 ? (
                        t('registers.noReasons')
                      ) : (
                        <ul className="flags">
                          {[...c.result.reasons, ...c.result.conditions].map((r) => (
                            <li key={`${r.assetIndex}|${r.designationId}`} lang="en">
                              {r.text}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{fmt.dateTime(c.checkedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </Section>
  );
}

function CheckProject() {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [readError, setReadError] = useState<string | null>(null);
  const check = useMutation({
    mutationFn: async (project: Record<string, unknown>) => (await call(api.POST('/api/v1/funding-checks', { body: project }))) as unknown as { projectId: string; verdict: SavedCheck['result']['verdict'] },
    onSuccess: () => client.invalidateQueries({ queryKey: ['funding-checks'] }),
  });
  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setReadError(null);
    check.reset();
    if (!file) return;
    try {
      const doc: unknown = JSON.parse(await file.text());
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(t('scenarios.notAnObject'));
      check.mutate(doc as Record<string, unknown>);
    } catch (err) {
      setReadError(t('registers.badFile', { file: file.name, reason: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <div className="funding-check">
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('registers.projectFile')}</label>
        <input id={`${id}-file`} type="file" accept="application/json,.json" onChange={(e) => void upload(e)} aria-describedby={`${id}-hint`} />
        <p className="hint" id={`${id}-hint`}>
          {t('registers.projectFileHint')}
        </p>
      </div>
      <div aria-live="polite">
        {check.isPending && <p role="status">{t('registers.checking')}</p>}
        {check.isSuccess && (
          <p className="form-success" role="status">
            {t('registers.checked', { project: check.data.projectId, verdict: t(`registers.verdicts.${check.data.verdict}`) })}
          </p>
        )}
      </div>
      {readError && (
        <p className="form-error" role="alert">
          {readError}
        </p>
      )}
      {check.isError && <ErrorState error={check.error} />}
    </div>
  );
}
