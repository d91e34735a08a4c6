import { hostname } from 'node:os';
import type { WebhookEntity } from '@integrator/persistence';
import type { AppConfig } from '../config/app-config';

/** The domain of mailhook addresses (the listener accepts mail for it alone). */
export function mailDomain(config: AppConfig): string {
  return (
    config.smtpInbound?.domain ?? (process.env.INTEGRATOR_SMTP_INBOUND_DOMAIN || hostname()).toLowerCase()
  );
}

/** A hook as the API shows it: its URL (or a mailhook's address), never the stored token's hash. */
export function webhookView(
  h: WebhookEntity,
  token: string,
  origin: string,
  config: AppConfig,
  queued: number,
) {
  const address = h.kind === 'mail' ? `${token}@${mailDomain(config)}` : undefined;
  return {
    id: h.id,
    name: h.name,
    kind: h.kind,
    url: address ? `mailto:${address}` : `${origin}/hooks/${token}`,
    ...(address ? { address } : {}),
    // Never silent: a mailhook address on a server that takes no mail would just stay quiet.
    ...(address && !config.smtpInbound
      ? {
          notice: 'mail is not received: the inbound SMTP listener is off (set INTEGRATOR_SMTP_INBOUND_PORT)',
        }
      : {}),
    scenarioId: h.scenarioId,
    requiredFields: h.requiredFields,
    maxQueue: h.maxQueue,
    maxBodyBytes: h.maxBodyBytes,
    responseTimeoutSeconds: h.responseTimeoutSeconds,
    idempotencyField: h.idempotencyField,
    idempotencyWindowHours: h.idempotencyWindowHours,
    queued,
    // "Redetermine data structure": waiting for a request, and the structure determined last.
    listening: h.listeningSince !== null && h.listeningSince !== undefined,
    sample: h.sample ?? null,
    sampleAt: h.sampleAt ?? null,
    createdAt: h.createdAt,
  };
}
