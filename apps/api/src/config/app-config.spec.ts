import { hostname } from 'node:os';
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

test('INTEGRATOR_WORKERS, which this build does not act on, is named in a start warning', () => {
  expect(loadConfig({}).warnings).toEqual([]);
  const [warning] = loadConfig({ INTEGRATOR_WORKERS: '2' }).warnings ?? [];
  expect(warning).toMatch(/^INTEGRATOR_WORKERS is not used/);
  expect(warning).toContain('INTEGRATOR_CONCURRENCY');
});
