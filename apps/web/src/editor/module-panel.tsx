import { useMemo } from 'react';
import type { ModuleNode } from '@integrator/engine/blueprint';
import { findModule, parameterFields } from '../canvas/catalog';
import { earlierModules } from '../canvas/earlier-modules';
import { addErrorHandler, removeErrorHandler, renameModule, setMapper, setParameters } from '../canvas/edits';
import { insertRouter, isIfElseNode, isRouterNode } from '../canvas/insert';
import { findPlace, modulePath } from '../canvas/tree';
import { dismissWarnings, moduleWarnings } from '../canvas/warnings';
import { FieldForm } from '../forms/field-form';
import { formFields } from '../forms/field-meta';
import { FormEnvContext, issuesUnder, type FieldIssue, type FormEnv } from '../forms/form-env';
import { mappingSources } from '../forms/mapping-sources';
import type { EditorEnv } from './editor-env';
import { BranchList } from './branch-panel';
import { ExtraFields } from './extra-fields';
import { MergeOutputs } from './merge-outputs';
import type { EditorState } from './use-editor';

// The settings of one module: its name, the generated forms for parameters and mapper, run
// errors, and the structural actions (filter, error handler, router, copy, delete).

interface Props {
  id: number;
  editor: EditorState;
  env: EditorEnv;
}

export function ModulePanel({ id, editor, env }: Props) {
  const { blueprint, apply } = editor;
  const place = findPlace(blueprint, id);
  const node = place?.node;
  const entry = node ? findModule(env.catalog, node.module) : undefined;
  const sources = useMemo(
    () => mappingSources(earlierModules(blueprint, id), env.catalog, env.lastRun, env.resources),
    [blueprint, id, env.catalog, env.lastRun, env.resources],
  );
  const path = modulePath(blueprint, id) ?? '';
  const errors = useMemo(() => splitIssues(env.issues, path), [env.issues, path]);
  const formEnv = useMemo<FormEnv>(
    () => ({ sources, connections: [], resources: {}, errors: new Map(), idPrefix: `m${id}` }),
    [sources, id],
  );
  if (!node) return <p className="muted">Module {id} is no longer in the scenario.</p>;

  const module = entry?.module;
  const parameters = module ? parameterFields(module) : [];
  const mapperFields = formFields(module?.mapper);
  const runErrors = env.lastRun?.modules.find((m) => m.id === id)?.ops.filter((op) => op.error) ?? [];
  const shared = {
    sources,
    connections: env.connections,
    resources: env.resources,
    onAddConnection: env.onAddConnection,
    onCreateResource: env.onCreateResource,
    onDetermineStructure: env.onDetermineStructure,
  };
  return (
    <div className="panel-body">
      <label htmlFor={`m${id}-name`}>Name</label>
      <input
        id={`m${id}-name`}
        value={node.metadata?.designer?.name ?? ''}
        placeholder={module?.label ?? node.module}
        onChange={(e) => apply((b) => renameModule(b, id, e.target.value), `name:${id}`)}
      />
      {module?.description && <p className="muted">{module.description}</p>}
      {!module && (
        <p className="warning">{node.module} is not in the catalog: its settings cannot be edited here.</p>
      )}
      <ImportWarnings
        warnings={moduleWarnings(node)}
        onDismiss={() => apply((b) => dismissWarnings(b, id))}
      />
      {errors.other.map((issue) => (
        <p key={issue.path + issue.message} className="field-error" role="alert">
          {issue.message}
        </p>
      ))}
      {runErrors.map((op) => (
        <p key={op.index} className="field-error" role="alert">
          Operation {op.index}: {op.error?.message}
        </p>
      ))}
      {parameters.length > 0 && (
        <section aria-label="Settings">
          <h3>Settings</h3>
          <FieldForm
            fields={parameters}
            value={node.parameters}
            onChange={(v) => apply((b) => setParameters(b, id, v), `parameters:${id}`)}
            errors={errors.parameters}
            {...shared}
          />
        </section>
      )}
      {mapperFields.length > 0 && (
        <section aria-label="Fields">
          <h3>Fields</h3>
          <FieldForm
            fields={mapperFields}
            value={node.mapper}
            onChange={(v) => apply((b) => setMapper(b, id, v), `mapper:${id}`)}
            errors={errors.mapper}
            mapChoices
            {...shared}
          />
        </section>
      )}
      {module?.kind === 'merge' && <MergeOutputs node={node} editor={editor} env={env} />}
      {node.branches && <BranchList ifElseId={id} editor={editor} />}
      {module?.extraMapperFields && module.kind !== 'merge' && (
        <section aria-label="Other fields">
          <h3>Other fields</h3>
          <FormEnvContext.Provider value={formEnv}>
            <ExtraFields
              mapper={node.mapper ?? {}}
              declared={new Set(mapperFields.map((f) => f.name))}
              idPrefix={`m${id}-extra`}
              onChange={(v) => apply((b) => setMapper(b, id, v), `mapper:${id}`)}
            />
          </FormEnvContext.Provider>
        </section>
      )}
      <ModuleActions node={node} editor={editor} env={env} />
    </div>
  );
}

