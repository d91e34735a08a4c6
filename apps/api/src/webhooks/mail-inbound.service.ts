import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { WebhookEntity } from '@integrator/persistence';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { parseMail } from './mail-payload';
import { WebhooksService } from './webhooks.service';

/** The largest message the listener takes at all (hooks may take less: their maxBodyBytes). */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Concurrent SMTP connections; more are refused with 421 (senders retry later). */
const MAX_CLIENTS = 100;

type SmtpReply = Error & { responseCode: number };

function reply(code: number, message: string): SmtpReply {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The inbound SMTP listener of mailhooks (INTEGRATOR_SMTP_INBOUND_PORT; off by default). Mail to
 * <token>@<domain> is parsed and stored like a webhook request before the server answers 250,
 * so an acknowledged mail is never lost; unknown recipients get 550, oversized mail 552.
 */
@Injectable()
export class MailInboundService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('MailInbound');
  private server?: SMTPServer;
  /** Hooks of the recipients accepted in each SMTP transaction (by session id). */
  private readonly recipients = new Map<string, WebhookEntity[]>();
  /** The port listened on (useful with port 0). */
  port?: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hooks: WebhooksService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.smtpInbound;
    if (!settings) return;
    this.server = new SMTPServer({
      name: settings.domain,
      banner: 'Integrator mailhooks',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_MESSAGE_BYTES,
      maxClients: MAX_CLIENTS,
      logger: false,
      onMailFrom: (_address, session, callback) => {
        this.recipients.delete(session.id);
        callback();
      },
      onRcptTo: (address, session, callback) => {
        this.recipient(address, session).then(() => callback(), callback);
      },
      onData: (stream, session, callback) => {
        this.message(stream, session).then(() => callback(), callback);
      },
      onClose: (session) => this.recipients.delete(session.id),
    });
    this.server.on('error', (err) => this.log.error(`SMTP listener: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      this.server!.server.once('error', reject);
      this.server!.listen(settings.port, settings.host, () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    this.log.log(`mailhooks: SMTP on ${settings.host}:${this.port} for @${settings.domain}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async recipient(address: SMTPServerAddress, session: SMTPServerSession): Promise<void> {
    const at = address.address.lastIndexOf('@');
    const local = at > 0 ? address.address.slice(0, at) : '';
    const domain = at > 0 ? address.address.slice(at + 1).toLowerCase() : '';
    if (domain !== this.config.smtpInbound!.domain) throw reply(550, 'Relay not permitted: unknown domain');
    const hook = await this.hooks.mailHook(local);
    if (!hook) throw reply(550, `No such mailhook: ${address.address}`);
    const list = this.recipients.get(session.id) ?? [];
    if (!list.some((h) => h.id === hook.id)) list.push(hook);
    this.recipients.set(session.id, list);
  }

  private async message(stream: Readable, session: SMTPServerSession): Promise<void> {
    const hooks = this.recipients.get(session.id) ?? [];
    this.recipients.delete(session.id);
    const limit = Math.min(MAX_MESSAGE_BYTES, ...hooks.map((h) => h.maxBodyBytes));
    const raw = await readUpTo(stream, limit);
    if (!raw) throw reply(552, `Message exceeds the size limit of ${limit} bytes`);
    if (!hooks.length) throw reply(554, 'No valid recipients');
    const payload = await parseMail(raw, Date.now());
    // Stored for every recipient hook before the 250: the reply means "kept".
    for (const hook of hooks) {
      await this.hooks
        .accept(hook, payload as unknown as Record<string, unknown>, raw.length)
        .catch((err) => {
          throw smtpReplyFor(err);
        });
    }
  }
}

/** The whole message, or null past `limit` bytes (the rest is read and dropped). */
async function readUpTo(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit || (stream as Readable & { sizeExceeded?: boolean }).sizeExceeded) return null;
  return Buffer.concat(chunks);
}

// A full queue or a busy database is temporary (the sender retries); the rest is final.
function smtpReplyFor(err: unknown): SmtpReply {
  const status = err instanceof HttpException ? err.getStatus() : 500;
  if (status === 413) return reply(552, 'Message exceeds the size limit of this mailhook');
  if (status === 429) return reply(452, 'The mailhook queue is full; try again later');
  if (status >= 400 && status < 500) return reply(550, (err as Error).message);
  return reply(451, 'Temporary failure storing the message; try again later');
}
