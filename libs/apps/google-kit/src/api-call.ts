import { apiCallModule } from '@integrator/apps/app-kit';
import { GOOGLE_CONNECTION_TYPES } from './connection';
import { callGoogle } from './errors';

/**
 * "Make an API call" of a Google app whose API lives on www.googleapis.com under `prefix`
 * (`/drive/v3`, `/gmail/v1`): paths are relative to it, the connection's Base URL keeps the path.
 */
export function googleApiCall(o: { key: string; app: string; prefix: string; placeholder: string }) {
  return apiCallModule({
    key: o.key,
    app: o.app,
    connectionType: GOOGLE_CONNECTION_TYPES,
    placeholder: o.placeholder,
    send: async (http, r) => {
      const res = await callGoogle(http, {
        method: r.method,
        url: `${o.prefix}${r.path}`,
        headers: r.headers,
        query: r.query,
        json: r.json,
      });
      return { status: res.status, headers: res.headers, body: res.body };
    },
  });
}
