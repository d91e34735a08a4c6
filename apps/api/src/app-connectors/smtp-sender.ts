import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export type SendMail = (mail: OutgoingMail) => Promise<void>;

const DEFAULT_FROM = 'Integrator <no-reply@localhost>';

/**
 * Mail through the SMTP server of INTEGRATOR_SMTP_URL. Errors never carry the message body
 * (it may hold a one-time code), only the transport's reason.
 */
export function smtpSender(url: string, from = DEFAULT_FROM): SendMail {
  const transport = createTransport(url, { from });
  return async (mail) => {
    try {
      await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`SMTP delivery to ${mail.to} failed: ${reason.replace(/\/\/[^@\s]*@/g, '//***@')}`);
    }
  };
}
