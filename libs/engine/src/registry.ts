import type { AnyModuleDefinition, AppDefinition, ConnectionTypeDefinition } from '@integrator/sdk';

/** Every app, module and connection type the engine knows, by key. */
export class ModuleRegistry {
  private readonly modules = new Map<string, { app: AppDefinition; module: AnyModuleDefinition }>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly connectionTypes = new Map<string, ConnectionTypeDefinition<any>>();

  constructor(readonly apps: readonly AppDefinition[]) {
    for (const app of apps) {
      for (const m of app.modules) {
        if (this.modules.has(m.key)) throw new Error(`module ${m.key} is declared twice`);
        this.modules.set(m.key, { app, module: m });
      }
      for (const c of app.connectionTypes ?? []) this.connectionTypes.set(c.key, c);
    }
  }

  get(key: string): AnyModuleDefinition | undefined {
    return this.modules.get(key)?.module;
  }

  appOf(key: string): AppDefinition | undefined {
    return this.modules.get(key)?.app;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  connectionType(key: string): ConnectionTypeDefinition<any> | undefined {
    return this.connectionTypes.get(key);
  }

  keys(): string[] {
    return [...this.modules.keys()];
  }
}
