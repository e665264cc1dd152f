import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';

/*
 * The three states every screen has besides its content: loading (saying so when it takes long),
 * empty, and error (what went wrong in words, and a way to try again). QueryView picks among them
 * for a TanStack query, so a failed or slow request never leaves a broken page.
 */

const SLOW_MS = 8000;

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('status.loading')}</span>
      {slow && <span className="status-note">{t('status.slow')}</span>}
    </div>
  );
}

export function EmptyState({ title, children }: { title?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="status status-empty" role="status">
      <p className="status-title">{title ?? t('status.empty')}</p>
      {children}
    </div>
  );
}

/** What a problem means to the reader; the server's detail is shown beside it, never a stack trace. */
export function problemMessageKey(error: unknown): string {
  if (!(error instanceof ApiProblem)) return 'error.unexpected';
  if (error.status === 0) return 'error.network';
  if (error.status === 401) return 'error.unauthorized';
  if (error.status === 403) return 'error.forbidden';
  if (error.status === 404) return 'error.notFound';
  if (error.status === 429) return 'error.tooMany';
  if (error.status === 503) return 'error.unavailable';
  if (error.status >= 500) return 'error.server';
  return 'error.badRequest';
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const detail = error instanceof ApiProblem ? error.detail : undefined;
  return (
    <div className="status status-error" role="alert">
      <p className="status-title">{t(problemMessageKey(error))}</p>
      {detail && <p className="status-detail">{detail}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('status.retry')}
        </button>
      )}
    </div>
  );
}

/** A query's content, or its loading, error or empty state. */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  loadingLabel,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <EmptyState />}</>;
  return <>{children(query.data)}</>;
}
