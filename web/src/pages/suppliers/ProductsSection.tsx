import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ExplainButton } from '../../components/ExplainPanel';
import { Section } from '../../components/PageLayout';
import { EmptyState, QueryView } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';
import type { Origins } from './shapes';

/*
 * A supplier's products (GET /products?supplierId) and, for those with a stored BOM, where their
 * components come from (GET /suppliers/{id}/origins): components and quantities by country of
 * manufacture, each share explained, and the components that have a single source, with that source.
 */

export function ProductsSection({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const products = useQuery({
    queryKey: ['products', { supplierId }],
    queryFn: () => call(api.GET('/api/v1/products', { params: { query: { supplierId, limit: 1000 } } })),
  });
  const origins = useQuery({
    queryKey: ['suppliers', supplierId, 'origins'],
    queryFn: async () =>
      (await call(api.GET('/api/v1/suppliers/{supplierId}/origins', { params: { path: { supplierId }, query: { limit: 1000 } } }))) as unknown as { items: Origins[]; total: number },
  });
  const withBom = new Map((origins.data?.items ?? []).map((o) => [o.productId, o]));
  return (
    <Section id="products" title={t('suppliers.products.title')}>
      <QueryView query={products} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('suppliers.products.none')} />}>
        {(d) => (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('suppliers.products.caption')}>
            <table>
              <caption>{t('suppliers.products.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('suppliers.products.product')}</th>
                  <th scope="col">{t('suppliers.products.function')}</th>
                  <th scope="col">{t('suppliers.products.certifications')}</th>
                  <th scope="col">{t('suppliers.products.endOfSupport')}</th>
                  <th scope="col">{t('suppliers.products.bom')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((p) => {
                  const o = withBom.get(p.productId);
                  return (
                    <tr key={p.productId} data-product={p.productId}>
                      <th scope="row">
                        {p.name} <span className="muted">({p.productId})</span>
                      </th>
                      <td>{p.function}</td>
                      <td>{p.certifications.join(', ') || '—'}</td>
                      <td>{p.endOfSupport ? fmt.date(p.endOfSupport) : '—'}</td>
                      <td>{o ? <a href={`#origins-${p.productId}`}>{t('suppliers.products.components', { count: o.components })}</a> : t('suppliers.products.noBom')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      <h3>{t('suppliers.products.origins')}</h3>
      <QueryView query={origins} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('suppliers.products.noOrigins')} />}>
        {(d) => d.items.map((o) => <ProductOrigins key={o.productId} origins={o} />)}
      </QueryView>
    </Section>
  );
}

function ProductOrigins({ origins: o }: { origins: Origins }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const country = (c: string) => (c === 'unknown' ? t('suppliers.products.unknownCountry') : c);
  return (
    <article className="origins" id={`origins-${o.productId}`} aria-labelledby={`origins-${o.productId}-title`}>
      <h4 id={`origins-${o.productId}-title`}>{t('suppliers.products.originsOf', { product: o.productId, file: o.bom.file })}</h4>
      <p>
        <ExplainButton explanation={o.explanation} label={t('suppliers.products.originsHow', { product: o.productId })}>
          {t('suppliers.products.summary', { components: fmt.number(o.components), quantity: fmt.number(o.quantity), single: fmt.number(o.singleSourceComponents.length), assessed: fmt.number(o.sourceAssessedComponents) })}
        </ExplainButton>
      </p>
      <div className="stack">
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('suppliers.products.byCountry', { product: o.productId })}>
        <table data-table="by-country">
          <caption>{t('suppliers.products.byCountry', { product: o.productId })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('suppliers.control.country')}</th>
              <th scope="col">{t('suppliers.products.componentCount')}</th>
              <th scope="col">{t('suppliers.products.componentShare')}</th>
              <th scope="col">{t('suppliers.products.quantity')}</th>
              <th scope="col">{t('suppliers.products.quantityShare')}</th>
            </tr>
          </thead>
          <tbody>
            {o.byCountry.map((c) => (
              <tr key={c.country}>
                <th scope="row">{country(c.country)}</th>
                <td>{fmt.number(c.components)}</td>
                <td>{fmt.percent(c.componentShare, 1)}</td>
                <td>{fmt.number(c.quantity)}</td>
                <td>{fmt.percent(c.quantityShare, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        {o.singleSourceComponents.length === 0 ? (
          <EmptyState title={t('suppliers.products.noSingleSource')} />
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('suppliers.products.singleSource', { product: o.productId })}>
          <table data-table="single-source">
            <caption>{t('suppliers.products.singleSource', { product: o.productId })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('suppliers.products.component')}</th>
                <th scope="col">{t('suppliers.products.type')}</th>
                <th scope="col">{t('suppliers.products.source')}</th>
              </tr>
            </thead>
            <tbody>
              {o.singleSourceComponents.map((c) => (
                <tr key={c.path}>
                  <th scope="row">{c.name}</th>
                  <td>{c.type}</td>
                  <td>{c.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </div>
    </article>
  );
}
