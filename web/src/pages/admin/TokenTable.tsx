import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { ProblemNote } from './ProblemNote';

/* A list of API tokens (never their secrets) with their standing, each revocable until it is revoked. */

type Token = Schemas['ApiToken'];

export function tokenStanding(t: Token, now = Date.now()): 'revoked' | 'expired' | 'active' {
  if (t.revokedAt) return 'revoked';
  return Date.parse(t.expiresAt) <= now ? 'expired' : 'active';
}

export function TokenTable({ caption, tokens }: { caption: string; tokens: Token[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: (tokenId: string) => call(api.DELETE('/api/v1/tokens/{tokenId}', { params: { path: { tokenId } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tokens'] }),
  });
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
                    {standing === 'active' && (
                      <button type="button" className="button" disabled={revoke.isPending} onClick={() => revoke.mutate(k.tokenId)}>
                        {t('admin.tokens.revoke', { name: k.name })}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {revoke.isError && <ProblemNote error={revoke.error} />}
    </>
  );
}
