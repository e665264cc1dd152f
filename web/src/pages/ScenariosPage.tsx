import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { useSession } from '../auth/session';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, ErrorState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import ComparisonView from './scenarios/ComparisonView';
import { ScenarioBuilder } from './scenarios/ScenarioBuilder';
import SimulationView from './scenarios/SimulationView';
import type { ScenarioRef } from './scenarios/types';

/*
 * What-if scenarios (docs/simulation.md): build one from a form or upload a file, save it (national
 * authorities and administrators: a saved scenario is shared by the whole instance), run any over the
 * user's own scope, and compare two or more side by side. Runs store nothing.
 */

const refName = (r: ScenarioRef) => (r.kind === 'saved' ? `${r.name}@${r.version}` : `${String(r.document.name ?? '?')}@${String(r.document.version ?? '?')}`);

export default function ScenariosPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { can } = useSession();
  const client = useQueryClient();
  const saved = useQuery({ queryKey: ['scenarios'], queryFn: () => call(api.GET('/api/v1/scenarios', { params: { query: { limit: 1000 } } })) });
  const [draft, setDraft] = useState<{ document: Record<string, unknown>; origin: string } | null>(null);
  const [draftInComparison, setDraftInComparison] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [run, setRun] = useState<ScenarioRef | null>(null);
  const [compared, setCompared] = useState<ScenarioRef[] | null>(null);
  const save = useMutation({
    mutationFn: (document: Record<string, unknown>) => call(api.POST('/api/v1/scenarios', { body: document })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['scenarios'] }),
  });

  const toCompare: ScenarioRef[] = [
    ...selected.map((key): ScenarioRef => {
      const at = key.lastIndexOf('@');
      return { kind: 'saved', name: key.slice(0, at), version: key.slice(at + 1) };
    }),
    ...(draft && draftInComparison ? [{ kind: 'inline' as const, document: draft.document }] : []),
  ];

  return (
    <PageLayout title={t('scenarios.title')} description={t('scenarios.description')}>
      <Section id="saved" title={t('scenarios.saved')}>
        <QueryView query={saved} isEmpty={(d) => d.total === 0} empty={<EmptyState title={t('scenarios.noneSaved')} />}>
          {(d) => (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('scenarios.saved')}>
              <table className="saved-scenarios">
                <caption className="visually-hidden">{t('scenarios.savedCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('scenarios.compare')}</th>
                    <th scope="col">{t('scenarios.name')}</th>
                    <th scope="col">{t('scenarios.version')}</th>
                    <th scope="col">{t('scenarios.descriptionLabel')}</th>
                    <th scope="col">{t('scenarios.savedAt')}</th>
                    <th scope="col">{t('scenarios.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((s) => {
                    const key = `${s.name}@${s.version}`;
                    return (
                      <tr key={key} data-scenario={key}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={t('scenarios.compareThis', { name: key })}
                            checked={selected.includes(key)}
                            onChange={(e) => setSelected(e.target.checked ? [...selected, key] : selected.filter((x) => x !== key))}
                          />
                        </td>
                        <th scope="row">{s.name}</th>
                        <td>{s.version}</td>
                        <td className="wrap">{s.description ?? '—'}</td>
                        <td>{fmt.dateTime(s.savedAt)}</td>
                        <td>
                          <button type="button" className="button" aria-label={t('scenarios.runThis', { name: key })} onClick={() => setRun({ kind: 'saved', name: s.name, version: s.version })}>
                            {t('scenarios.run')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </QueryView>
      </Section>

      <Section id="new" title={t('scenarios.new')}>
        <ScenarioBuilder
          onReady={(document, origin) => {
            setDraft({ document, origin });
            save.reset();
          }}
        />
        {draft && (
          <div className="draft" role="region" aria-label={t('scenarios.draft')}>
            <p>
              <strong>{t('scenarios.ready', { name: refName({ kind: 'inline', document: draft.document }) })}</strong> {draft.origin}
            </p>
            <details>
              <summary>{t('scenarios.document')}</summary>
              <pre className="scenario-document">{JSON.stringify(draft.document, null, 2)}</pre>
            </details>
            <div className="button-row">
              <button type="button" className="button button-primary" onClick={() => setRun({ kind: 'inline', document: draft.document })}>
                {t('scenarios.runDraft')}
              </button>
              {can('scenarios.write') && (
                <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate(draft.document)}>
                  {save.isPending ? t('scenarios.saving') : t('scenarios.save')}
                </button>
              )}
              <label className="choice">
                <input type="checkbox" checked={draftInComparison} onChange={(e) => setDraftInComparison(e.target.checked)} /> {t('scenarios.includeDraft')}
              </label>
            </div>
            <div aria-live="polite">
              {save.isSuccess && (
                <p className="form-success" role="status">
                  {t('scenarios.savedAs', { name: `${save.data.name}@${save.data.version}` })}
                </p>
              )}
            </div>
            {save.isError && <ErrorState error={save.error} />}
          </div>
        )}
      </Section>

      <Section id="compare" title={t('scenarios.compareTitle')}>
        <p className="hint">{t('scenarios.compareHint')}</p>
        <button type="button" className="button button-primary" disabled={toCompare.length < 2 || toCompare.length > 6} onClick={() => setCompared(toCompare)}>
          {t('scenarios.compareSelected', { count: toCompare.length })}
        </button>
      </Section>

      {run && <SimulationView key={JSON.stringify(run)} run={run} />}
      {compared && <ComparisonView items={compared} />}
    </PageLayout>
  );
}
