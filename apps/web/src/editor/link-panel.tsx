import { useMemo } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import { earlierModules } from '../canvas/earlier-modules';
import { removeRoute, setFilter, setRouteFallback } from '../canvas/edits';
import type { LinkData } from '../canvas/graph-types';
import { findModuleNode } from '../canvas/tree';
import { FormEnvContext, type FormEnv } from '../forms/form-env';
import { mappingSources } from '../forms/mapping-sources';
import type { EditorEnv } from './editor-env';
import { BranchPanel } from './branch-panel';
import { FilterEditor } from './filter-editor';
import type { EditorState } from './use-editor';

// The panel of a link: the filter of the module it leads into and, on a router's link, the
// route's settings. An If-else branch's link has its own panel (branch-panel.tsx).

interface Props {
  link: LinkData;
  editor: EditorState;
  env: EditorEnv;
}

export function LinkPanel({ link, editor, env }: Props) {
  if (link.kind === 'branch' || link.kind === 'merge')
    return <BranchPanel link={link} editor={editor} env={env} />;
  return <FlowLinkPanel link={link} editor={editor} env={env} />;
}

function FlowLinkPanel({ link, editor, env }: Props) {
  const { blueprint, apply } = editor;
  const target = link.targetId !== undefined ? findModuleNode(blueprint, link.targetId) : undefined;
  const router = link.routerId !== undefined ? findModuleNode(blueprint, link.routerId) : undefined;
  const route = router && link.route !== undefined ? router.routes?.[link.route] : undefined;
  const formEnv = useLinkEnv(blueprint, link.targetId, env);

  return (
    <div className="panel-body">
      {router && route && link.route !== undefined && (
        <section aria-label="Route">
          <h3>Route {link.route + 1}</h3>
          <label className="check">
            <input
              type="checkbox"
              checked={Boolean(route.fallback)}
              onChange={(e) => apply((b) => setRouteFallback(b, router.id, link.route!, e.target.checked))}
            />
            Fallback route (takes the bundles no other route took)
          </label>
          <button
            type="button"
            className="danger"
            onClick={() => {
              apply((b) => removeRoute(b, router.id, link.route!));
              editor.setPanel(null);
            }}
          >
            Delete route and its modules
          </button>
        </section>
      )}
      {target ? (
        <section aria-label="Filter">
          <h3>Filter into module {target.id}</h3>
          <FormEnvContext.Provider value={formEnv}>
            <FilterEditor
              filter={target.filter}
              idPrefix={`filter-${target.id}`}
              onChange={(f) => apply((b) => setFilter(b, target.id, f), `filter:${target.id}`)}
            />
          </FormEnvContext.Provider>
        </section>
      ) : (
        <p className="muted">Add a module to this route to give it a filter.</p>
      )}
    </div>
  );
}

function useLinkEnv(blueprint: Blueprint, targetId: number | undefined, env: EditorEnv): FormEnv {
  return useMemo(
    () => ({
      sources:
        targetId === undefined
          ? []
          : mappingSources(earlierModules(blueprint, targetId), env.catalog, env.lastRun, env.resources),
      connections: [],
      resources: {},
      errors: new Map(),
      idPrefix: `link-${targetId ?? 'route'}`,
    }),
    [blueprint, targetId, env.catalog, env.lastRun],
  );
}
