import { defineApp } from '@integrator/sdk';
import { afasOAuth2Connection, afasTokenConnection } from './connection';
import { reportConnectorModule, subjectConnectorModule } from './files';
import { getConnectorModule } from './get-connector';
import { metainfoModule } from './metainfo';
import { updateConnectorModule } from './update-connector';

export {
  afasBaseUrl,
  afasOAuth2Connection,
  afasTokenConnection,
  afasTokenHeader,
  afasTokenXml,
  verifyAfas,
} from './connection';
export { afasError, type AfasErrorDetails } from './errors';
export { filterQuery, OPERATORS, type FilterLogic, type FilterQuery, type FilterRow } from './filters';
export { fetchAfasMetainfo, type AfasFieldInfo, type AfasObjectInfo, type MetainfoType } from './metainfo';
export { buildPayload, deletePath } from './payload';
export type { AfasFile } from './files';
export {
  getConnectorModule,
  metainfoModule,
  reportConnectorModule,
  subjectConnectorModule,
  updateConnectorModule,
};

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#0a5aa8"/>' +
  '<path d="M5 17 10.2 6h1.6L17 17h-2.4l-1.1-2.5H8.5L7.4 17zm4.3-4.4h3.4L11 8.6z" fill="#fff"/></svg>';

export const afasApp = defineApp({
  key: 'afas',
  label: 'AFAS Profit',
  description:
    'Read and write AFAS Profit data through GetConnectors, UpdateConnectors, attachments and reports.',
  icon,
  color: '#0a5aa8',
  modules: [
    getConnectorModule,
    updateConnectorModule,
    subjectConnectorModule,
    reportConnectorModule,
    metainfoModule,
  ],
  connectionTypes: [afasTokenConnection, afasOAuth2Connection],
});
