import type { ConnectionTypeMetadata, FieldMetadata } from '@integrator/sdk';
import type { Schedule } from '@integrator/engine/schedule/types';
import type { CustomConnector } from '../../src/api/admin-types';
import type { KeyResult } from '../../src/api/okr-types';
import {
  connectionFormFields,
  credentialsToSend,
  initialValues,
} from '../../src/pages/connections/connection-fields';
import {
  draftOf,
  duplicateNames,
  emptyDraft,
  requestOf,
  toRecord,
} from '../../src/pages/custom-connectors/connector-draft';
import { keyResultBody, keyResultDraft } from '../../src/pages/key-results/key-result-form';
import { fromDraft, splitList, toDraft, toggleDay } from '../../src/pages/scenario/schedule-form';

// The pure halves of the page forms: what each sends to the API and how stored values come back.

describe('schedule form', () => {
  it('round-trips every kind of schedule through the draft', () => {
    const schedules = [
      { type: 'onDemand' },
      { type: 'immediately' },
      { type: 'interval', minutes: 15, timezone: 'Europe/Amsterdam' },
      { type: 'once', at: '2026-03-29T02:30' },
      { type: 'daily', time: '09:00', start: '2026-01-01T00:00', end: '2026-12-31T23:59' },
      { type: 'weekly', days: [1, 5], time: '08:15' },
      { type: 'monthly', days: [1, 31], time: '23:00' },
      { type: 'dates', dates: ['2026-05-01', '2026-06-01'], time: '12:00' },
      { type: 'cron', expression: '0 9 * * 1-5', timezone: 'UTC' },
    ] as Schedule[];
    for (const s of schedules) expect(fromDraft(toDraft(s))).toEqual(s);
    expect(fromDraft(toDraft(null))).toEqual({ type: 'onDemand' });
  });

  it('reads dates one per line or comma-separated and keeps days sorted', () => {
    expect(splitList('2026-05-01, 2026-05-02\n\n 2026-06-01 ')).toEqual([
      '2026-05-01',
      '2026-05-02',
      '2026-06-01',
    ]);
    expect(toggleDay(toggleDay([5], 1, true), 5, false)).toEqual([1]);
    expect(toggleDay([3], 0, true)).toEqual([0, 3]);
  });
});

const bearer: ConnectionTypeMetadata = {
  key: 'bearer',
  label: 'Bearer token',
  // The JSON the API serves carries every key of the declared field (secret included).
  fields: [
    { name: 'token', type: 'text', label: 'Token', required: true, secret: true },
    { name: 'baseUrl', type: 'text', label: 'Base URL' },
  ] as FieldMetadata[],
};

describe('connection form', () => {
  it('shows a stored secret as set and no longer required; an empty one is left out so it is kept', () => {
    const fields = connectionFormFields(bearer, ['token']);
    expect(fields[0]).toMatchObject({ name: 'token', required: false, placeholder: 'set' });
    expect(connectionFormFields(bearer, [])[0]).toMatchObject({ required: true });
    expect(credentialsToSend(bearer, { token: '', baseUrl: 'https://api.example.com', other: 'x' })).toEqual({
      baseUrl: 'https://api.example.com',
    });
    expect(credentialsToSend(bearer, { token: 'new-secret' })).toEqual({ token: 'new-secret' });
  });

  it('starts an edit from the non-secret values only', () => {
    expect(initialValues(bearer, { baseUrl: 'https://a', token: 'should never be here' })).toEqual({
      baseUrl: 'https://a',
    });
  });
});

describe('custom connector request builder', () => {
  const saved: CustomConnector = {
    id: 3,
    name: 'Revenue',
    method: 'GET',
    url: 'https://api.example.com/metrics',
    params: { period: 'month' },
    headers: { Accept: 'application/json' },
    body: null,
    fieldPath: 'data.metrics[0].value',
    auth: { type: 'apiKey', name: 'X-Key', placement: 'header' },
    secretsSet: ['value'],
    usedBy: [],
  };

  it('turns a saved connector into rows and back into the same request', () => {
    const draft = draftOf(saved);
    expect(draft.params).toEqual([{ name: 'period', value: 'month' }]);
    expect(requestOf(draft)).toEqual({
      method: 'GET',
      url: 'https://api.example.com/metrics',
      params: { period: 'month' },
      headers: { Accept: 'application/json' },
      body: null,
      auth: { type: 'apiKey', name: 'X-Key', placement: 'header' },
      fieldPath: 'data.metrics[0].value',
    });
  });

  it('sends a body only with POST, auth fields only for an auth type, and skips nameless rows', () => {
    const draft = {
      ...emptyDraft(),
      url: ' https://x/y ',
      body: '{"a":1}',
      auth: { token: 't' },
      params: [
        { name: '', value: 'lost' },
        { name: 'q', value: '1' },
      ],
    };
    expect(requestOf(draft)).toMatchObject({
      url: 'https://x/y',
      body: null,
      auth: { type: 'none' },
      params: { q: '1' },
    });
    expect(requestOf({ ...draft, method: 'POST', authType: 'bearer' })).toMatchObject({
      body: '{"a":1}',
      auth: { type: 'bearer', token: 't' },
    });
    expect(
      toRecord([
        { name: 'a', value: '1' },
        { name: 'a', value: '2' },
      ]),
    ).toEqual({ a: '2' });
    expect(
      duplicateNames([
        { name: 'Accept', value: '' },
        { name: 'accept', value: '' },
      ]),
    ).toEqual(['accept']);
  });
});

describe('key result form', () => {
  it('creates an Increase KPI with its values and frequency', () => {
    const d = {
      ...keyResultDraft(),
      name: ' Revenue ',
      startValue: '10',
      targetValue: '100',
      unit: 'k€',
      frequency: 'monthly' as const,
      day: 15,
    };
    expect(keyResultBody(d, false)).toEqual({
      name: 'Revenue',
      type: 'increase',
      unit: 'k€',
      checkInFrequency: { type: 'monthly', day: 15 },
      autoConfirm: false,
      startValue: 10,
      targetValue: 100,
    });
  });

  it('an edit clears emptied numbers and the fields of the other type; a connector can set the start', () => {
    const kr = {
      type: 'control',
      controlType: 'between',
      progressMethod: 'distance',
      lowerLimit: 1,
      upperLimit: 5,
      checkInFrequency: { type: 'daily' },
      unit: '',
      name: 'Latency',
      connectorId: null,
      autoConfirm: false,
    } as unknown as KeyResult;
    const d = keyResultDraft(kr);
    expect(keyResultBody({ ...d, upperLimit: '' }, true)).toMatchObject({
      controlType: 'between',
      lowerLimit: 1,
      upperLimit: null,
      targetValue: null,
      checkInFrequency: { type: 'daily' },
    });
    const body = keyResultBody(
      { ...d, type: 'decrease', targetValue: '2', connectorId: '4', setStartFromConnector: true },
      true,
    );
    expect(body).toMatchObject({
      type: 'decrease',
      targetValue: 2,
      connectorId: 4,
      setStartFromConnector: true,
      controlType: null,
      lowerLimit: null,
    });
    expect(body).not.toHaveProperty('startValue');
  });
});
