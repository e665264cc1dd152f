import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { ExplainButton } from '../components/ExplainPanel';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';

/*
 * One asset (/assets/:assetId): its fields, its supplier and product, its criticality with the
 * derivation (catalogue default, national overrides), the findings of the newest run that name it, and
 * its dates in service. An asset outside the user's scope answers 404, like one that does not exist.
 */

export default function AssetDetailPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const assetId = useParams().assetId ?? '';
  const path = { assetId };
  const asset = useQuery({ queryKey: ['asset', assetId], queryFn: () => call(api.GET('/api/v1/assets/{assetId}', { params: { path } })) });
  const context = useQuery({ queryKey: ['asset', assetId, 'context'], queryFn: () => call(api.GET('/api/v1/assets/{assetId}/context', { params: { path } })) });
  const supplierId = asset.data?.supplierId;
  const productId = asset.data?.productId;
  const supplier = useQuery({
    queryKey: ['supplier', supplierId],
    enabled: !!supplierId,
    queryFn: () => call(api.GET('/api/v1/suppliers/{supplierId}', { params: { path: { supplierId: supplierId! } } })),
  });
  const product = useQuery({
    queryKey: ['product', productId],
    enabled: !!productId,
    queryFn: () => call(api.GET('/api/v1/products/{productId}', { params: { path: { productId: productId! } } })),
  });
  const date = (v: string | undefined) => (v ? fmt.date(v) : '—');

  return (
    <PageLayout title={t('assetDetail.title', { id: assetId })} description={t('assetDetail.description')} actions={<Link to="/assets">{t('assetDetail.back')}</Link>}>
      <QueryView query={asset}>
        {(a) => (
          <>
            <Section id="fields" title={t('assetDetail.fields')}>
              <dl className="facts">
                {(
                  [
                    ['assets.operator', a.operatorId],
                    ['assets.segment', t(`segments.${a.segment}`)],
                    ['assets.function', a.function],
                    ['assets.quantity', fmt.number(a.quantity, 2)],
                    ['assets.softwareVersion', a.softwareVersion ?? '—'],
                    ['assets.region', a.region ?? '—'],
                  ] as const
                ).map(([k, v]) => (
                  <div key={k}>
                    <dt>{t(k)}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
                <div>
                  <dt>{t('assets.supplier')}</dt>
                  <dd data-fact="supplier">
                    {a.supplierId}
                    {supplier.data && ` — ${supplier.data.name} (${supplier.data.hqCountry})`}
                  </dd>
                </div>
                <div>
                  <dt>{t('assets.product')}</dt>
                  <dd data-fact="product">
                    {a.productId ?? '—'}
                    {product.data && ` — ${product.data.name}`}
                    {product.data && product.data.certifications.length > 0 && ` (${product.data.certifications.join(', ')})`}
                  </dd>
                </div>
                <div>
                  <dt>{t('assetDetail.criticality')}</dt>
                  <dd data-fact="criticality">
                    {context.data ? (
                      <ExplainButton explanation={context.data.criticality.explanation} label={t('assetDetail.criticalityOf', { id: a.assetId })}>
                        {t(`assets.criticalities.${context.data.criticality.level}`)}
                      </ExplainButton>
                    ) : (
                      '…'
                    )}
                  </dd>
                </div>
              </dl>
            </Section>
            <Section id="history" title={t('assetDetail.history')}>
              <dl className="facts">
                <div>
                  <dt>{t('assets.inService')}</dt>
                  <dd>{date(a.inService)}</dd>
                </div>
                <div>
                  <dt>{t('assets.endOfSupport')}</dt>
                  <dd>{date(a.endOfSupport)}</dd>
                </div>
                {product.data?.endOfSupport && (
                  <div>
                    <dt>{t('assetDetail.productEndOfSupport')}</dt>
                    <dd>{date(product.data.endOfSupport)}</dd>
                  </div>
                )}
              </dl>
            </Section>
            <Section id="findings" title={t('assetDetail.findings')}>
              <QueryView query={context} isEmpty={(c) => c.findings.length === 0} empty={<EmptyState title={context.data?.assessmentId ? t('assetDetail.noFindings') : t('assetDetail.noRun')} />}>
                {(c) => (
                  <table className="simple-table" data-table="asset-findings">
                    <caption className="visually-hidden">{t('assetDetail.findings')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('risk.measure')}</th>
                        <th scope="col">{t('dashboard.severity')}</th>
                        <th scope="col">{t('risk.deadline')}</th>
                        <th scope="col">{t('risk.affected')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.findings.map((f) => (
                        <tr key={f.id}>
                          <th scope="row">{f.measure}</th>
                          <td>{t(`severity.${f.severity}`)}</td>
                          <td>{date(f.deadline)}</td>
                          <td>
                            <ExplainButton explanation={f.explanation} label={t('risk.affectedOf', { id: f.id })}>
                              {fmt.number(f.affectedQuantity, 2)}
                            </ExplainButton>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </QueryView>
            </Section>
          </>
        )}
      </QueryView>
    </PageLayout>
  );
}
