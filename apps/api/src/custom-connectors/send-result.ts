import { previewPath, readPath } from '@integrator/apps/custom-connector';
import { ModuleError, type HttpResponse } from '@integrator/sdk';
import { presentBody, readableBody, type BodyType } from './connector-request';

// What Send shows (status, headers, body and the value at the field directory) and what a
// scenario or a key result reads from a response.

export interface SendResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  bodyType: BodyType;
  /** The field directory that was read ('' = the whole body). */
  fieldPath: string;
  /** The current value at the field directory, when it exists. */
  value?: unknown;
  /** Why there is no value, e.g. "data.metrics[0]: no item 0 (data.metrics has 0 items)". */
  valueError?: string;
}

const BINARY = 'the response is binary data, so no field directory can be read from it';

export function sendResult(response: HttpResponse, fieldPath: string): SendResult {
  const { body, bodyType } = presentBody(response);
  const result: SendResult = {
    status: response.status,
    headers: response.headers,
    body,
    bodyType,
    fieldPath,
  };
  const preview =
    bodyType === 'binary'
      ? { ok: false as const, error: BINARY }
      : previewPath(readableBody(response), fieldPath);
  if (preview.ok) result.value = preview.value;
  else result.valueError = preview.error;
  return result;
}

/** The value at the field directory; a user error when the response does not have it. */
export function valueOf(response: HttpResponse, fieldPath: string): { value: unknown; raw: unknown } {
  if (response.body instanceof Uint8Array)
    throw new ModuleError(BINARY, { kind: 'user', type: 'DataError', field: 'fieldPath' });
  const raw = readableBody(response);
  return { value: readPath(raw, fieldPath), raw };
}
