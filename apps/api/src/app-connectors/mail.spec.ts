import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Logger, type LoggerService } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { MailService } from './mail.service';
import { smtpSender } from './smtp-sender';

interface Received {
  auth: string | undefined;
  from: string;
  to: string[];
  data: string;
}

/** A minimal SMTP server (RFC 5321 commands nodemailer uses), with AUTH PLAIN and a recipient it rejects. */
class FakeSmtp {
  readonly received: Received[] = [];
  private readonly server: Server;
  private waiting: Array<() => void> = [];

  constructor(private readonly credentials = { user: 'mailer', pass: 's3cret' }) {
    this.server = createServer((socket) => this.session(socket));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  next(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private session(socket: Socket): void {
    const mail: Received = { auth: undefined, from: '', to: [], data: '' };
    let buffer = '';
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 fake.example ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            this.received.push({ ...mail, to: [...mail.to] });
            reply('250 2.0.0 queued');
            this.waiting.splice(0).forEach((w) => w());
          } else mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        this.command(line, mail, reply, socket, () => (inData = true));
      }
    });
  }

  private command(
    line: string,
    mail: Received,
    reply: (l: string) => void,
    socket: Socket,
    startData: () => void,
  ): void {
    const verb = line.split(' ')[0].toUpperCase();
    if (verb === 'EHLO') return reply('250-fake.example\r\n250-AUTH PLAIN\r\n250 8BITMIME');
    if (verb === 'HELO') return reply('250 fake.example');
    if (verb === 'AUTH') {
      const [, user, pass] = Buffer.from(line.split(' ')[2] ?? '', 'base64')
        .toString('utf8')
        .split('\u0000');
      const ok = user === this.credentials.user && pass === this.credentials.pass;
      mail.auth = ok ? user : undefined;
      return reply(ok ? '235 2.7.0 accepted' : '535 5.7.8 bad credentials');
    }
    if (verb === 'MAIL') {
      mail.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
      return reply('250 2.1.0 ok');
    }
    if (verb === 'RCPT') {
      const to = /<([^>]*)>/.exec(line)?.[1] ?? '';
      if (to.endsWith('@rejected.example')) return reply('550 5.1.1 no such user');
      mail.to.push(to);
      return reply('250 2.1.5 ok');
    }
    if (verb === 'DATA') {
      startData();
      return reply('354 end with .');
    }
    if (verb === 'QUIT') {
      reply('221 bye');
      socket.end();
      return;
    }
    reply(verb === 'RSET' || verb === 'NOOP' ? '250 ok' : '502 command not implemented');
  }
}

describe('SMTP sender', () => {
  const smtp = new FakeSmtp();
  let port: number;
  beforeAll(async () => {
    port = await smtp.start();
  });
  afterAll(() => smtp.stop());

  test('delivers through the configured server, logged in, from the configured sender', async () => {
    const send = smtpSender(`smtp://mailer:s3cret@127.0.0.1:${port}`, 'Integrator <robot@example.com>');
    const arrived = smtp.next();
    await send({ to: 'ada@example.com', subject: 'Your code', text: 'Code: 12345678' });
    await arrived;
    const mail = smtp.received.at(-1)!;
    expect(mail).toMatchObject({ auth: 'mailer', from: 'robot@example.com', to: ['ada@example.com'] });
    expect(mail.data).toMatch(/^Subject: Your code$/m);
    expect(mail.data).toContain('Code: 12345678');
  });

  test('a refused delivery is an error that names the recipient but never the body or the password', async () => {
    const send = smtpSender(`smtp://mailer:s3cret@127.0.0.1:${port}`);
    const failure = await send({
      to: 'bob@rejected.example',
      subject: 'Your code',
      text: 'Code: 87654321',
    }).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/bob@rejected\.example/);
    expect((failure as Error).message).not.toMatch(/87654321|s3cret/);
    const badLogin = await smtpSender(`smtp://mailer:wrong@127.0.0.1:${port}`)({
      to: 'ada@example.com',
      subject: 's',
      text: 'Code: 1',
    }).catch((e: Error) => e);
    expect((badLogin as Error).message).toMatch(/SMTP delivery to ada@example.com failed/);
    expect((badLogin as Error).message).not.toMatch(/wrong/);
  });
});

/** Collects Nest log lines; `next()` resolves on the next one. */
class LogCapture implements LoggerService {
  readonly lines: string[] = [];
  private waiting: Array<() => void> = [];
  log(message: unknown) {
    this.lines.push(String(message));
    this.waiting.splice(0).forEach((w) => w());
  }
  error(message: unknown) {
    this.log(message);
  }
  warn(message: unknown) {
    this.log(message);
  }
  next(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

describe('mail service with SMTP configured', () => {
  const smtp = new FakeSmtp();
  const logs = new LogCapture();
  let mail: MailService;
  beforeAll(async () => {
    const port = await smtp.start();
    Logger.overrideLogger(logs);
    const config = {
      smtpUrl: `smtp://mailer:s3cret@127.0.0.1:${port}`,
      smtpFrom: 'robot@example.com',
    } as AppConfig;
    // The SMTP path never touches the database (no outbox row).
    mail = new MailService({} as DataSource, config, { now: () => 0 });
  });
  afterAll(async () => {
    Logger.overrideLogger(['error']);
    await smtp.stop();
  });

  test('sends the mail and logs the subject, never the code', async () => {
    const logged = logs.next();
    await mail.send({
      to: 'ada@example.com',
      subject: 'Shop: your one-time code',
      text: 'Your code is 24681357.',
    });
    await logged;
    expect(mail.usesSmtp).toBe(true);
    expect(smtp.received.at(-1)!.data).toContain('24681357');
    expect(logs.lines.join('\n')).toContain('Mail "Shop: your one-time code" sent to ada@example.com');
    expect(logs.lines.join('\n')).not.toContain('24681357');
  });

  test('a failed delivery is logged without the code or the SMTP password', async () => {
    const logged = logs.next();
    await mail.send({
      to: 'eve@rejected.example',
      subject: 'Shop: your one-time code',
      text: 'Your code is 11223344.',
    });
    await logged;
    expect(logs.lines.at(-1)).toMatch(/SMTP delivery to eve@rejected.example failed/);
    expect(logs.lines.join('\n')).not.toMatch(/11223344|s3cret/);
  });
});
