import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useSession } from '../auth/session';
import { Loading } from '../components/StatusViews';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { PAGES } from './pages';

/*
 * The frame of every signed-in page: a skip link, the banner (name, navigation offered by the user's
 * actions, language, who is signed in, sign-out), the main region where pages load, and a footer.
 */
export function Layout() {
  const { t } = useTranslation();
  const { session, can, signOut } = useSession();
  const { user, reach: scope } = session;
  const where = scope.operatorId ?? scope.memberState;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="banner">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('layout.nav')} className="main-nav">
          <ul>
            {PAGES.filter((p) => p.nav && can(p.action)).map((p) => (
              <li key={p.path}>
                <NavLink to={p.path} end={p.path === '/'}>
                  {t(p.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user-bar">
          <LanguageSwitch />
          <span className="who">
            <span className="who-name">{user.username}</span>
            <span className="who-role">
              {t(`roles.${scope.role}`, { defaultValue: scope.role })}
              {where ? ` · ${where}` : ''}
            </span>
          </span>
          <button type="button" className="button" onClick={() => void signOut()}>
            {t('layout.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="footer">
        <span>{t('layout.footer')}</span> <a href="/api/docs/">{t('layout.apiDocs')}</a>
      </footer>
    </div>
  );
}
