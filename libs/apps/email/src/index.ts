import { defineApp } from '@integrator/sdk';
import { customMailHook } from './mailhook';
import { sendEmail } from './send-email';
import { smtpConnection } from './smtp';

export {
  customMailHook,
  mailBundle,
  type MailAddress,
  type StoredAttachment,
  type StoredMail,
} from './mailhook';
export { sendEmail } from './send-email';
export { smtpConnection, smtpTransport } from './smtp';

// An envelope (24x24, currentColor), in the style of the built-in icons.
const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="2" y="4" width="20" height="16" rx="2"/><path d="m22 7-10 6L2 7"/></svg>';

export const emailApp = defineApp({
  key: 'email',
  label: 'Email',
  description: 'Send email over SMTP, and start scenarios from mail sent to a mailhook address.',
  icon,
  color: '#0891b2',
  modules: [sendEmail, customMailHook],
  connectionTypes: [smtpConnection],
});