function ImportWarnings({ warnings, onDismiss }: { warnings: string[]; onDismiss(): void }) {
  if (!warnings.length) return null;
  return (
    <section aria-label="Import warnings" className="import-warnings">
      <h3>Not carried over from the import</h3>
      <ul>
        {warnings.map((w, i) => (
          <li key={i} className="warning">
            {w}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}

function ModuleActions({ node, editor, env }: { node: ModuleNode; editor: EditorState; env: EditorEnv }) {
  const { apply, actions } = editor;
  const id = node.id;
  // Neither a router nor an If-else takes an error handler or has a single "after".
  const router = isRouterNode(node) || isIfElseNode(node);
  const directive = findModule(env.catalog, node.module)?.module.kind === 'directive';
  const conditions = node.filter?.conditions.reduce((n, g) => n + g.length, 0) ?? 0;
  return (
    <div className="row actions">
      <button
        type="button"
        onClick={() => actions.openLink({ kind: 'flow', targetId: id, filterConditions: conditions })}
      >
        {conditions ? 'Edit filter' : 'Add filter'}
      </button>
      {!router &&
        !directive &&
        (node.onerror?.length ? (
          <button type="button" onClick={() => apply((b) => removeErrorHandler(b, id))}>
            Remove error handler
          </button>
        ) : (
          <button type="button" onClick={() => apply((b) => addErrorHandler(b, env.catalog, id))}>
            Add error handler
          </button>
        ))}
      {!router && !directive && (
        <button
          type="button"
          onClick={() => {
            // Selected, the new router is brought into view (the panel stays on this module).
            const router = apply((b) => insertRouter(b, env.catalog, id));
            if (router !== undefined) editor.setSelected(router);
          }}
        >
          Add router after
        </button>
      )}
      {isIfElseNode(node) && (
        <button type="button" onClick={() => actions.addBranch(id)}>
          Add branch
        </button>
      )}
      <button type="button" onClick={() => editor.copy(id)}>
        Copy
      </button>
      {env.onRunModule && !router && (
        <button type="button" onClick={() => env.onRunModule?.(id)}>
          Run this module only
        </button>
      )}
      <button type="button" className="danger" onClick={() => editor.remove(id)}>
        Delete module
      </button>
    </div>
  );
}

// Issues of this module: those of its parameters and mapper go next to their field.
function splitIssues(issues: readonly FieldIssue[] | undefined, path: string) {
  const mine = (issues ?? []).filter((i) => path && (i.path === path || i.path.startsWith(`${path}.`)));
  const toList = (prefix: string) =>
    [...issuesUnder(mine, prefix)].map(([p, message]) => ({ path: p, message }));
  const parameters = toList(`${path}.parameters`);
  const mapper = toList(`${path}.mapper`);
  const other = mine.filter(
    (i) =>
      !i.path.startsWith(`${path}.parameters.`) &&
      !i.path.startsWith(`${path}.mapper.`) &&
      !i.path.startsWith(`${path}.routes`) &&
      // Modules on an If-else's branches show their own issues; the branches' own stay here.
      !/^\.branches\[\d+\]\.flow/.test(i.path.slice(path.length)) &&
      !i.path.startsWith(`${path}.onerror`),
  );
  return { parameters, mapper, other };
}
