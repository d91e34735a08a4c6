import { useMemo, useState, type KeyboardEvent } from 'react';
import type { ModuleMetadata } from '@integrator/sdk';
import type { Catalog } from '../canvas/catalog';
import { ModuleIcon } from './module-icon';

// The "add module" menu: every app's modules, searchable by app and module name, grouped by app.
// Error directives are offered only where they may stand (an error handler route), triggers only
// where a scenario starts (as in Make, a trigger is never in the middle of a route).

interface Props {
  catalog: Catalog;
  inErrorRoute: boolean;
  /** The scenario's first position: the only place a trigger may go. */
  atStart: boolean;
  onPick(moduleKey: string): void;
  onClose(): void;
}

const KIND_LABEL: Partial<Record<ModuleMetadata['kind'], string>> = {
  trigger: 'Trigger',
  directive: 'Error directive',
  router: 'Flow',
  ifelse: 'Flow',
  merge: 'Flow',
  aggregator: 'Aggregator',
  iterator: 'Iterator',
};

export function ModuleCatalog({ catalog, inErrorRoute, atStart, onPick, onClose }: Props) {
  const [search, setSearch] = useState('');
  const groups = useMemo(
    () => catalogGroups(catalog, search, { inErrorRoute, atStart }),
    [catalog, search, inErrorRoute, atStart],
  );
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    if (e.key === 'Enter' && groups.length && e.target instanceof HTMLInputElement)
      onPick(groups[0].modules[0].key);
  };
  return (
    <div className="module-catalog" role="dialog" aria-label="Add a module" onKeyDown={onKeyDown}>
      <header className="panel-head">
        <h2>Add a module</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <input
        className="search"
        aria-label="Search modules"
        placeholder="Search apps and modules"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        autoFocus
      />
      <div className="catalog-list">
        {groups.length === 0 && <p className="muted">No module matches "{search}".</p>}
        {groups.map(({ app, modules }) => (
          <section key={app.key} aria-label={app.label}>
            <h3>
              <span className="app-dot" style={{ background: app.color ?? '#94a3b8' }}>
                <ModuleIcon icon={app.icon} label={app.label} />
              </span>
              {app.label}
            </h3>
            {modules.map((m) => (
              <button
                type="button"
                key={m.key}
                className="catalog-item"
                onClick={() => onPick(m.key)}
                title={m.description}
              >
                <span>{m.label}</span>
                {KIND_LABEL[m.kind] && <span className="tag">{KIND_LABEL[m.kind]}</span>}
              </button>
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}

/**
 * The apps and modules offered at a place, each module once (the first app that lists a key
 * keeps it), filtered by every word of the search ("telegram send" finds Telegram's "Send a
 * message").
 */
export function catalogGroups(
  catalog: Catalog,
  search: string,
  place: { inErrorRoute: boolean; atStart: boolean },
): Array<{ app: Catalog[number]; modules: ModuleMetadata[] }> {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const seen = new Set<string>();
  const offered = (m: ModuleMetadata) =>
    (place.inErrorRoute || m.kind !== 'directive') && (place.atStart || m.kind !== 'trigger');
  return catalog
    .map((app) => ({
      app,
      modules: app.modules.filter((m) => {
        const keys = [m.key, ...(m.aliases ?? [])];
        if (keys.some((k) => seen.has(k))) return false;
        keys.forEach((k) => seen.add(k));
        const text = `${m.label} ${app.label} ${m.description ?? ''} ${m.key}`.toLowerCase();
        return offered(m) && words.every((w) => text.includes(w));
      }),
    }))
    .filter((g) => g.modules.length);
}
