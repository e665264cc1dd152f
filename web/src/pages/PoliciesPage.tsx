import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { useSession } from '../auth/session';
import { FiltersBar, useFilters } from '../components/FiltersBar';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import { shown, type PolicyCheck, type PolicyDiff, type PolicyVersion } from './suppliers/shapes';

/*
 * A member state's national policy: every stored version (GET /policies/{ms}/versions) with the
 * checks each passes (POST /policies/validate, which stores nothing), and what a version changes
 * against the secure5g default — which is not an EU rule, and is labelled so — or against another
 * version (GET /policies/{ms}/diff). The member state and the versions compared are kept in the URL.
 */

const BASELINE = 'baseline';

export default function PoliciesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { values, set } = useFilters(['memberState', 'from', 'to'] as const);
  const inForce = useQuery({ queryKey: ['policies'], queryFn: () => call(api.GET('/api/v1/policies')) });
  const states = [...new Set([...(inForce.data?.items.map((p) => p.memberState) ?? []), ...(session.reach.memberState ? [session.reach.memberState] : [])])].sort();
  const memberState = states.includes(values.memberState) ? values.memberState : (session.reach.memberState ?? states[0]);
  const pick = useId();

  return (
    <PageLayout title={t('policies.title')} description={t('policies.description')}>
      <QueryView query={inForce} isEmpty={() => states.length === 0} empty={<EmptyState title={t('policies.none')} />}>
        {() => (
          <>
            {states.length > 1 && (
              <FiltersBar label={t('policies.choose')}>
                <div className="field">
                  <label htmlFor={pick}>{t('policies.memberState')}</label>
                  <select id={pick} value={memberState} onChange={(e) => set('memberState', e.target.value)}>
                    {states.map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </div>
              </FiltersBar>
            )}
            {memberState && <MemberStatePolicy key={memberState} memberState={memberState} from={values.from} to={values.to} onPick={set} />}
          </>
        )}
      </QueryView>
    </PageLayout>
  );
}

function MemberStatePolicy({ memberState, from, to, onPick }: { memberState: string; from: string; to: string; onPick: (k: 'from' | 'to', v: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { can } = useSession();
  const versions = useQuery({
    queryKey: ['policies', memberState, 'versions'],
    queryFn: async () =>
      (await call(api.GET('/api/v1/policies/{memberState}/versions', { params: { path: { memberState }, query: { limit: 1000 } } }))) as unknown as { items: PolicyVersion[]; total: number },
  });
  return (
    <QueryView query={versions} isEmpty={(v) => v.total === 0} empty={<EmptyState title={t('policies.noVersions', { memberState })}>{<p>{t('policies.baselineApplies')}</p>}</EmptyState>}>
      {(v) => {
        const current = v.items.find((x) => x.inForce) ?? v.items[v.items.length - 1]!;
        const ids = v.items.map((x) => x.version);
        const toV = ids.includes(to) ? to : current.version;
        const fromV = from === BASELINE || ids.includes(from) ? from : BASELINE;
        return (
          <>
            <Section id="versions" title={t('policies.versions', { memberState })}>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('policies.versionsCaption', { memberState })}>
                <table data-table="policy-versions">
                  <caption>{t('policies.versionsCaption', { memberState })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('policies.version')}</th>
                      <th scope="col">{t('policies.importedAt')}</th>
                      <th scope="col">{t('policies.inForce')}</th>
                      {can('policies.validate') && <th scope="col">{t('policies.checks')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {v.items.map((p) => (
                      <tr key={p.version} data-version={p.version}>
                        <th scope="row">{p.version}</th>
                        <td>{fmt.dateTime(p.importedAt)}</td>
                        <td>{p.inForce ? t('policies.yes') : t('policies.no')}</td>
                        {can('policies.validate') && (
                          <td>
                            <Checks version={p} />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Section>
            <Section id="diff" title={t('policies.diff')}>
              <p className="note">{t('policies.baselineNote')}</p>
              <div className="filters">
                <VersionPick label={t('policies.from')} value={fromV} options={[BASELINE, ...ids]} onChange={(x) => onPick('from', x)} />
                <VersionPick label={t('policies.to')} value={toV} options={ids} onChange={(x) => onPick('to', x)} />
              </div>
              <Diff memberState={memberState} from={fromV} to={toV} />
            </Section>
          </>
        );
      }}
    </QueryView>
  );
}

function VersionPick({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o === BASELINE ? t('policies.baseline') : o}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The checks a stored version passes now: the same as a draft gets (errors refuse it, warnings point at something odd). */
function Checks({ version }: { version: PolicyVersion }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['policies', version.memberState, version.version, 'check'],
    queryFn: async () => (await call(api.POST('/api/v1/policies/validate', { body: version.policy }))) as unknown as PolicyCheck,
  });
  return (
    <QueryView query={q}>
      {(c) => (
        <>
          <span className={`badge ${c.valid ? 'status-valid' : 'status-invalid'}`}>{c.valid ? t('policies.valid') : t('policies.invalid')}</span>
          {c.errors.length + c.warnings.length === 0 ? (
            <span> {t('policies.noIssues')}</span>
          ) : (
            <ul className="plain">
              {c.errors.map((e, i) => (
                <li key={`e${i}`}>{t('policies.error', { path: e.path, message: e.message })}</li>
              ))}
              {c.warnings.map((w, i) => (
                <li key={`w${i}`}>{t('policies.warning', { path: w.path, message: w.message })}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </QueryView>
  );
}

function Diff({ memberState, from, to }: { memberState: string; from: string; to: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['policies', memberState, 'diff', from, to],
    queryFn: async () => (await call(api.GET('/api/v1/policies/{memberState}/diff', { params: { path: { memberState }, query: { from, to } } }))) as unknown as PolicyDiff,
  });
  const name = (v: string) => (v === BASELINE ? t('policies.baseline') : v);
  const caption = t('policies.diffCaption', { from: name(from), to: name(to) });
  return (
    <QueryView query={q} isEmpty={(d) => d.changes.length === 0} empty={<EmptyState title={t('policies.noChange')} />}>
      {(d) => (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
          <table className="diff-table" data-table="policy-diff">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('policies.field')}</th>
                <th scope="col">{name(from)}</th>
                <th scope="col">{name(to)}</th>
                <th scope="col">{t('policies.meaning')}</th>
              </tr>
            </thead>
            <tbody>
              {d.changes.map((c) => (
                <tr key={c.field} data-field={c.field}>
                  <th scope="row">
                    <code>{c.field}</code>
                  </th>
                  <td>{shown(c.before, (n) => fmt.number(n, 6))}</td>
                  <td>{shown(c.after, (n) => fmt.number(n, 6))}</td>
                  {/* the engine explains in English, whatever the reader's language: said so for screen readers */}
                  <td lang="en">{c.explanation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryView>
  );
}
