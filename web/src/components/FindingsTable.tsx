import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { ExplainButton, type Explanation } from './ExplainPanel';

/** The fields of a finding (src/domain/assessment.ts, Finding) a findings table shows. */
export interface FindingLine {
  id: string;
  measure: string;
  severity: string;
  operatorId?: string | null;
  segment?: string | null;
  supplierId?: string | null;
  affectedQuantity: number;
  deadline?: string | null;
  explanation: Explanation;
}

/**
 * Findings by deadline: severity, measure, where, and the affected quantity opening the engine's
 * explanation. The dashboard's most severe findings and the risk page's deadlines show the same table.
 */
export function FindingsTable({ rows, title, dataTable }: { rows: readonly FindingLine[]; title: string; dataTable?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
      <table data-table={dataTable}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('risk.deadline')}</th>
            <th scope="col">{t('dashboard.severity')}</th>
            <th scope="col">{t('risk.measure')}</th>
            <th scope="col">{t('assets.operator')}</th>
            <th scope="col">{t('assets.segment')}</th>
            <th scope="col">{t('assets.supplier')}</th>
            <th scope="col">{t('risk.affected')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.id} data-finding={x.id}>
              <td>{x.deadline ? fmt.date(x.deadline) : '—'}</td>
              <td>{t(`severity.${x.severity}`)}</td>
              <td>{x.measure}</td>
              <td>{x.operatorId ?? '—'}</td>
              <td>{x.segment ? t(`segments.${x.segment}`, { defaultValue: x.segment }) : '—'}</td>
              <td>{x.supplierId ?? '—'}</td>
              <td>
                <ExplainButton explanation={x.explanation} label={t('risk.affectedOf', { id: x.id })}>
                  {fmt.number(x.affectedQuantity)}
                </ExplainButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
