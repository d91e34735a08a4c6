import { defineModule, field, ModuleError, type OutputField, type ValuesOf } from '@integrator/sdk';
import { connectionParameters, moduleConnection, segment, type AfasContext } from './common';
import { filterFields, filterQuery } from './filters';
import { isObject } from './payload';
import { afasRequest, type AfasResponse } from './request';

// SubjectConnector (dossier-item attachments) and ReportConnector (reference §7, §8): both
// answer JSON with base64 file data, which the modules turn into bytes.

// A type alias (not an interface) so it counts as a Bundle.
export type AfasFile = {
  fileName: string;
  mimeType: string;
  data: Uint8Array;
  size: number;
};

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
};

function pick(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : body[key];
}

/** Reads `{filename, mimetype, filedata}`; the report form has no file name, so one is made up. */
export function fileOf(res: AfasResponse, fallbackName: string, what: string): AfasFile {
  const body = isObject(res.body) ? res.body : undefined;
  const filedata = body ? pick(body, 'filedata') : undefined;
  if (!body || typeof filedata !== 'string') {
    throw new ModuleError(`AFAS answered ${what} without file data`, {
      type: 'InconsistencyError',
      status: res.status,
    });
  }
  const mimeType = String(pick(body, 'mimetype') ?? '') || 'application/octet-stream';
  const named = pick(body, 'filename');
  const fileName =
    typeof named === 'string' && named ? named : `${fallbackName}${EXTENSIONS[mimeType.toLowerCase()] ?? ''}`;
  const data = new Uint8Array(Buffer.from(filedata.replace(/\s+/g, ''), 'base64'));
  return { fileName, mimeType, data, size: data.byteLength };
}

const fileOutput: OutputField[] = [
  { name: 'fileName', type: 'text' },
  { name: 'mimeType', type: 'text' },
  { name: 'data', label: 'Data', type: 'buffer' },
  { name: 'size', type: 'number' },
];

const subjectMapper = {
  subjectId: field.text({
    label: 'Subject (dossier item) ID',
    help: 'subject_id / SbId from a GetConnector.',
    required: true,
  }),
  fileId: field.text({ label: 'File ID', help: 'file_id from Profit_Subject_Attachments.', required: true }),
};

/**
 * Docs and clients use the path form; the OpenAPI models a query form. A 404 on the path
 * form is retried once in the query form before it counts as "not found" (reference §7).
 */
async function downloadAttachment(ctx: AfasContext, m: ValuesOf<typeof subjectMapper>): Promise<AfasFile> {
  const subjectId = m.subjectId.trim();
  const fileId = m.fileId.trim();
  const what = `attachment ${fileId} of dossier item ${subjectId}`;
  const url = `/SubjectConnector/${segment(subjectId, 'subjectId')}/${segment(fileId, 'fileId')}`;
  let res: AfasResponse;
  try {
    res = await afasRequest(ctx.http, { url, what }, ctx);
  } catch (err) {
    if (!(err instanceof ModuleError) || err.status !== 404) throw err;
    try {
      res = await afasRequest(
        ctx.http,
        { url: '/SubjectConnector', query: { SubjectId: subjectId, FileId: fileId }, what },
        ctx,
      );
    } catch (second) {
      throw second instanceof ModuleError && second.status === 404 ? err : second;
    }
  }
  return fileOf(res, fileId, what);
}

export const subjectConnectorModule = defineModule({
  key: 'afas:subjectConnector',
  label: 'Download an attachment (SubjectConnector)',
  description:
    'Downloads a file attached to a dossier item (needs AppConnectorSubject on the app connector).',
  kind: 'action',
  parameters: connectionParameters,
  connection: moduleConnection,
  mapper: subjectMapper,
  output: { fields: fileOutput },
  run: (ctx) => downloadAttachment(ctx, ctx.mapper),
});

const reportMapper = {
  reportId: field.text({
    label: 'Report ID',
    help: 'The report GUID, activated on the app connector.',
    required: true,
  }),
  ...filterFields,
};

async function downloadReport(ctx: AfasContext, m: ValuesOf<typeof reportMapper>): Promise<AfasFile> {
  const reportId = m.reportId.trim();
  const what = `report ${reportId}`;
  const query = filterQuery(m.filters, m.filterLogic);
  const res = await afasRequest(
    ctx.http,
    { url: `/reportconnector/${segment(reportId, 'reportId')}`, query: { ...query }, what },
    ctx,
  );
  return fileOf(res, reportId, what);
}

export const reportConnectorModule = defineModule({
  key: 'afas:reportConnector',
  label: 'Download a report (ReportConnector)',
  description: "Runs an AFAS Profit report (filtered by the report's own field codes) and outputs the file.",
  kind: 'action',
  parameters: connectionParameters,
  connection: moduleConnection,
  mapper: reportMapper,
  output: { fields: fileOutput },
  run: (ctx) => downloadReport(ctx, ctx.mapper),
});
