import { api, call, type Schemas } from '../../api/client';

/*
 * Sending a file to the import routes: the body is the file itself (not a form), its media type said by
 * the extension (browsers leave File.type empty for CSV on some systems). Every kind's route has the
 * same body and answer; the asset route's query is a superset (replace, operatorId, asOf, dryRun), so
 * the path is typed as the asset one.
 */

export const IMPORT_KINDS = ['operators', 'suppliers', 'products', 'assets', 'designations', 'certificates', 'policies'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportJob = Schemas['ImportJob'];
export type ImportPreview = Schemas['ImportPreview'];

const TYPES: Record<string, string> = {
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The media type a file is sent as, or undefined when its extension is not one an import reads. */
export function mediaType(file: File): string | undefined {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return TYPES[ext];
}

export const ACCEPT = '.csv,.json,.xlsx';

export interface Replace {
  operatorId: string;
  asOf?: string;
  dryRun: boolean;
}

const send = (file: File) => ({
  // the body is the File as it is: openapi-fetch would otherwise serialise it as JSON
  body: file as unknown as string,
  bodySerializer: (b: unknown) => b as BodyInit,
  headers: { 'content-type': mediaType(file) ?? 'application/octet-stream' },
});

export function previewUpload(kind: ImportKind, file: File): Promise<ImportPreview> {
  const path = `/api/v1/imports/${kind}/preview` as '/api/v1/imports/assets/preview';
  return call(api.POST(path, { ...send(file), params: { query: { filename: file.name } } }));
}

export function submitUpload(kind: ImportKind, file: File, replace?: Replace): Promise<ImportJob> {
  const path = `/api/v1/imports/${kind}` as '/api/v1/imports/assets';
  const query = {
    filename: file.name,
    ...(replace ? { replace: 'true' as const, operatorId: replace.operatorId, ...(replace.asOf ? { asOf: replace.asOf } : {}), ...(replace.dryRun ? { dryRun: 'true' as const } : {}) } : {}),
  };
  return call(api.POST(path, { ...send(file), params: { query } }));
}

export const finished = (job: ImportJob | undefined) => job?.status === 'done' || job?.status === 'failed';
