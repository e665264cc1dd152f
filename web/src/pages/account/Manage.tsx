import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { secondFactorError } from './problems';

/** New recovery codes in place of the old ones, with a current code (POST /auth/second-factor/recovery-codes). */
export function Regenerate({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const ids = { code: useId(), hint: useId(), error: useId() };
  const [code, setCode] = useState('');
  const m = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/second-factor/recovery-codes', { body: { code } })),
    onSuccess: (r) => {
      setCode('');
      onCodes(r.recoveryCodes);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code) m.mutate();
  };
  return (
    <form onSubmit={submit} className="account-form" aria-labelledby={`${ids.hint}-title`}>
      <h3 id={`${ids.hint}-title`}>{t('account.codes.regenerate')}</h3>
      <p id={ids.hint} className="hint">
        {t('account.codes.regenerateHint')}
      </p>
      <div className="field">
        <label htmlFor={ids.code}>{t('account.secondFactor.codeOrRecovery')}</label>
        <input id={ids.code} autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} aria-describedby={ids.hint} />
      </div>
      {m.isError && (
        <p id={ids.error} className="form-error" role="alert">
          {secondFactorError(t, m.error)}
        </p>
      )}
      <button type="submit" className="button" disabled={m.isPending}>
        {m.isPending ? t('account.codes.regenerating') : t('account.codes.regenerate')}
      </button>
    </form>
  );
}

/** Turning the factor off, with the password and a code (POST /auth/second-factor/disable). */
export function Disable({ required, onDone }: { required: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const ids = { password: useId(), code: useId(), hint: useId(), error: useId() };
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const m = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/second-factor/disable', { body: { password, code } })),
    onSuccess: onDone,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password && code) m.mutate();
  };
  return (
    <form onSubmit={submit} className="account-form" aria-labelledby={`${ids.hint}-title`}>
      <h3 id={`${ids.hint}-title`}>{t('account.disable.title')}</h3>
      <p id={ids.hint} className="hint">
        {t('account.disable.hint')}
        {required ? ` ${t('account.disable.requiredHint')}` : ''}
      </p>
      <div className="field">
        <label htmlFor={ids.password}>{t('account.secondFactor.password')}</label>
        <input id={ids.password} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.code}>{t('account.secondFactor.codeOrRecovery')}</label>
        <input id={ids.code} autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} />
      </div>
      {m.isError && (
        <p id={ids.error} className="form-error" role="alert">
          {secondFactorError(t, m.error)}
        </p>
      )}
      <button type="submit" className="button" disabled={m.isPending}>
        {m.isPending ? t('account.disable.busy') : t('account.disable.submit')}
      </button>
    </form>
  );
}
