import type { AppDefinition } from '@integrator/sdk';
import { builtinApps } from '@integrator/apps/builtin';
import { httpApp } from '@integrator/apps/http';
import { markdownApp } from '@integrator/apps/markdown';
import { regexpApp } from '@integrator/apps/regexp';

/**
 * The apps whose modules can run on a run thread: they compute, send plain HTTP requests or
 * reach services through ctx.services (a message to the main thread). Apps whose modules need
 * connections (credentials, shared rate limits, OAuth renewal), custom connectors registered at
 * runtime, or main-thread state keep their runs on the main thread. A thread loads only these.
 */
export const threadApps: AppDefinition[] = [...builtinApps, httpApp, regexpApp, markdownApp];
