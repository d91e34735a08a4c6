import type { AppDefinition } from '@integrator/sdk';
import { flowControlApp } from './flow-control';
import { jsonApp } from './json';
import { toolsApp } from './tools';
import { webhooksApp } from './webhooks';

export { flowControlApp, jsonApp, toolsApp, webhooksApp };
export type { CounterService } from './tools-more';

export const builtinApps: AppDefinition[] = [webhooksApp, flowControlApp, toolsApp, jsonApp];
