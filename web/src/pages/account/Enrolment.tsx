import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { secondFactorError } from './problems';

/*
 * Setting up the second factor: the password (POST /auth/second-factor/enrol) gives a new secret, shown
 * as the otpauth link and as the base32 key to type in; a code from the app confirms it
 * (POST /auth/second-factor/confirm), which answers the recovery codes, handed to the page to show once.
 */
export function Enrolment({ onConfirmed }: { onConfirmed: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const ids = { password: useId(), code: useId(), error: useId() };
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [enrolment, setEnrolment] = useState<Schemas['SecondFactorEnrolment']>();
  const enrol = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/second-factor/enrol', { body: { password } })),
    onSuccess: (e) => {
      setEnrolment(e);
      setPassword('');
    },
  });
  const confirm = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/second-factor/confirm', { body: { code } })),
    onSuccess: (r) => onConfirmed(r.recoveryCodes),
  });

  if (!enrolment) {
    const start = (e: FormEvent) => {
      e.preventDefault();
      if (password) enrol.mutate();
    };
    return (
      <form onSubmit={start} className="account-form" aria-describedby={enrol.isError ? ids.error : undefined}>
        <p className="hint">{t('account.secondFactor.startHint')}</p>
        <div className="field">
          <label htmlFor={ids.password}>{t('account.secondFactor.password')}</label>
          <input id={ids.password} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {enrol.isError && (
          <p id={ids.error} className="form-error" role="alert">
            {secondFactorError(t, enrol.error)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={enrol.isPending}>
          {enrol.isPending ? t('account.secondFactor.starting') : t('account.secondFactor.start')}
        </button>
      </form>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code) confirm.mutate();
  };
  return (
    <div className="enrolment">
      <h3>{t('account.enrol.title')}</h3>
      <p>{t('account.enrol.step1')}</p>
      <dl className="enrolment-secret">
        <dt>{t('account.enrol.uri')}</dt>
        <dd>
          <a href={enrolment.otpauthUri} className="otpauth-uri">
            <code>{enrolment.otpauthUri}</code>
          </a>
        </dd>
        <dt>{t('account.enrol.secret')}</dt>
        <dd>
          <code className="base32-secret" data-testid="totp-secret">
            {enrolment.secret.match(/.{1,4}/g)!.join(' ')}
          </code>
          <span className="hint">{t('account.enrol.secretHint')}</span>
        </dd>
      </dl>
      <form onSubmit={submit} className="account-form" aria-describedby={confirm.isError ? ids.error : undefined}>
        <p>{t('account.enrol.step2')}</p>
        <div className="field">
          <label htmlFor={ids.code}>{t('account.secondFactor.code')}</label>
          <input id={ids.code} name="code" inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} />
        </div>
        {confirm.isError && (
          <p id={ids.error} className="form-error" role="alert">
            {secondFactorError(t, confirm.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={confirm.isPending}>
            {confirm.isPending ? t('account.enrol.confirming') : t('account.enrol.confirm')}
          </button>
          <button type="button" className="button" onClick={() => setEnrolment(undefined)}>
            {t('account.enrol.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
