import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';

/*
 * A scenario document (docs/simulation.md, snake_case like the files) built from a form — one restriction:
 * suppliers named or designated by member states, in segments and member states, from a date, with its
 * transition and the share allowed — or read from an uploaded JSON file. The page runs or saves it; the
 * server validates it and names the field that is wrong.
 */

const SEGMENTS = ['core', 'ran', 'transport', 'management', 'interconnection', 'lawful-interception', 'support', 'it-cloud', 'key-assets'] as const;
const codes = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);

export function ScenarioBuilder({ onReady }: { onReady: (document: Record<string, unknown>, origin: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const suppliers = useQuery({ queryKey: ['suppliers', 'all'], queryFn: () => call(api.GET('/api/v1/suppliers', { params: { query: { limit: 1000 } } })) });
  const [name, setName] = useState('');
  const [version, setVersion] = useState('1');
  const [description, setDescription] = useState('');
  const [start, setStart] = useState(new Date().toISOString().slice(0, 8) + '01');
  const [horizon, setHorizon] = useState('36');
  const [by, setBy] = useState<'suppliers' | 'designated'>('suppliers');
  const [chosen, setChosen] = useState<string[]>([]);
  const [designatedBy, setDesignatedBy] = useState('');
  const [segments, setSegments] = useState<string[]>(['ran']);
  const [memberStates, setMemberStates] = useState('');
  const [effective, setEffective] = useState('');
  const [transition, setTransition] = useState('');
  const [maxShare, setMaxShare] = useState('0');
  const [uploadError, setUploadError] = useState<string | null>(null);

  const build = (e: FormEvent) => {
    e.preventDefault();
    const restriction: Record<string, unknown> = {
      id: 'R1',
      ...(by === 'suppliers' ? { suppliers: chosen } : { designated_by: codes(designatedBy) }),
      segments,
      ...(codes(memberStates).length > 0 ? { member_states: codes(memberStates) } : {}),
      ...(effective ? { effective_date: effective } : {}),
      ...(transition !== '' ? { transition_months: Number(transition) } : {}),
      max_share: Number(maxShare) / 100,
    };
    onReady(
      {
        name: name.trim(),
        version: version.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        start_date: start,
        horizon_months: Number(horizon),
        restrictions: [restriction],
      },
      t('scenarios.fromForm'),
    );
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setUploadError(null);
    if (!file) return;
    try {
      const doc: unknown = JSON.parse(await file.text());
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(t('scenarios.notAnObject'));
      onReady(doc as Record<string, unknown>, t('scenarios.fromFile', { file: file.name }));
    } catch (err) {
      setUploadError(t('scenarios.badFile', { file: file.name, reason: err instanceof Error ? err.message : String(err) }));
    }
  };

  const f = (key: string) => `${id}-${key}`;
  return (
    <div className="grid-2">
      <form className="scenario-form" onSubmit={build} aria-labelledby={f('title')}>
        <h3 id={f('title')}>{t('scenarios.build')}</h3>
        <div className="field-row">
          <div className="field">
            <label htmlFor={f('name')}>{t('scenarios.name')}</label>
            <input id={f('name')} required maxLength={128} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={f('version')}>{t('scenarios.version')}</label>
            <input id={f('version')} required maxLength={64} size={6} value={version} onChange={(e) => setVersion(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={f('description')}>{t('scenarios.descriptionLabel')}</label>
          <input id={f('description')} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={f('start')}>{t('scenarios.start')}</label>
            <input id={f('start')} type="date" required value={start} onChange={(e) => setStart(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={f('horizon')}>{t('scenarios.horizon')}</label>
            <input id={f('horizon')} type="number" required min={1} max={240} value={horizon} onChange={(e) => setHorizon(e.target.value)} />
          </div>
        </div>
        <fieldset className="field">
          <legend>{t('scenarios.restrict')}</legend>
          <label className="choice">
            <input type="radio" name={f('by')} checked={by === 'suppliers'} onChange={() => setBy('suppliers')} /> {t('scenarios.bySuppliers')}
          </label>
          <label className="choice">
            <input type="radio" name={f('by')} checked={by === 'designated'} onChange={() => setBy('designated')} /> {t('scenarios.byDesignation')}
          </label>
        </fieldset>
        {by === 'suppliers' ? (
          <div className="field">
            <label htmlFor={f('suppliers')}>{t('scenarios.suppliers')}</label>
            <select id={f('suppliers')} multiple size={6} required value={chosen} onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => o.value))} aria-describedby={f('suppliers-hint')}>
              {(suppliers.data?.items ?? []).map((s) => (
                <option key={s.supplierId} value={s.supplierId}>
                  {s.supplierId} · {s.name}
                </option>
              ))}
            </select>
            <p className="hint" id={f('suppliers-hint')}>
              {t('scenarios.suppliersHint')}
            </p>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={f('designatedBy')}>{t('scenarios.designatedBy')}</label>
            <input id={f('designatedBy')} required value={designatedBy} onChange={(e) => setDesignatedBy(e.target.value)} aria-describedby={f('designatedBy-hint')} />
            <p className="hint" id={f('designatedBy-hint')}>
              {t('scenarios.designatedByHint')}
            </p>
          </div>
        )}
        <fieldset className="field">
          <legend>{t('scenarios.segments')}</legend>
          <div className="choices">
            {SEGMENTS.map((s) => (
              <label key={s} className="choice">
                <input type="checkbox" checked={segments.includes(s)} onChange={(e) => setSegments(e.target.checked ? [...segments, s] : segments.filter((x) => x !== s))} />{' '}
                {s === 'key-assets' ? t('scenarios.keyAssets') : t(`segments.${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={f('memberStates')}>{t('scenarios.memberStates')}</label>
          <input id={f('memberStates')} value={memberStates} onChange={(e) => setMemberStates(e.target.value)} aria-describedby={f('memberStates-hint')} />
          <p className="hint" id={f('memberStates-hint')}>
            {t('scenarios.memberStatesHint')}
          </p>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={f('effective')}>{t('scenarios.effective')}</label>
            <input id={f('effective')} type="date" value={effective} onChange={(e) => setEffective(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={f('transition')}>{t('scenarios.transition')}</label>
            <input id={f('transition')} type="number" min={0} max={240} value={transition} onChange={(e) => setTransition(e.target.value)} aria-describedby={f('transition-hint')} />
          </div>
          <div className="field">
            <label htmlFor={f('maxShare')}>{t('scenarios.maxShare')}</label>
            <input id={f('maxShare')} type="number" min={0} max={100} step="any" required value={maxShare} onChange={(e) => setMaxShare(e.target.value)} aria-describedby={f('maxShare-hint')} />
          </div>
        </div>
        <p className="hint" id={f('transition-hint')}>
          {t('scenarios.transitionHint')}
        </p>
        <p className="hint" id={f('maxShare-hint')}>
          {t('scenarios.maxShareHint')}
        </p>
        <button type="submit" className="button button-primary">
          {t('scenarios.useForm')}
        </button>
      </form>
      <div className="scenario-upload">
        <h3>{t('scenarios.upload')}</h3>
        <div className="field">
          <label htmlFor={f('file')}>{t('scenarios.file')}</label>
          <input id={f('file')} type="file" accept="application/json,.json" onChange={(e) => void upload(e)} aria-describedby={f('file-hint')} />
          <p className="hint" id={f('file-hint')}>
            {t('scenarios.fileHint')}
          </p>
        </div>
        {uploadError && (
          <p className="form-error" role="alert">
            {uploadError}
          </p>
        )}
      </div>
    </div>
  );
}
