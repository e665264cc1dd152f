import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { useSession } from '../auth/session';
import { FiltersBar, useFilters } from '../components/FiltersBar';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import { FundingChecks } from './registers/FundingChecks';

/*
 * The registers a national authority keeps beside the inventory: investment-screening cases with their
 * 35-day comment deadline and phase on a chosen day (overdue said in words, not by colour alone), the
 * suppliers whose risk profile a case flags for review, and SA10 funding checks. Operators read neither
 * register (the navigation follows GET /auth/me); each part shows only if the user's actions allow it.
 */

interface Flag {
  kind: string;
  text: string;
}

export default function RegistersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { values, set } = useFilters(['date'] as const);
  const id = useId();
  const date = values.date || undefined;

  return (
    <PageLayout title={t('registers.title')} description={t('registers.description')}>
      <FiltersBar label={t('registers.filters')}>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('registers.date')}</label>
          <input id={`${id}-date`} type="date" value={values.date} onChange={(e) => set('date', e.target.value)} aria-describedby={`${id}-date-hint`} />
          <p className="hint" id={`${id}-date-hint`}>
            {t('registers.dateHint')}
          </p>
        </div>
      </FiltersBar>
      {!can('screening.read') && !can('funding.read') && <EmptyState title={t('error.forbidden')} />}
      {can('screening.read') && <Screening date={date} />}
      {can('funding.read') && <FundingChecks />}
    </PageLayout>
  );
}

function Screening({ date }: { date?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const query = { limit: 1000, ...(date ? { date } : {}) };
  const cases = useQuery({ queryKey: ['screening-cases', query], queryFn: () => call(api.GET('/api/v1/screening-cases', { params: { query } })) });
  const flags = useQuery({
    queryKey: ['screening-cases', 'review-flags', date],
    queryFn: () => call(api.GET('/api/v1/screening-cases/review-flags', { params: { query: date ? { date } : {} } })),
  });
  const phase = (s: { phase: string; daysRemaining: number }) =>
    s.phase === 'overdue' ? t('registers.overdue', { days: -s.daysRemaining }) : s.phase === 'open' ? t('registers.open', { days: s.daysRemaining }) : t('registers.closed');

  return (
    <>
      <Section id="screening" title={t('registers.screening')}>
        <QueryView query={cases} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('registers.noCases')} />}>
          {(d) => {
            const overdue = d.items.filter((c) => c.screening.phase === 'overdue').length;
            return (
              <>
                <p className={overdue > 0 ? 'notice' : 'hint'} data-overdue-count={overdue}>
                  {t('registers.overdueCount', { count: overdue, total: d.total })}
                </p>
                <div className="table-scroll" tabIndex={0} role="region" aria-label={t('registers.screening')}>
                  <table className="screening-cases">
                    <caption className="visually-hidden">{t('registers.casesCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('registers.case')}</th>
                        <th scope="col">{t('registers.investor')}</th>
                        <th scope="col">{t('registers.target')}</th>
                        <th scope="col">{t('registers.memberState')}</th>
                        <th scope="col">{t('registers.received')}</th>
                        <th scope="col">{t('registers.deadline')}</th>
                        <th scope="col">{t('registers.phase')}</th>
                        <th scope="col">{t('registers.status')}</th>
                        <th scope="col">{t('registers.flags')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.items.map((c) => {
                        const s = c.screening as typeof c.screening & { flags?: Flag[] };
                        return (
                          <tr key={c.case.caseId} data-case={c.case.caseId} className={s.phase === 'overdue' ? 'row-overdue' : undefined}>
                            <th scope="row">{c.case.caseId}</th>
                            <td>
                              {c.case.investor} ({c.case.investorCountry})
                            </td>
                            <td>
                              {t(`registers.targetKinds.${c.case.targetKind}`)} {c.case.targetId}
                            </td>
                            <td>{c.case.memberState}</td>
                            <td>{fmt.date(c.case.receivedOn)}</td>
                            <td>{fmt.date(s.commentDeadline)}</td>
                            <td className={`phase phase-${s.phase}`}>{phase(s)}</td>
                            <td>{t(`registers.statuses.${c.case.status}`, { defaultValue: c.case.status })}</td>
                            <td className="wrap">
                              {(s.flags ?? []).length === 0 ? (
                                '—'
                              ) : (
                                <ul className="flags">
                                  {(s.flags ?? []).map((f) => (
                                    <li key={f.kind + f.text} lang="en">
                                      {f.text}
                                    </li>
                                  ))}
                                </ul>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            );
          }}
        </QueryView>
      </Section>
      <Section id="review-flags" title={t('registers.reviewFlags')}>
        <QueryView query={flags} isEmpty={(f) => (f.suppliers as unknown[]).length === 0} empty={<EmptyState title={t('registers.noFlags')} />}>
          {(f) => (
            <ul className="review-flags">
              {(f.suppliers as { supplierId: string; name: string; cases: { caseId: string; investor: string; phase: string }[] }[]).map((s) => (
                <li key={s.supplierId} data-review={s.supplierId}>
                  {t('registers.reviewSupplier', { supplier: s.name ? `${s.name} (${s.supplierId})` : s.supplierId, cases: s.cases.map((c) => `${c.caseId} · ${c.investor}`).join('; ') })}
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </Section>
    </>
  );
}
