import { createTransport, type Transporter } from 'nodemailer';
import { defineConnectionType, field, ModuleError, options, type ValuesOf } from '@integrator/sdk';

// A real SMTP account: the module sends through it with nodemailer, and Verify logs in to it.
// Outgoing SMTP does not pass through the engine's HTTP client, so its private-network guard
// does not apply here (see the report of the change that added it).

const fields = {
  host: field.text({ label: 'SMTP server', required: true, placeholder: 'smtp.example.com' }),
  port: field.number({ label: 'Port', integer: true, min: 1, max: 65535, default: 587 }),
  security: field.select({
    label: 'Security',
    options: options(
      ['starttls', 'STARTTLS (required)'],
      ['tls', 'TLS from the start (port 465)'],
      ['none', 'None (plain text; local relays only)'],
    ),
    default: 'starttls',
  }),
  user: field.text({ label: 'User name', help: 'Leave empty for a server without login.' }),
  password: field.text({ label: 'Password', secret: true }),
  from: field.text({
    label: 'Default sender',
    placeholder: 'Team <team@example.com>',
    help: 'Used when a module sets no From address.',
  }),
  rejectUnauthorized: field.boolean({
    label: "Check the server's certificate",
    default: true,
    advanced: true,
    help: 'Turn off only for a server with a self-signed certificate you trust.',
  }),
};

export type SmtpCredentials = ValuesOf<typeof fields>;

const TIMEOUT_MS = 30_000;

export function smtpTransport(c: Partial<SmtpCredentials>): Transporter {
  if (typeof c.host !== 'string' || c.host.trim() === '')
    throw new ModuleError('the connection has no host: edit it', {
      kind: 'user',
      type: 'AccountValidationError',
      field: 'host',
    });
  const security = c.security ?? 'starttls';
  return createTransport({
    host: c.host.trim(),
    port: c.port ?? (security === 'tls' ? 465 : 587),
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    auth: c.user ? { user: c.user, pass: c.password ?? '' } : undefined,
    tls: { rejectUnauthorized: c.rejectUnauthorized ?? true },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
}

/** SMTP failures as module errors: the server's reason, never the password. */
export function smtpError(err: unknown, password: string | undefined): ModuleError {
  const e = err as { message?: string; code?: string; responseCode?: number };
  let message = e?.message ?? String(err);
  if (password) message = message.split(password).join('***');
  const status = e?.responseCode ?? 0;
  if (e?.code === 'EAUTH')
    return new ModuleError(`the SMTP server refused the login: ${message}`, {
      type: 'AccountValidationError',
    });
  // Network trouble and 4xx replies (greylisting, try later) are worth a retry; 5xx is final.
  const transient =
    ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS'].includes(e?.code ?? '') ||
    (status >= 400 && status < 500);
  return new ModuleError(`sending failed: ${message}`, { type: transient ? 'ConnectionError' : 'DataError' });
}

export const smtpConnection = defineConnectionType({
  key: 'smtp',
  label: 'SMTP',
  description: 'An outgoing mail server (host, port, security, login).',
  fields,
  // Logs in (and negotiates TLS) without sending anything.
  verify: async ({ credentials }) => {
    const transport = smtpTransport(credentials);
    try {
      await transport.verify();
    } catch (err) {
      throw smtpError(err, credentials.password);
    } finally {
      transport.close();
    }
  },
});
