import { Inject, Injectable } from '@nestjs/common';
import {
  compileBlueprint,
  type Blueprint,
  type CompiledScenario,
  type ModuleRegistry,
} from '@integrator/engine';
import { MODULE_REGISTRY } from '../catalog/registry';

/** Blueprints are compiled once per scenario version (expressions, filters, graph), never per run. */
@Injectable()
export class CompiledCache {
  private readonly cache = new Map<string, CompiledScenario>();
  private readonly limit = 500;

  constructor(@Inject(MODULE_REGISTRY) private readonly registry: ModuleRegistry) {}

  // The last entry handed out: most runs in a row are of the same scenario and version, and that
  // entry is already the newest in the map (nothing to refresh, no key to build).
  private last?: { scenarioId: number; version: number; compiled: CompiledScenario };

  get(scenarioId: number, version: number, blueprint: unknown): CompiledScenario {
    const last = this.last;
    if (last && last.scenarioId === scenarioId && last.version === version) return last.compiled;
    const compiled = this.lookup(scenarioId, version, blueprint);
    this.last = { scenarioId, version, compiled };
    return compiled;
  }

  private lookup(scenarioId: number, version: number, blueprint: unknown): CompiledScenario {
    const key = `${scenarioId}:${version}`;
    let compiled = this.cache.get(key);
    if (compiled) {
      // Refresh its place: the map's order is the eviction order.
      this.cache.delete(key);
      this.cache.set(key, compiled);
      return compiled;
    }
    compiled = compileBlueprint(blueprint as Blueprint, this.registry);
    this.cache.set(key, compiled);
    if (this.cache.size > this.limit) this.cache.delete(this.cache.keys().next().value!);
    return compiled;
  }

  compile(blueprint: unknown): CompiledScenario {
    return compileBlueprint(blueprint as Blueprint, this.registry);
  }
}
