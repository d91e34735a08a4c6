import { availableParallelism, hostname } from 'node:os';
import { loadConfig } from './app-config';

// The mailhook listener's settings: off unless a port is set; loopback and the host name by default.

test('the inbound SMTP listener is off without INTEGRATOR_SMTP_INBOUND_PORT', () => {
  expect(loadConfig({}).smtpInbound).toBeUndefined();
  expect(loadConfig({ INTEGRATOR_SMTP_INBOUND_PORT: '' }).smtpInbound).toBeUndefined();
});

test('with a port: bound to 127.0.0.1 for the host name unless configured', () => {
  expect(loadConfig({ INTEGRATOR_SMTP_INBOUND_PORT: '2525' }).smtpInbound).toEqual({
    port: 2525,
    host: '127.0.0.1',
    domain: hostname().toLowerCase(),
  });
  expect(
    loadConfig({
      INTEGRATOR_SMTP_INBOUND_PORT: '25',
      INTEGRATOR_SMTP_INBOUND_HOST: '0.0.0.0',
      INTEGRATOR_SMTP_INBOUND_DOMAIN: 'Hooks.Example.com',
    }).smtpInbound,
  ).toEqual({ port: 25, host: '0.0.0.0', domain: 'hooks.example.com' });
});

test('a port that is not a port number stops the start with the variable named', () => {
  expect(() => loadConfig({ INTEGRATOR_SMTP_INBOUND_PORT: 'smtp' })).toThrow(/INTEGRATOR_SMTP_INBOUND_PORT/);
  expect(() => loadConfig({ INTEGRATOR_SMTP_INBOUND_PORT: '70000' })).toThrow(/INTEGRATOR_SMTP_INBOUND_PORT/);
});

test('INTEGRATOR_WORKERS sets the run threads: by default one per core beyond the first two, none in a distributed worker', () => {
  const cores = availableParallelism();
  expect(loadConfig({}).runThreads).toBe(Math.min(8, Math.max(0, cores - 2)));
  expect(loadConfig({ INTEGRATOR_WORKERS: '3' }).runThreads).toBe(3);
  expect(loadConfig({ INTEGRATOR_WORKERS: '0' }).runThreads).toBe(0);
  expect(loadConfig({ DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://x' }).runThreads).toBe(0);
  expect(() => loadConfig({ INTEGRATOR_WORKERS: 'many' })).toThrow(/INTEGRATOR_WORKERS/);
});
