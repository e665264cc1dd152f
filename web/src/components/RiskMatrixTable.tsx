import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { ExplainButton, type Explanation } from './ExplainPanel';

/** A stored risk score as GET /assessments/{id}/risks answers it (src/engine/risk/types.ts, RiskScore). */
export interface RiskRow {
  scope: string;
  riskArea: string;
  likelihood: number;
  impact: number;
  level: string;
  residualLikelihood: number;
  residualImpact: number;
  residualLevel: string;
  explanation: Explanation;
}

/**
 * The R1–R9 matrix of one scope: each risk area's inherent and residual level with likelihood × impact,
 * each opening the engine's explanation. The dashboard and the risk page show the same table.
 */
export function RiskMatrixTable({ rows }: { rows: readonly RiskRow[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <table className="risk-matrix" data-table="risk-matrix">
      <caption>{t('risk.matrixCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('risk.area')}</th>
          <th scope="col">{t('risk.inherent')}</th>
          <th scope="col">{t('risk.residual')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((x) => (
          <tr key={x.riskArea} data-risk={x.riskArea}>
            <th scope="row">{x.riskArea}</th>
            <td className={`level level-${x.level}`}>
              <ExplainButton explanation={x.explanation} label={t('risk.inherentOf', { area: x.riskArea })}>
                {t(`levels.${x.level}`, { defaultValue: x.level })} ({fmt.number(x.likelihood)} × {fmt.number(x.impact)})
              </ExplainButton>
            </td>
            <td className={`level level-${x.residualLevel}`}>
              <ExplainButton explanation={x.explanation} label={t('risk.residualOf', { area: x.riskArea })}>
                {t(`levels.${x.residualLevel}`, { defaultValue: x.residualLevel })} ({fmt.number(x.residualLikelihood)} × {fmt.number(x.residualImpact)})
              </ExplainButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
