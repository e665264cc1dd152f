import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiProblem, call } from '../api/client';
import { safeNext, SESSION_KEY } from '../auth/session';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { problemMessageKey } from '../components/StatusViews';

/*
 * Sign-in: username and password (POST /auth/login), then back to where the user was going.
 * Second factor: when the server answers a 401 of kind `second-factor-required` (the account has a
 * confirmed factor), the form asks for the code and signs in again with `code` beside username and
 * password; `second-factor-invalid` says the code was wrong, expired or used. A recovery code goes in the
 * same field. Until the server asks for one, the code field never shows.
 */

export default function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const ids = { user: useId(), password: useId(), code: useId(), error: useId() };
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  const expired = params.get('expired') === '1';

  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
  }, [t]);
  // the code step: focus goes to the field the server now asks for
  useEffect(() => {
    if (needsCode) codeField.current?.focus();
  }, [needsCode]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username || !password) return setError(t('signIn.missing'));
    setBusy(true);
    setError(null);
    try {
      // the code only once the server has asked for it
      await call(api.POST('/api/v1/auth/login', { body: needsCode ? { username, password, code } : { username, password } }));
      client.clear();
      await client.invalidateQueries({ queryKey: SESSION_KEY });
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiProblem && err.kind === 'second-factor-required') {
        setNeedsCode(true);
        setError(needsCode ? t('signIn.badCode') : null);
      } else if (err instanceof ApiProblem && err.kind === 'second-factor-invalid') {
        setNeedsCode(true);
        setCode('');
        setError(t('signIn.badCode'));
      } else if (err instanceof ApiProblem && err.status === 401) setError(t('signIn.bad'));
      else if (err instanceof ApiProblem && err.status === 429) setError(t('signIn.tooMany', { seconds: err.retryAfter ?? 60 }));
      else setError(t(problemMessageKey(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in-page">
      <header className="sign-in-header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="sign-in">
        <h1 ref={heading}>{t('signIn.title')}</h1>
        <p className="sign-in-intro">{t('signIn.intro')}</p>
        {expired && (
          <p className="notice" role="status">
            {t('signIn.expired')}
          </p>
        )}
        <form onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined}>
          <div className="field">
            <label htmlFor={ids.user}>{t('signIn.username')}</label>
            <input id={ids.user} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.password}>{t('signIn.password')}</label>
            <input id={ids.password} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          {needsCode && (
            <div className="field">
              <label htmlFor={ids.code}>{t('signIn.code')}</label>
              <input ref={codeField} id={ids.code} name="code" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} aria-describedby={`${ids.code}-hint`} />
              <p id={`${ids.code}-hint`} className="hint">
                {t('signIn.codeHint')}
              </p>
            </div>
          )}
          {error && (
            <p id={ids.error} className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </form>
        <p className="hint sign-in-demo">{t('signIn.demo')}</p>
      </main>
    </div>
  );
}
