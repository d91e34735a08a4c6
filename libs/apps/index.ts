import type { AppDefinition } from '@integrator/sdk';
import { builtinApps } from '@integrator/apps/builtin';

/** Every app of this installation: adding an app means adding its folder and one line here. */
export const allApps: AppDefinition[] = [...builtinApps];
