import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { DataTable, usePaging, type Columns } from '../components/DataTable';
import { FiltersBar, SelectFilter, TextFilter, useFilters } from '../components/FiltersBar';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import { ProblemNote } from './admin/ProblemNote';

/*
 * The audit trail (audit.read): its entries newest first, filtered by actor, action and days, paged by
 * the server; and its verification (GET /audit/verify): the hash chain and keyed MACs checked on the
 * server, with the head to keep elsewhere and give back later (here, or `secure5g audit verify
 * --expect-head`), which shows newest entries removed since.
 */

type Entry = Schemas['AuditEntry'];
const FILTERS = ['actorId', 'action', 'from', 'to'] as const;
const col = createColumnHelper<Entry>();

function ActorFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  // administrators may list users, so pick by name; others give the actor's id
  const users = useQuery({ queryKey: ['users'], queryFn: () => call(api.GET('/api/v1/users')), enabled: can('users.manage') });
  if (!users.data) return <TextFilter label={t('admin.audit.actorId')} value={value} onChange={onChange} />;
  return <SelectFilter label={t('admin.audit.actor')} value={value} options={users.data.items.map((u) => ({ value: u.userId, label: u.username }))} onChange={onChange} />;
}

function Verification() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [expectHead, setExpectHead] = useState('');
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/v1/audit/verify', { params: { query: expectHead.trim() ? { expectHead: expectHead.trim() } : {} } })) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate();
  };
  const r = verify.data;
  return (
    <>
      <form className="form-grid" onSubmit={submit}>
        <div className="field">
          <label htmlFor={id}>{t('admin.audit.expectHead')}</label>
          <input id={id} className="secret" value={expectHead} onChange={(e) => setExpectHead(e.target.value)} aria-describedby={`${id}-hint`} />
          <p className="hint" id={`${id}-hint`}>
            {t('admin.audit.expectHeadHint')}
          </p>
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={verify.isPending}>
            {verify.isPending ? t('admin.audit.verifying') : t('admin.audit.verify')}
          </button>
        </div>
      </form>
      {verify.isError && <ProblemNote error={verify.error} />}
      {r && (
        <div className={r.ok ? 'verify-result verify-ok' : 'verify-result verify-bad'} role={r.ok ? 'status' : 'alert'}>
          <p className="status-title">{r.ok ? t('admin.audit.ok', { entries: fmt.number(r.entries) }) : t('admin.audit.bad', { entries: fmt.number(r.entries) })}</p>
          {r.problem && <p>{t('admin.audit.problem', { seq: fmt.number(r.problem.seq), kind: r.problem.kind, detail: r.problem.detail })}</p>}
          <dl className="verify-figures">
            <dt>{t('admin.audit.headRef')}</dt>
            <dd>
              <code data-head-ref>{r.headRef}</code>
            </dd>
            <dt>{t('admin.audit.keyedFrom')}</dt>
            <dd>{r.keyedFrom === null ? t('admin.audit.unkeyed') : fmt.number(r.keyedFrom)}</dd>
          </dl>
          <p className="hint">{t('admin.audit.keepHead', { command: `secure5g audit verify --expect-head ${r.headRef}` })}</p>
        </div>
      )}
    </>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { values, set, reset } = useFilters(FILTERS);
  const [paging, setPage] = usePaging(50);
  const query = {
    limit: paging.size,
    offset: paging.index * paging.size,
    ...(values.actorId ? { actorId: values.actorId } : {}),
    ...(values.action ? { action: values.action } : {}),
    // whole days in UTC, as the trail's timestamps are
    ...(values.from ? { from: `${values.from}T00:00:00Z` } : {}),
    ...(values.to ? { to: `${values.to}T23:59:59.999Z` } : {}),
  };
  const q = useQuery({ queryKey: ['audit', query], queryFn: () => call(api.GET('/api/v1/audit', { params: { query } })), placeholderData: keepPreviousData });
  const columns: Columns<Entry> = [
    col.accessor('seq', { header: t('admin.audit.seq'), cell: (c) => fmt.number(c.getValue()) }),
    col.accessor('at', { header: t('admin.audit.at'), cell: (c) => fmt.dateTime(c.getValue()) }),
    col.accessor('actor', { header: t('admin.audit.actor') }),
    col.accessor('action', { header: t('admin.audit.action') }),
    col.display({ id: 'target', header: t('admin.audit.target'), cell: (c) => [c.row.original.targetType, c.row.original.targetId].filter(Boolean).join(' ') }),
    col.display({ id: 'scope', header: t('admin.audit.scope'), cell: (c) => c.row.original.operatorId ?? c.row.original.memberState ?? '—' }),
    col.accessor('hash', { header: t('admin.audit.hash'), cell: (c) => <code title={c.getValue()}>{c.getValue().slice(0, 12)}</code> }),
  ];
  return (
    <PageLayout title={t('admin.audit.title')} description={t('admin.audit.description')}>
      <Section id="verify" title={t('admin.audit.verifyTitle')}>
        <Verification />
      </Section>
      <Section id="entries" title={t('admin.audit.entriesTitle')}>
        <FiltersBar label={t('admin.audit.filters')} onReset={reset}>
          <ActorFilter value={values.actorId} onChange={(v) => set('actorId', v)} />
          <TextFilter label={t('admin.audit.action')} value={values.action} onChange={(v) => set('action', v)} />
          <DateFilter label={t('admin.audit.from')} value={values.from} onChange={(v) => set('from', v)} />
          <DateFilter label={t('admin.audit.to')} value={values.to} onChange={(v) => set('to', v)} />
        </FiltersBar>
        <QueryView query={q} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('admin.audit.none')} />}>
          {(d) => <DataTable caption={t('admin.audit.caption')} columns={columns} rows={d.items} total={d.total} paging={paging} onPage={setPage} rowKey={(e) => String(e.seq)} fetching={q.isFetching} />}
        </QueryView>
      </Section>
    </PageLayout>
  );
}

function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
