import { defineApp } from '@integrator/sdk';
import {
  googleApiCall,
  googleConnectionType,
  googleServiceAccountConnectionType,
} from '@integrator/apps/google-kit';
import { sendAnEmail } from './send';
import { watchEmails } from './watch';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><rect x="2" y="4" width="20" height="16" rx="2"/><path d="m22 7-10 7L2 7"/></svg>';

export const gmailApp = defineApp({
  key: 'google-email',
  label: 'Gmail',
  description: 'Send emails from a Gmail account and watch its mailbox (Gmail API v1).',
  icon,
  color: '#ea4335',
  // The connection types are Google's, shared with Sheets and Drive (libs/apps/google-kit).
  connectionTypes: [googleConnectionType, googleServiceAccountConnectionType],
  modules: [
    watchEmails,
    sendAnEmail,
    googleApiCall({
      key: 'google-email:makeApiCall',
      app: 'Gmail',
      prefix: '/gmail/v1',
      placeholder: '/users/me/profile',
    }),
  ],
});
