import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import { RevokeButton } from './designations/RevokeDialog';
import { segmentsText } from './suppliers/DesignationsTable';
import { addMonths, shown, type Designation, type DesignationDiff, type DesignationRevision } from './suppliers/shapes';

/*
 * One designation (GET /designations/{id}): what it restricts, its timeline (decision, effective date,
 * end of the transition, amendments, revocation), every revision with what changed between two, and
 * the risk profile it rests on at the version it names, and the API's warnings about it (no profile, a
 * low one, a newer version recorded). Its own authority (and the administrator) can revoke it here; the
 * findings follow at the next assessment.
 */

interface Event {
  date: string;
  what: string;
  detail?: string;
}

export default function DesignationPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { can, session } = useSession();
  const designationId = useParams().designationId ?? '';
  const [revoked, setRevoked] = useState(false);
  // the button that opened the dialog is gone once the designation is revoked: focus goes to what happened
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (revoked) done.current?.focus();
  }, [revoked]);
  const q = useQuery({
    queryKey: ['designations', designationId],
    queryFn: () => call(api.GET('/api/v1/designations/{designationId}', { params: { path: { designationId } } })),
  });
  const history = useQuery({
    queryKey: ['designations', designationId, 'history'],
    queryFn: async () =>
      (await call(api.GET('/api/v1/designations/{designationId}/history', { params: { path: { designationId } } }))) as unknown as { items: DesignationRevision[]; total: number },
  });
  const mayRevoke = (d: Designation) =>
    d.status !== 'revoked' && can('designations.write') && (session.reach.role === 'admin' || session.reach.memberState === d.memberState);

  return (
    <PageLayout
      title={t('designations.page.title', { id: designationId })}
      description={<Link to="/designations">{t('designations.page.back')}</Link>}
      actions={q.data && mayRevoke(q.data) && <RevokeButton designation={q.data} onRevoked={() => setRevoked(true)} />}
    >
      {revoked && (
        <div ref={done} tabIndex={-1} className="status status-done" role="status">
          <p className="status-title">{t('designations.revoke.done')}</p>
          <p>
            <Link to="/risk">{t('designations.revoke.toRisk')}</Link>
          </p>
        </div>
      )}
      <QueryView query={q}>
        {(d) => (
          <>
            <dl className="facts" data-facts="designation">
              <div>
                <dt>{t('designations.memberState')}</dt>
                <dd>{d.memberState}</dd>
              </div>
              <div>
                <dt>{t('designations.supplier')}</dt>
                <dd>
                  <Link to={`/suppliers/${encodeURIComponent(d.supplierId)}`}>{d.supplierId}</Link>
                </dd>
              </div>
              <div>
                <dt>{t('designations.kind')}</dt>
                <dd>{t(`designations.kinds.${d.kind}`)}</dd>
              </div>
              <div>
                <dt>{t('designations.segments')}</dt>
                <dd>{segmentsText(d.segments, t)}</dd>
              </div>
              <div>
                <dt>{t('designations.status')}</dt>
                <dd data-status={d.status}>{t(`designations.statuses.${d.status}`)}</dd>
              </div>
              <div>
                <dt>{t('designations.legalBasis')}</dt>
                <dd>{d.legalBasis}</dd>
              </div>
            </dl>
            <Warnings warnings={d.warnings} />
            <Section id="timeline" title={t('designations.timeline.title')}>
              <Timeline designation={d} revisions={history.data?.items ?? []} />
            </Section>
            <Section id="profile" title={t('designations.profile.title')}>
              {d.profile ? (
                <RestingProfile profile={d.profile} supplierId={d.supplierId} />
              ) : d.profileId ? (
                <p>{t('designations.profile.named', { id: d.profileId, version: d.profileVersion ?? '—' })}</p>
              ) : (
                <EmptyState title={t('designations.profile.none')} />
              )}
            </Section>
          </>
        )}
      </QueryView>
      <Section id="history" title={t('designations.history.title')}>
        <QueryView query={history}>
          {(h) => (
            <>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('designations.history.caption')}>
                <table>
                  <caption>{t('designations.history.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('designations.history.revision')}</th>
                      <th scope="col">{t('designations.history.change')}</th>
                      <th scope="col">{t('designations.history.decided')}</th>
                      <th scope="col">{t('designations.history.recorded')}</th>
                      <th scope="col">{t('designations.history.by')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {h.items.map((r) => (
                      <tr key={r.revision} data-revision={r.revision}>
                        <th scope="row">{r.revision}</th>
                        <td>{t(`designations.history.changes.${r.change}`)}</td>
                        <td>{((d) => (d ? fmt.date(d) : '—'))(r.changeDate ?? (r.change === 'created' ? r.designation.decisionDate : undefined))}</td>
                        <td>{fmt.dateTime(r.recordedAt)}</td>
                        <td>
                          {r.actor} ({r.source})
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {h.items.length > 1 && <RevisionDiff designationId={designationId} revisions={h.items.map((r) => r.revision)} />}
            </>
          )}
        </QueryView>
      </Section>
    </PageLayout>
  );
}

/** What the API warns about the designation (no profile cited, a low one, a newer version recorded), in the reader's language. */
function Warnings({ warnings }: { warnings: Schemas['DesignationWarning'][] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (warnings.length === 0) return null;
  const level = (l?: string) => (l ? t(`levels.${l}`, { defaultValue: l }) : '—');
  return (
    <div className="status status-warning" role="note" aria-labelledby="designation-warnings" data-warnings={warnings.map((w) => w.kind).join(' ')}>
      <p className="status-title" id="designation-warnings">
        {t('designations.warnings')}
      </p>
      <ul>
        {warnings.map((w, i) => (
          <li key={i} data-warning={w.kind}>
            {w.kind === 'no-profile'
              ? w.profileId
                ? t('designations.warning.noProfileCandidate', { id: w.profileId, version: w.version, level: level(w.level) })
                : t('designations.warning.noProfile')
              : w.kind === 'profile-level-low'
                ? t('designations.warning.low', { id: w.profileId, version: w.version, rule: w.ruleId })
                : w.kind === 'newer-profile-version'
                  ? t('designations.warning.newer', {
                      id: w.profileId,
                      version: w.version,
                      latest: w.latestVersion,
                      level: level(w.latestLevel),
                      date: w.latestAssessedOn ? fmt.date(w.latestAssessedOn) : '—',
                    })
                  : // a kind this page does not know yet: the server's own words
                    <span lang="en">{w.message}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Timeline({ designation: d, revisions }: { designation: Designation; revisions: DesignationRevision[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const end = addMonths(d.effectiveDate, d.transitionMonths);
  const events: Event[] = [
    ...(d.decisionDate ? [{ date: d.decisionDate, what: t('designations.timeline.decided') }] : []),
    { date: d.effectiveDate, what: t('designations.timeline.effective') },
    { date: end, what: t('designations.timeline.transitionEnd', { months: d.transitionMonths }) },
    ...revisions.filter((r) => r.change === 'amended').map((r) => ({ date: (r.changeDate ?? r.recordedAt).slice(0, 10), what: t('designations.timeline.amended', { revision: r.revision }) })),
    ...(d.revokedOn ? [{ date: d.revokedOn, what: t('designations.timeline.revoked') }] : []),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const today = new Date().toISOString().slice(0, 10);
  return (
    <ol className="timeline" data-timeline={d.designationId}>
      {events.map((e, i) => (
        <li key={i} className={e.date <= today ? 'past' : 'future'}>
          <time dateTime={e.date}>{fmt.date(e.date)}</time> <span>{e.what}</span>
          {e.date > today && <span className="muted"> {t('designations.timeline.upcoming')}</span>}
        </li>
      ))}
    </ol>
  );
}

function RestingProfile({ profile: p, supplierId }: { profile: Schemas['DesignationProfileRef']; supplierId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { can } = useSession();
  return (
    <dl className="facts" data-facts="profile">
      <div>
        <dt>{t('designations.profile.id')}</dt>
        <dd>{can('profiles.read') ? <Link to={`/suppliers/${encodeURIComponent(supplierId)}#profile-title`}>{p.profileId}</Link> : p.profileId}</dd>
      </div>
      <div>
        <dt>{t('designations.profile.version')}</dt>
        <dd>{p.version}</dd>
      </div>
      <div>
        <dt>{t('suppliers.profile.level')}</dt>
        <dd className={`level level-${p.level}`}>{t(`levels.${p.level}`, { defaultValue: p.level })}</dd>
      </div>
      <div>
        <dt>{t('suppliers.profile.assessedOn')}</dt>
        <dd>{fmt.date(p.assessedOn)}</dd>
      </div>
    </dl>
  );
}

function RevisionDiff({ designationId, revisions }: { designationId: string; revisions: number[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [from, setFrom] = useState(revisions[revisions.length - 2]!);
  const [to, setTo] = useState(revisions[revisions.length - 1]!);
  const fromId = useId();
  const toId = useId();
  const q = useQuery({
    queryKey: ['designations', designationId, 'diff', from, to],
    queryFn: async () =>
      (await call(api.GET('/api/v1/designations/{designationId}/diff', { params: { path: { designationId }, query: { from, to } } }))) as unknown as DesignationDiff,
  });
  const caption = t('designations.history.diffCaption', { from, to });
  const select = (id: string, label: string, value: number, set: (n: number) => void) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(Number(e.target.value))}>
        {revisions.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="diff">
      <h3>{t('designations.history.diff')}</h3>
      <div className="filters">
        {select(fromId, t('designations.history.from'), from, setFrom)}
        {select(toId, t('designations.history.to'), to, setTo)}
      </div>
      <QueryView query={q} isEmpty={(d) => d.changes.length === 0} empty={<EmptyState title={t('designations.history.noChange')} />}>
        {(d) => (
          <table className="diff-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('designations.history.field')}</th>
                <th scope="col">{t('suppliers.profile.change.before')}</th>
                <th scope="col">{t('suppliers.profile.change.after')}</th>
              </tr>
            </thead>
            <tbody>
              {d.changes.map((c) => (
                <tr key={c.field}>
                  <th scope="row">{t(`designations.fields.${c.field}`, { defaultValue: c.field })}</th>
                  <td>{shown(c.from, (n) => fmt.number(n, 6))}</td>
                  <td>{shown(c.to, (n) => fmt.number(n, 6))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </div>
  );
}
