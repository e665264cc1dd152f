import { useTranslation } from 'react-i18next';
import { Section } from '../../components/PageLayout';
import { useFormat } from '../../i18n/format';
import type { ImportPreview } from './upload';

/*
 * What the preview route read and found: the row errors (row as the file or Excel numbers it, field,
 * message), each linking to its row in the table of the first rows, where a bad row is marked in words
 * and by its tint (never by colour alone).
 */

export const rowAnchor = (row: number) => `preview-row-${row}`;

export function PreviewView({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bad = new Set(preview.errors.flatMap((e) => (e.row === undefined ? [] : [e.row])));
  const shown = new Set(preview.rows.map((r) => r.row));
  return (
    <>
      <Section id="preview-errors" title={t('imports.preview.errorsTitle')}>
        {preview.errors.length === 0 ? (
          <p className="form-success" role="status">
            {t('imports.preview.clean', { rows: fmt.number(preview.totalRows) })}
          </p>
        ) : (
          <>
            <p className="form-error" role="alert">
              {t(preview.truncated ? 'imports.preview.errorsTruncated' : 'imports.preview.errorsCount', { count: preview.errors.length, rows: fmt.number(preview.totalRows) })}
            </p>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('imports.preview.errorsCaption')}>
              <table className="import-errors">
                <caption>{t('imports.preview.errorsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('imports.preview.row')}</th>
                    <th scope="col">{t('imports.preview.field')}</th>
                    <th scope="col">{t('imports.preview.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.map((e, i) => (
                    <tr key={i}>
                      <td>{e.row === undefined ? t('imports.preview.wholeFile') : shown.has(e.row) ? <a href={`#${rowAnchor(e.row)}`}>{fmt.number(e.row)}</a> : fmt.number(e.row)}</td>
                      <td>{e.field ?? '—'}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>
      <Section id="preview-rows" title={t('imports.preview.rowsTitle', { shown: fmt.number(preview.rows.length), total: fmt.number(preview.totalRows) })}>
        {preview.rows.length > 0 && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('imports.preview.rowsCaption', { file: preview.fileName })}>
            <table className="import-preview">
              <caption>{t('imports.preview.rowsCaption', { file: preview.fileName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.preview.row')}</th>
                  {preview.columns.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.row} id={rowAnchor(r.row)} className={bad.has(r.row) ? 'row-invalid' : undefined}>
                    <th scope="row">
                      {fmt.number(r.row)}
                      {bad.has(r.row) && <span className="row-flag"> {t('imports.preview.rowHasError')}</span>}
                    </th>
                    {r.cells.map((c, i) => (
                      <td key={i}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="hint">{t('imports.preview.numbering')}</p>
      </Section>
    </>
  );
}
