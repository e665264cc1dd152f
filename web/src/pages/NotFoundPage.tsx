import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLayout } from '../components/PageLayout';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <PageLayout title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </PageLayout>
  );
}
