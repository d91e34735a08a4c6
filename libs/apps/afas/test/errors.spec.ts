import { FakeClock } from '@integrator/engine';
import type { Logger } from '@integrator/sdk';
import { afasRequest } from '../src/request';
import { startFakeAfas, TOKEN_DATA, type FakeAfas } from './fake-afas';
import { runAfas, START, tokenClient, tokenConnection } from './helpers';

let fake: FakeAfas;
beforeEach(async () => {
  fake = await startFakeAfas();
});
afterEach(() => fake.close());

const rows = (clock?: FakeClock) =>
  runAfas({
    module: 'afas:getConnector',
    mapper: { connectorId: 'Profit_Administrations' },
    connection: tokenConnection(fake),
    clock,
  });

describe('503 maintenance', () => {
  it('waits the retry_after from the body and tries again', async () => {
    fake.setVariant({ maintenance: { requests: 1, retryAfter: 30 } });
    const clock = new FakeClock(START, { autoAdvance: true });
    const { outputs, error } = await rows(clock);
    expect(error).toBeUndefined();
    expect(outputs).toHaveLength(2);
    expect(fake.requests).toHaveLength(2);
    expect(clock.now() - START).toBe(30_000);
  });

  it('retries an insert too: a 503 means nothing was processed', async () => {
    fake.setVariant({ maintenance: { requests: 2, retryAfter: 5, retryAfterHeader: true } });
    const clock = new FakeClock(START, { autoAdvance: true });
    const { outputs } = await runAfas({
      module: 'afas:updateConnector',
      mapper: { connectorId: 'KnAppointment', fields: { Ds: 'Planning' } },
      connection: tokenConnection(fake),
      clock,
    });
    expect(outputs).toHaveLength(1);
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
    expect(fake.state.updateConnectors.KnAppointment.records).toHaveLength(2);
    expect(clock.now() - START).toBe(10_000);
  });

  it('gives up after a few attempts with a transient error', async () => {
    fake.setVariant({ maintenance: { requests: 10, retryAfter: 60 } });
    const clock = new FakeClock(START, { autoAdvance: true });
    const { error } = await rows(clock);
    expect(error).toMatchObject({ kind: 'transient', type: 'ConnectionError', status: 503 });
    expect(fake.requests).toHaveLength(4);
    expect(clock.now() - START).toBe(180_000);
  });

  it('does not wait hours inside a run: the error carries retryAfterMs instead', async () => {
    fake.setVariant({ maintenance: { requests: 1, retryAfter: 7200, shape: 'literal' } });
    const clock = new FakeClock(START, { autoAdvance: true });
    const failure = afasRequest(
      tokenClient(fake, {}, clock),
      { url: '/connectors/Profit_Administrations', what: 'GetConnector "Profit_Administrations"' },
      { clock },
    );
    await expect(failure).rejects.toMatchObject({ kind: 'transient', status: 503, retryAfterMs: 7_200_000 });
    await expect(failure).rejects.toThrow(
      'AFAS is unavailable (503: Profit is temporarily unavailable because of maintenance.); retry after 7200 s.',
    );
    expect(fake.requests).toHaveLength(1);
    expect(clock.now()).toBe(START);
  });

  it('reads the intended body shape in a module run', async () => {
    fake.setVariant({ maintenance: { requests: 1, retryAfter: 7200, shape: 'intended' } });
    const { error } = await rows();
    expect(error).toMatchObject({ kind: 'transient', status: 503 });
    expect(error!.message).toMatch(/maintenance.*retry after 7200 s/);
  });
});

describe('status mapping', () => {
  it('403: names the IP restriction', async () => {
    fake.setVariant({ ipBlocked: true });
    const { error } = await rows();
    expect(error).toMatchObject({ kind: 'user', type: 'AccountValidationError', status: 403 });
    expect(error!.message).toMatch(/IP restriction/);
    expect(fake.requests).toHaveLength(1);
  });

  it('500: shows externalMessage, errorNumber and profitLogReference, without retrying', async () => {
    const { error } = await runAfas({
      module: 'afas:getConnector',
      mapper: { connectorId: 'Profit_Administrations', filters: [{ field: 'X', value: '1' }] },
      connection: tokenConnection(fake),
    });
    expect(error).toMatchObject({ kind: 'user', status: 500 });
    expect(error!.message).toMatch(
      /Connector field 'X' not found \(error number -2147180999, Profit log reference [0-9A-F]{32}\)/,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('a 500 without any message is transient', async () => {
    fake.setVariant({ errorStyle: 'empty', profitErrorHeader: false });
    const { error } = await runAfas({
      module: 'afas:getConnector',
      mapper: {
        connectorId: 'Profit_Administrations',
        skip: 0,
        take: 1,
        filters: [{ field: 'X', value: '1' }],
      },
      connection: tokenConnection(fake),
    });
    expect(error).toMatchObject({
      kind: 'transient',
      status: 500,
      message: 'AFAS failed on GetConnector "Profit_Administrations" (500) without an error message.',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('never puts the token into errors or logs', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (m, d) => void lines.push(m + JSON.stringify(d ?? {})),
      info: (m, d) => void lines.push(m + JSON.stringify(d ?? {})),
      warn: (m, d) => void lines.push(m + JSON.stringify(d ?? {})),
      error: (m, d) => void lines.push(m + JSON.stringify(d ?? {})),
    };
    fake.setVariant({ maintenance: { requests: 1, retryAfter: 1 } });
    const { result } = await runAfas({
      module: 'afas:getConnector',
      mapper: { connectorId: 'Profit_Employees' },
      connection: tokenConnection(fake),
      logger,
    });
    expect(result.error).toMatchObject({ status: 401 });
    const header = fake.requests[0].headers.authorization!.slice('AfasToken '.length);
    const everything = JSON.stringify(result) + lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(TOKEN_DATA);
    expect(everything).not.toContain(header);
  });
});

describe('network failures', () => {
  it('retries a read that got no answer, but never a write', async () => {
    const gone = await startFakeAfas();
    const connection = tokenConnection(gone);
    await gone.close();
    const clock = new FakeClock(START, { autoAdvance: true });
    const read = await runAfas({
      module: 'afas:getConnector',
      mapper: { connectorId: 'Profit_Administrations' },
      connection,
      clock,
    });
    expect(read.error).toMatchObject({ kind: 'transient', type: 'ConnectionError' });
    expect(clock.now() - START).toBe(2_000 + 4_000 + 8_000);
    const writeClock = new FakeClock(START, { autoAdvance: true });
    const write = await runAfas({
      module: 'afas:updateConnector',
      mapper: { connectorId: 'KnAppointment', fields: { Ds: 'x' } },
      connection,
      clock: writeClock,
    });
    expect(write.error).toMatchObject({ kind: 'transient' });
    expect(writeClock.now()).toBe(START);
  });
});
