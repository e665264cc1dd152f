import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { addMonths, type Designation } from './shapes';

/*
 * Designations as a table grouped by member state: kind, segments, status, the dates that matter
 * (effective, end of the transition, revoked), each opening its designation page. Used on the
 * designations page and on a supplier's page.
 */

export function DesignationsTable({ items, caption, showSupplier = true }: { items: Designation[]; caption: string; showSupplier?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sorted = [...items].sort((a, b) => (a.memberState + a.designationId < b.memberState + b.designationId ? -1 : 1));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table data-table="designations">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('designations.memberState')}</th>
            <th scope="col">{t('designations.id')}</th>
            {showSupplier && <th scope="col">{t('designations.supplier')}</th>}
            <th scope="col">{t('designations.kind')}</th>
            <th scope="col">{t('designations.segments')}</th>
            <th scope="col">{t('designations.status')}</th>
            <th scope="col">{t('designations.effective')}</th>
            <th scope="col">{t('designations.transitionEnd')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((d) => (
            <tr key={d.designationId} data-designation={d.designationId}>
              <td>{d.memberState}</td>
              <th scope="row">
                <Link to={`/designations/${encodeURIComponent(d.designationId)}`}>{d.designationId}</Link>
              </th>
              {showSupplier && (
                <td>
                  <Link to={`/suppliers/${encodeURIComponent(d.supplierId)}`}>{d.supplierId}</Link>
                </td>
              )}
              <td>{t(`designations.kinds.${d.kind}`)}</td>
              <td>{segmentsText(d.segments, t)}</td>
              <td>
                <span className={`badge status-${d.status}`}>{t(`designations.statuses.${d.status}`)}</span>
                {d.revokedOn ? ` ${fmt.date(d.revokedOn)}` : ''}
              </td>
              <td>{fmt.date(d.effectiveDate)}</td>
              <td>{fmt.date(addMonths(d.effectiveDate, d.transitionMonths))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A designation's scope in words: its segments, `key-assets` as the key assets of every segment. */
export const segmentsText = (segments: string[], t: TFunction) => segments.map((s) => (s === 'key-assets' ? t('designations.keyAssets') : t(`segments.${s}`, { defaultValue: s }))).join(', ');
