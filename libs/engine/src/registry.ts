import type { AnyModuleDefinition, AppDefinition, ConnectionTypeDefinition } from '@integrator/sdk';

/** Every app, module and connection type the engine knows, by key. */
export class ModuleRegistry {
  private readonly modules = new Map<string, { app: AppDefinition; module: AnyModuleDefinition }>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly connectionTypes = new Map<string, ConnectionTypeDefinition<any>>();
  /** Make's module keys that differ from ours (scenario import). */
  private readonly makeKeys = new Map<string, string>();
  /**
   * Make keys of modules that take Make's settings as they are (no converter): the same module
   * under a second name, so a blueprint saved with that name still runs. Keys whose settings
   * need converting are only understood by the import.
   */
  private readonly sameAs = new Map<string, string>();

  constructor(readonly apps: readonly AppDefinition[]) {
    for (const app of apps) {
      for (const m of app.modules) {
        if (this.modules.has(m.key)) throw new Error(`module ${m.key} is declared twice`);
        this.modules.set(m.key, { app, module: m });
        for (const makeKey of m.make?.keys ?? []) {
          this.makeKeys.set(makeKey, m.key);
          if (!m.make?.convert) this.sameAs.set(makeKey, m.key);
        }
      }
      for (const c of app.connectionTypes ?? []) this.connectionTypes.set(c.key, c);
    }
  }

  get(key: string): AnyModuleDefinition | undefined {
    return this.entry(key)?.module;
  }

  /** Our key for a module of a Make blueprint (the same key when Make's and ours agree). */
  fromMake(makeKey: string): string {
    return this.makeKeys.get(makeKey) ?? makeKey;
  }

  appOf(key: string): AppDefinition | undefined {
    return this.entry(key)?.app;
  }

  private entry(key: string) {
    return this.modules.get(key) ?? this.modules.get(this.sameAs.get(key) ?? '');
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  connectionType(key: string): ConnectionTypeDefinition<any> | undefined {
    return this.connectionTypes.get(key);
  }

  keys(): string[] {
    return [...this.modules.keys()];
  }
}
