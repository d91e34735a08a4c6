import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LessThan, type DataSource } from 'typeorm';
import { OutboxMailEntity } from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { smtpSender, type OutgoingMail, type SendMail } from './smtp-sender';

const OUTBOX_DAYS = 7;

/**
 * Outgoing mail: through SMTP when INTEGRATOR_SMTP_URL is set; otherwise into the outbox table
 * (read by a super user at GET /api/outbox) and the log, so a laptop install works without a
 * mail server.
 */
@Injectable()
export class MailService {
  private readonly log = new Logger('Mail');
  private readonly smtp: SendMail | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: ServerClock,
  ) {
    this.smtp = config.smtpUrl ? smtpSender(config.smtpUrl, config.smtpFrom) : undefined;
  }

  get usesSmtp(): boolean {
    return this.smtp !== undefined;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (this.smtp) {
      // Not awaited: the caller's answer (and its timing) must not depend on the mail server.
      // The log names the subject only: the body may hold a one-time code.
      void this.smtp(mail).then(
        () => this.log.log(`Mail "${mail.subject}" sent to ${mail.to}`),
        (err: Error) => this.log.error(err.message),
      );
      return;
    }
    const now = this.clock.now();
    await this.db
      .getRepository(OutboxMailEntity)
      .insert({ to: mail.to, subject: mail.subject.slice(0, 300), text: mail.text, createdAt: now });
    await this.db
      .getRepository(OutboxMailEntity)
      .delete({ createdAt: LessThan(now - OUTBOX_DAYS * 86_400_000) });
    this.log.log(
      `No SMTP server configured (INTEGRATOR_SMTP_URL); mail to ${mail.to} kept in the outbox (GET /api/outbox): ${mail.subject} | ${mail.text}`,
    );
  }

  async outbox(take: number) {
    const rows = await this.db.getRepository(OutboxMailEntity).find({ order: { id: 'DESC' }, take });
    return {
      items: rows.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        createdAt: m.createdAt,
      })),
    };
  }
}
