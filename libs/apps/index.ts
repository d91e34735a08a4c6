import type { AppDefinition } from '@integrator/sdk';
import { afasApp } from '@integrator/apps/afas';
import { airtableApp } from '@integrator/apps/airtable';
import { builtinApps } from '@integrator/apps/builtin';
import { customConnectorApp } from '@integrator/apps/custom-connector';
import { datastoreApp } from '@integrator/apps/datastore';
import { discordApp } from '@integrator/apps/discord';
import { emailApp } from '@integrator/apps/email';
import { googleSheetsApp } from '@integrator/apps/google-sheets';
import { googleDriveApp } from '@integrator/apps/google-drive';
import { gmailApp } from '@integrator/apps/google-email';
import { httpApp } from '@integrator/apps/http';
import { markdownApp } from '@integrator/apps/markdown';
import { notionApp } from '@integrator/apps/notion';
import { okrApp } from '@integrator/apps/okr';
import { openAiApp } from '@integrator/apps/openai';
import { profitwellApp } from '@integrator/apps/profitwell';
import { regexpApp } from '@integrator/apps/regexp';
import { slackApp } from '@integrator/apps/slack';
import { telegramApp } from '@integrator/apps/telegram';

/** Every app of this installation: adding an app means adding its folder and one line here. */
export const allApps: AppDefinition[] = [
  ...builtinApps,
  datastoreApp,
  httpApp,
  profitwellApp,
  afasApp,
  customConnectorApp,
  okrApp,
  regexpApp,
  markdownApp,
  emailApp,
  notionApp,
  telegramApp,
  discordApp,
  airtableApp,
  openAiApp,
  googleSheetsApp,
  slackApp,
  googleDriveApp,
  gmailApp,
];
