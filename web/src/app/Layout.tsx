import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { Loading } from '../components/StatusViews';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { ACCOUNT_PATH, PAGES, SECTIONS } from './pages';

/*
 * The frame of every signed-in page: a skip link, the banner (name, language, who is signed in,
 * sign-out), the navigation offered by the user's actions grouped by section (pages.ts), the main region
 * where pages load, and a footer.
 */
export function Layout() {
  const { t } = useTranslation();
  const { session, can, signOut } = useSession();
  const { user, reach: scope } = session;
  const where = scope.operatorId ?? scope.memberState;
  const offered = PAGES.filter((p) => p.nav && can(p.action));
  const groups = SECTIONS.map((section) => ({ section, pages: offered.filter((p) => p.section === section) })).filter((g) => g.pages.length > 0);
  const location = useLocation();
  // the instance requires a second factor of this role and the user has none: nothing else answers until they enrol
  if (session.secondFactorEnrolmentRequired && location.pathname !== ACCOUNT_PATH) return <Navigate to={ACCOUNT_PATH} replace />;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="banner">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="user-bar">
          <LanguageSwitch />
          <span className="who">
            <span className="who-name">{user.username}</span>
            <span className="who-role">
              {t(`roles.${scope.role}`, { defaultValue: scope.role })}
              {where ? ` · ${where}` : ''}
            </span>
          </span>
          <Link to={ACCOUNT_PATH} className="button">
            {t('account.link')}
          </Link>
          <button type="button" className="button" onClick={() => void signOut()}>
            {t('layout.signOut')}
          </button>
        </div>
      </header>
      <div className="frame">
        <nav aria-label={t('layout.nav')} className="main-nav">
          {groups.map(({ section, pages }) => (
            <div key={section} className="nav-group">
              <h2 id={`nav-${section}`} className="nav-heading">
                {t(`nav.sections.${section}`)}
              </h2>
              <ul aria-labelledby={`nav-${section}`}>
                {pages.map((p) => (
                  <li key={p.path}>
                    <NavLink to={p.path} end={p.path === '/'}>
                      {t(p.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          <ErrorBoundary>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
      <footer className="footer">
        <span>{t('layout.footer')}</span> <a href="/api/docs/">{t('layout.apiDocs')}</a>
      </footer>
    </div>
  );
}
