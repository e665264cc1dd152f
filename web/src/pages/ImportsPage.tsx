import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, ErrorState } from '../components/StatusViews';
import { ImportLog } from './imports/ImportLog';
import { JobProgress } from './imports/JobProgress';
import { PreviewView } from './imports/PreviewView';
import { ReplacementPanel } from './imports/ReplacementPanel';
import { ACCEPT, IMPORT_KINDS, mediaType, previewUpload, submitUpload, type ImportKind } from './imports/upload';

/*
 * Imports: choose what the file holds (the kinds this user may import: imports.<kind>), choose the file,
 * see its first rows and every row error as the importer finds them (POST /imports/{kind}/preview,
 * nothing written), then import it and follow the job to its end; the log of past imports below. An
 * asset file may instead replace one operator's inventory, after a dry run (ReplacementPanel).
 */

export default function ImportsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const kindId = useId();
  const fileId = useId();
  const kinds = IMPORT_KINDS.filter((k) => can(`imports.${k}`));
  const [kind, setKind] = useState<ImportKind | undefined>(kinds[0]);
  const [file, setFile] = useState<File>();
  const [mode, setMode] = useState<'import' | 'replace'>('import');
  const [jobId, setJobId] = useState<string>();
  const preview = useMutation({ mutationFn: ({ k, f }: { k: ImportKind; f: File }) => previewUpload(k, f) });
  const submit = useMutation({ mutationFn: ({ k, f }: { k: ImportKind; f: File }) => submitUpload(k, f), onSuccess: (j) => setJobId(j.jobId) });
  const badType = file !== undefined && (mediaType(file) === undefined || (kind === 'policies' && !file.name.toLowerCase().endsWith('.json')));

  const restart = () => {
    preview.reset();
    submit.reset();
    setJobId(undefined);
  };
  const onPreview = (e: FormEvent) => {
    e.preventDefault();
    if (!kind || !file || badType) return;
    restart();
    preview.mutate({ k: kind, f: file });
  };
  const result = preview.data;
  const ready = result !== undefined && result.errors.length === 0 && result.totalRows > 0 && file !== undefined && kind !== undefined;

  return (
    <PageLayout title={t('imports.title')} description={t('imports.description')}>
      {kinds.length === 0 ? (
        <EmptyState title={t('imports.noKinds')} />
      ) : (
        <Section id="upload" title={t('imports.upload.title')}>
          <form className="form-grid" onSubmit={onPreview}>
            <div className="field">
              <label htmlFor={kindId}>{t('imports.upload.kind')}</label>
              <select
                id={kindId}
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as ImportKind);
                  setMode('import');
                  restart();
                }}
              >
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`imports.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={fileId}>{t('imports.upload.file')}</label>
              <input
                id={fileId}
                type="file"
                accept={kind === 'policies' ? '.json' : ACCEPT}
                required
                aria-describedby={`${fileId}-hint`}
                aria-invalid={badType ? 'true' : undefined}
                onChange={(e) => {
                  setFile(e.target.files?.[0]);
                  restart();
                }}
              />
              <p className="hint" id={`${fileId}-hint`}>
                {t(kind === 'policies' ? 'imports.upload.fileHintPolicies' : 'imports.upload.fileHint')}
              </p>
              {badType && (
                <p className="form-error" role="alert">
                  {t('imports.upload.badType')}
                </p>
              )}
            </div>
            {kind === 'assets' && (
              <fieldset className="field">
                <legend>{t('imports.upload.mode')}</legend>
                <label>
                  <input type="radio" name="mode" checked={mode === 'import'} onChange={() => setMode('import')} /> {t('imports.upload.modeImport')}
                </label>
                <label>
                  <input type="radio" name="mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('imports.upload.modeReplace')}
                </label>
              </fieldset>
            )}
            {mode === 'import' && (
              <div>
                <button type="submit" className="button" disabled={!file || badType || preview.isPending}>
                  {preview.isPending ? t('imports.upload.previewing') : t('imports.upload.preview')}
                </button>
              </div>
            )}
          </form>
          {mode === 'import' && (
            <>
              {preview.isError && <ErrorState error={preview.error} />}
              {result && <PreviewView preview={result} />}
              {ready && !jobId && (
                <button type="button" className="button button-primary" disabled={submit.isPending} onClick={() => submit.mutate({ k: kind, f: file })}>
                  {t('imports.upload.submit', { rows: result.totalRows, file: file.name })}
                </button>
              )}
              {submit.isError && <ErrorState error={submit.error} />}
              {jobId && <JobProgress jobId={jobId} />}
            </>
          )}
        </Section>
      )}
      {kind === 'assets' && mode === 'replace' && file && !badType && <ReplacementPanel key={`${file.name}-${file.size}-${file.lastModified}`} file={file} />}
      <Section id="log" title={t('imports.log.title')}>
        <ImportLog />
      </Section>
    </PageLayout>
  );
}
