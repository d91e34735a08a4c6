import type { Request } from './request';
import type {
  CheckIn,
  CheckInResult,
  ConnectorValue,
  KeyResult,
  KeyResultInput,
  Objective,
  ObjectiveInput,
} from './okr-types';

// The OKR routes: objectives, key results, check-ins and their review.

type Id = string | number;
const seg = (value: Id) => encodeURIComponent(String(value));

export function okrResources(request: Request) {
  return {
    objectives: {
      list: () => request<Objective[]>('GET', '/objectives'),
      get: (id: Id) => request<Objective>('GET', `/objectives/${seg(id)}`),
      create: (input: ObjectiveInput) => request<Objective>('POST', '/objectives', input),
      update: (id: Id, input: Partial<ObjectiveInput>) =>
        request<Objective>('PUT', `/objectives/${seg(id)}`, input),
      remove: (id: Id) => request<void>('DELETE', `/objectives/${seg(id)}`),
    },
    keyResults: {
      get: (id: Id) => request<KeyResult>('GET', `/key-results/${seg(id)}`),
      create: (input: KeyResultInput & { objectiveId: number; name: string; type: KeyResult['type'] }) =>
        request<KeyResult>('POST', '/key-results', input),
      update: (id: Id, input: KeyResultInput) => request<KeyResult>('PUT', `/key-results/${seg(id)}`, input),
      remove: (id: Id) => request<void>('DELETE', `/key-results/${seg(id)}`),
      checkIns: (id: Id) => request<CheckIn[]>('GET', `/key-results/${seg(id)}/check-ins`),
      /** Stored pending review unless `confirm` (owner only). */
      checkIn: (id: Id, input: { value: number; note?: string; confirm?: boolean }) =>
        request<CheckInResult>('POST', `/key-results/${seg(id)}/check-ins`, input),
      automatedCheckIn: (id: Id) =>
        request<CheckInResult>('POST', `/key-results/${seg(id)}/automated-check-in`),
      connectorValue: (connectorId: Id) =>
        request<ConnectorValue>('GET', `/okr/connector-value/${seg(connectorId)}`),
    },
    checkIns: {
      /** The review's "Update": the check-in counts from now on. */
      confirm: (id: Id) => request<CheckInResult>('POST', `/check-ins/${seg(id)}/confirm`),
      discard: (id: Id) => request<CheckInResult>('POST', `/check-ins/${seg(id)}/discard`),
    },
  };
}
