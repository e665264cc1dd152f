import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { useSession } from '../auth/session';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, Loading, QueryView } from '../components/StatusViews';
import { DesignationsTable } from './suppliers/DesignationsTable';
import { ProductsSection } from './suppliers/ProductsSection';
import { ProfileSection } from './suppliers/ProfileSection';

/*
 * One supplier (GET /suppliers/{id}): its risk profiles, ownership and control, products with their
 * BOM origins, and the designations member states made of it. Each part is shown to the roles whose
 * actions allow its route (GET /auth/me lists them), so the page asks only for what the user may read
 * and the API's scope decides which rows come back.
 */

// the graph needs ECharts: its own chunk, so the page's text comes first and the page stays small
const ControlSection = lazy(() => import('./suppliers/ControlSection'));

export default function SupplierPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const supplierId = useParams().supplierId ?? '';
  const q = useQuery({
    queryKey: ['suppliers', supplierId],
    queryFn: () => call(api.GET('/api/v1/suppliers/{supplierId}', { params: { path: { supplierId } } })),
  });
  return (
    <PageLayout title={q.data ? t('suppliers.page.title', { name: q.data.name }) : t('suppliers.page.loading')} description={<Link to="/suppliers">{t('suppliers.page.back')}</Link>}>
      <QueryView query={q}>
        {(s) => (
          <>
            <dl className="facts">
              <div>
                <dt>{t('suppliers.id')}</dt>
                <dd>{s.supplierId}</dd>
              </div>
              <div>
                <dt>{t('suppliers.hqCountry')}</dt>
                <dd>{s.hqCountry}</dd>
              </div>
            </dl>
            {can('profiles.read') && <ProfileSection supplierId={s.supplierId} />}
            {can('ownership.read') && (
              <Suspense fallback={<Loading />}>
                <ControlSection supplierId={s.supplierId} supplierName={s.name} />
              </Suspense>
            )}
            {can('products.read') && can('boms.read') && <ProductsSection supplierId={s.supplierId} />}
            {can('designations.read') && <SupplierDesignations supplierId={s.supplierId} />}
          </>
        )}
      </QueryView>
    </PageLayout>
  );
}

function SupplierDesignations({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['designations', { supplierId }],
    queryFn: () => call(api.GET('/api/v1/designations', { params: { query: { supplierId, limit: 500 } } })),
  });
  return (
    <Section id="designations" title={t('suppliers.designations.title')}>
      <QueryView query={q} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('suppliers.designations.none')} />}>
        {(d) => <DesignationsTable items={d.items} caption={t('suppliers.designations.caption')} showSupplier={false} />}
      </QueryView>
    </Section>
  );
}
