import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { ProblemNote } from '../admin/ProblemNote';

/*
 * A list of API tokens (never their secrets) with their standing, each revocable until it is revoked
 * (DELETE /tokens/{id}). Revoking asks first, in the row: it cannot be undone and a program using the
 * token stops working; the outcome is said in a live region. Shared by the account page and the
 * administrators' tokens page.
 */

type Token = Schemas['ApiToken'];

export function tokenStanding(t: Token, now = Date.now()): 'revoked' | 'expired' | 'active' {
  if (t.revokedAt) return 'revoked';
  return Date.parse(t.expiresAt) <= now ? 'expired' : 'active';
}

export function TokenTable({ caption, tokens }: { caption: string; tokens: Token[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [asking, setAsking] = useState<Token>();
  const [revoked, setRevoked] = useState<string>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const revoke = useMutation({
    mutationFn: (k: Token) => call(api.DELETE('/api/v1/tokens/{tokenId}', { params: { path: { tokenId: k.tokenId } } })),
    onSuccess: (_r, k) => {
      setAsking(undefined);
      setRevoked(k.name);
      void client.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  // the question takes focus, so a keyboard or screen reader user meets it where they pressed
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.tokens.name')}</th>
              <th scope="col">{t('admin.tokens.scope')}</th>
              <th scope="col">{t('admin.tokens.createdAt')}</th>
              <th scope="col">{t('admin.tokens.expiresAt')}</th>
              <th scope="col">{t('admin.tokens.lastUsedAt')}</th>
              <th scope="col">{t('admin.tokens.standing')}</th>
              <th scope="col">{t('admin.tokens.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => {
              const standing = tokenStanding(k);
              return (
                <tr key={k.tokenId}>
                  <th scope="row">{k.name}</th>
                  <td>{t(`admin.tokens.scopes.${k.scope}`)}</td>
                  <td>{fmt.dateTime(k.createdAt)}</td>
                  <td>{fmt.dateTime(k.expiresAt)}</td>
                  <td>{k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : t('admin.tokens.never')}</td>
                  <td>{t(`admin.tokens.standings.${standing}`)}</td>
                  <td>
                    {standing === 'active' &&
                      (asking?.tokenId === k.tokenId ? (
                        <div className="token-confirm">
                          <p>{t('account.tokens.confirm', { name: k.name })}</p>
                          <button ref={confirmRef} type="button" className="button button-primary" disabled={revoke.isPending} onClick={() => revoke.mutate(k)}>
                            {t('account.tokens.confirmYes', { name: k.name })}
                          </button>{' '}
                          <button type="button" className="button" onClick={() => setAsking(undefined)}>
                            {t('account.tokens.confirmNo')}
                          </button>
                        </div>
                      ) : (
                        <button
                          type="button"
                          className="button"
                          disabled={revoke.isPending}
                          onClick={() => {
                            setRevoked(undefined);
                            setAsking(k);
                          }}
                        >
                          {t('admin.tokens.revoke', { name: k.name })}
                        </button>
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="token-outcome" aria-live="polite">
        {revoked ? t('account.tokens.revoked', { name: revoked }) : ''}
      </p>
      {revoke.isError && <ProblemNote error={revoke.error} />}
    </>
  );
}
