import type { Services } from '@integrator/sdk';

export const RUNTIME_SERVICES = Symbol('RUNTIME_SERVICES');

/** Services modules reach through their context (data stores, key results, custom connectors…). */
export type RuntimeServices = Partial<Services>;
