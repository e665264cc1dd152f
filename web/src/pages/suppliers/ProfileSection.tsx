import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { ExplainButton } from '../../components/ExplainPanel';
import { Section } from '../../components/PageLayout';
import { EmptyState, QueryView } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';
import type { ProfileDiff, ProfileVersion, Suggestions } from './shapes';

/*
 * A supplier's risk profiles, one per assessing member state in the user's scope (GET /profiles):
 * the latest version's criteria with their scores and evidence, the level and the rule that gave it;
 * the scores the recorded facts suggest (never recorded by themselves: the assessor decides); every
 * version, and what changed between two of them, criterion by criterion.
 */

export function ProfileSection({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const list = useQuery({
    queryKey: ['profiles', { supplierId }],
    queryFn: () => call(api.GET('/api/v1/profiles', { params: { query: { supplierId, limit: 100 } } })),
  });
  return (
    <Section id="profile" title={t('suppliers.profile.title')}>
      <p className="note">{t('suppliers.profile.intro')}</p>
      <QueryView
        query={list}
        isEmpty={(d) => d.total === 0}
        empty={
          <>
            <EmptyState title={t('suppliers.profile.none')} />
            {session.reach.memberState && <SuggestedScores supplierId={supplierId} memberState={session.reach.memberState} />}
          </>
        }
      >
        {(d) => d.items.map((p) => <Profile key={p.profileId} summary={p} />)}
      </QueryView>
    </Section>
  );
}

function Profile({ summary }: { summary: Schemas['ProfileSummary'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = summary.profileId;
  const latest = useQuery({
    queryKey: ['profiles', id, 'latest'],
    queryFn: async () => (await call(api.GET('/api/v1/profiles/{profileId}', { params: { path: { profileId: id }, query: {} } }))) as unknown as ProfileVersion,
  });
  return (
    <article className="profile" aria-labelledby={`profile-${id}`}>
      <h3 id={`profile-${id}`}>
        {t('suppliers.profile.heading', { memberState: summary.memberState, id, version: summary.version })}
      </h3>
      <QueryView query={latest}>
        {(v) => (
          <>
            <dl className="facts">
              <div>
                <dt>{t('suppliers.profile.level')}</dt>
                <dd className={`level level-${v.level}`}>{t(`levels.${v.level}`, { defaultValue: v.level })}</dd>
              </div>
              <div>
                <dt>{t('suppliers.profile.assessor')}</dt>
                <dd>{v.profile.assessor}</dd>
              </div>
              <div>
                <dt>{t('suppliers.profile.assessedOn')}</dt>
                <dd>{fmt.date(v.profile.assessedOn)}</dd>
              </div>
            </dl>
            <p>
              <span className="explain-label">{t('suppliers.profile.rule')}</span> <code>{v.ruleId}</code>
              {v.rule?.description ? `: ${v.rule.description}` : ''}
            </p>
            {v.profile.note && <p>{v.profile.note}</p>}
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('suppliers.profile.criteria', { id })}>
              <table>
                <caption>{t('suppliers.profile.criteria', { id })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('suppliers.profile.criterion')}</th>
                    <th scope="col">{t('suppliers.profile.score')}</th>
                    <th scope="col">{t('suppliers.profile.evidence')}</th>
                    <th scope="col">{t('suppliers.profile.suggestedUsed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.profile.scores.map((s) => (
                    <tr key={s.criterion} data-criterion={s.criterion}>
                      <th scope="row">{s.criterion}</th>
                      <td>{fmt.number(s.score)}</td>
                      <td>
                        <ul className="plain">
                          {s.evidence.map((e, i) => (
                            <li key={i}>{e.url ? <a href={e.url}>{e.text}</a> : e.text}</li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        {s.suggested
                          ? t(`suppliers.profile.decision.${s.suggested.decision}`, { score: fmt.number(s.suggested.score), source: s.suggested.source })
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryView>
      <SuggestedScores supplierId={summary.supplierId} memberState={summary.memberState} />
      <History profileId={id} />
    </article>
  );
}

function SuggestedScores({ supplierId, memberState }: { supplierId: string; memberState: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['profile-suggestions', supplierId, memberState],
    queryFn: async () =>
      (await call(api.GET('/api/v1/suppliers/{supplierId}/profile-suggestions', { params: { path: { supplierId }, query: { memberState } } }))) as unknown as Suggestions,
  });
  const caption = t('suppliers.profile.suggested', { memberState });
  return (
    <div className="suggestions">
      <h4>{caption}</h4>
      <p className="note">{t('suppliers.profile.suggestedNote')}</p>
      <QueryView query={q} isEmpty={(d) => d.suggestions.length === 0} empty={<EmptyState title={t('suppliers.profile.noSuggestions')} />}>
        {(d) => (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
            <table>
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('suppliers.profile.criterion')}</th>
                  <th scope="col">{t('suppliers.profile.suggestedScore')}</th>
                  <th scope="col">{t('suppliers.profile.source')}</th>
                </tr>
              </thead>
              <tbody>
                {d.suggestions.map((s) => (
                  <tr key={s.criterion}>
                    <th scope="row">{s.criterion}</th>
                    <td>
                      <ExplainButton explanation={s.explanation} label={t('suppliers.profile.suggestionOf', { criterion: s.criterion })}>
                        {fmt.number(s.score)}
                      </ExplainButton>
                    </td>
                    <td>{s.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </div>
  );
}

function History({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['profiles', profileId, 'history'],
    queryFn: async () =>
      (await call(api.GET('/api/v1/profiles/{profileId}/history', { params: { path: { profileId }, query: { limit: 1000 } } }))) as unknown as { items: ProfileVersion[]; total: number },
  });
  return (
    <div className="history">
      <h4>{t('suppliers.profile.history')}</h4>
      <QueryView query={q}>
        {(h) => (
          <>
            <ol className="versions">
              {h.items.map((v) => (
                <li key={v.profile.version}>
                  {t('suppliers.profile.versionLine', {
                    version: v.profile.version,
                    level: t(`levels.${v.level}`, { defaultValue: v.level }),
                    assessor: v.profile.assessor,
                    date: fmt.date(v.profile.assessedOn),
                    by: v.recordedBy,
                  })}
                </li>
              ))}
            </ol>
            {h.items.length > 1 ? <VersionDiff profileId={profileId} versions={h.items.map((v) => v.profile.version)} /> : <p className="note">{t('suppliers.profile.oneVersion')}</p>}
          </>
        )}
      </QueryView>
    </div>
  );
}

function VersionDiff({ profileId, versions }: { profileId: string; versions: number[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [from, setFrom] = useState(versions[versions.length - 2]!);
  const [to, setTo] = useState(versions[versions.length - 1]!);
  const fromId = useId();
  const toId = useId();
  const q = useQuery({
    queryKey: ['profiles', profileId, 'diff', from, to],
    queryFn: async () => (await call(api.GET('/api/v1/profiles/{profileId}/diff', { params: { path: { profileId }, query: { from, to } } }))) as unknown as ProfileDiff,
  });
  const caption = t('suppliers.profile.diffCaption', { from, to });
  return (
    <div className="diff">
      <div className="filters">
        <div className="field">
          <label htmlFor={fromId}>{t('suppliers.profile.from')}</label>
          <select id={fromId} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={toId}>{t('suppliers.profile.to')}</label>
          <select id={toId} value={to} onChange={(e) => setTo(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryView query={q}>
        {(d) => {
          const rows = [
            ...d.scoresChanged.map((c) => ({ criterion: c.criterion, what: t('suppliers.profile.change.score'), before: fmt.number(c.from), after: fmt.number(c.to) })),
            ...d.criteriaAdded.map((c) => ({ criterion: c.criterion, what: t('suppliers.profile.change.added'), before: '—', after: fmt.number(c.score) })),
            ...d.criteriaRemoved.map((c) => ({ criterion: c.criterion, what: t('suppliers.profile.change.removed'), before: fmt.number(c.score), after: '—' })),
            ...d.evidenceRemoved.map((c) => ({ criterion: c.criterion, what: t('suppliers.profile.change.evidence'), before: c.evidence.text, after: '—' })),
            ...d.evidenceAdded.map((c) => ({ criterion: c.criterion, what: t('suppliers.profile.change.evidence'), before: '—', after: c.evidence.text })),
          ].sort((a, b) => (a.criterion < b.criterion ? -1 : a.criterion > b.criterion ? 1 : 0));
          return (
            <>
              {d.level && (
                <p>
                  {t('suppliers.profile.levelChange', {
                    from: t(`levels.${d.level.from}`, { defaultValue: d.level.from }),
                    to: t(`levels.${d.level.to}`, { defaultValue: d.level.to }),
                  })}
                </p>
              )}
              {d.assessorChanged && <p>{t('suppliers.profile.assessorChange', d.assessorChanged)}</p>}
              {rows.length === 0 ? (
                <EmptyState title={t('suppliers.profile.noChange')} />
              ) : (
                <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
                  <table className="diff-table">
                    <caption>{caption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('suppliers.profile.criterion')}</th>
                        <th scope="col">{t('suppliers.profile.change.what')}</th>
                        <th scope="col">{t('suppliers.profile.change.before')}</th>
                        <th scope="col">{t('suppliers.profile.change.after')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r, i) => (
                        <tr key={i}>
                          <th scope="row">{r.criterion}</th>
                          <td>{r.what}</td>
                          <td>{r.before}</td>
                          <td>{r.after}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
