import { allApps } from '@integrator/apps';
import { ModuleRegistry } from '@integrator/engine';

export const MODULE_REGISTRY = Symbol('MODULE_REGISTRY');

export function createRegistry(): ModuleRegistry {
  return new ModuleRegistry(allApps);
}
