import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { ProblemNote } from '../admin/ProblemNote';

/*
 * A new API token of the signed-in user (POST /tokens): name, read or read-write, days until it expires.
 * The secret is shown this once (the server keeps only its hash): focus moves to it so a screen reader
 * reads it out, with the hint to copy it and the warning that it will not be shown again. Shared by the
 * account page (every user) and the administrators' tokens page. Field labels are the admin.tokens
 * strings; the once-only wording is account.tokens'.
 */

/** the server's MAX_TOKEN_DAYS */
const MAX_DAYS = 366;
type Created = { token: Schemas['ApiToken']; secret: string };

/** `allowWrite`: the role may make read-write tokens (the server makes an auditor's read-only whatever it asks) */
export function TokenCreate({ allowWrite }: { allowWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const id = useId();
  const secretRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'read-write'>('read');
  const [days, setDays] = useState(90);
  const [made, setMade] = useState<Created>();
  const create = useMutation({
    mutationFn: () => call(api.POST('/api/v1/tokens', { body: { name: name.trim(), scope: allowWrite ? scope : 'read', days } })),
    onSuccess: (m) => {
      setMade(m);
      setName('');
      void client.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  // the secret takes focus as it appears (selected, ready to copy)
  useEffect(() => {
    if (made) secretRef.current?.focus();
  }, [made]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMade(undefined);
    create.mutate();
  };
  return (
    <>
      <form className="form-grid" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.tokens.name')}</label>
          <input id={`${id}-name`} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-scope`}>{t('admin.tokens.scope')}</label>
          <select id={`${id}-scope`} value={allowWrite ? scope : 'read'} disabled={!allowWrite} aria-describedby={allowWrite ? undefined : `${id}-scope-hint`} onChange={(e) => setScope(e.target.value as 'read' | 'read-write')}>
            <option value="read">{t('admin.tokens.scopes.read')}</option>
            {allowWrite && <option value="read-write">{t('admin.tokens.scopes.read-write')}</option>}
          </select>
          {!allowWrite && (
            <p className="hint" id={`${id}-scope-hint`}>
              {t('account.tokens.readOnlyHint')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>{t('admin.tokens.days')}</label>
          <input id={`${id}-days`} type="number" required min={1} max={MAX_DAYS} value={days} onChange={(e) => setDays(Number(e.target.value))} aria-describedby={`${id}-days-hint`} />
          <p className="hint" id={`${id}-days-hint`}>
            {t('admin.tokens.daysHint', { max: MAX_DAYS })}
          </p>
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('admin.tokens.create')}
          </button>
        </div>
      </form>
      {create.isError && <ProblemNote error={create.error} />}
      <div aria-live="polite">
        {made && (
          <div className="secret-once" data-testid="token-secret-once">
            <p className="status-title">{t('admin.tokens.secretTitle', { name: made.token.name, date: fmt.dateTime(made.token.expiresAt) })}</p>
            <p id={`${id}-secret-hint`}>
              <strong>{t('account.tokens.shownOnce')}</strong> {t('account.tokens.copyHint')}
            </p>
            <label htmlFor={`${id}-secret`}>{t('admin.tokens.secret')}</label>
            <input id={`${id}-secret`} ref={secretRef} className="secret" readOnly value={made.secret} aria-describedby={`${id}-secret-hint`} onFocus={(e) => e.target.select()} />
            <p>
              <button type="button" className="button" onClick={() => setMade(undefined)}>
                {t('account.tokens.kept')}
              </button>
            </p>
          </div>
        )}
      </div>
    </>
  );
}
