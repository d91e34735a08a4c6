import { useMemo } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import { removeBranch, setBranch } from '../canvas/branch-edits';
import { earlierModules } from '../canvas/earlier-modules';
import type { LinkData } from '../canvas/graph-types';
import { isMergeNode } from '../canvas/insert';
import { branchLabel } from '../canvas/to-graph-branches';
import { findPlace } from '../canvas/tree';
import { FormEnvContext, type FormEnv } from '../forms/form-env';
import { mappingSources } from '../forms/mapping-sources';
import type { EditorEnv } from './editor-env';
import { FilterEditor } from './filter-editor';
import type { EditorState } from './use-editor';

// The panel of an If-else branch link: its conditions (the filter editor, since they are a
// filter's OR-of-AND groups), its label, whether it merges, and deleting it.

interface Props {
  link: LinkData;
  editor: EditorState;
  env: EditorEnv;
}

export function BranchPanel({ link, editor, env }: Props) {
  const { blueprint, apply } = editor;
  const ifElseId = link.ifElseId!;
  const b = link.branch!;
  const place = findPlace(blueprint, ifElseId);
  const branch = place?.node.branches?.[b];
  const formEnv = useBranchEnv(blueprint, ifElseId, env);
  if (!place || !branch) return <p className="muted">This branch is no longer in the scenario.</p>;
  const after = place.flow[place.index + 1];
  const hasMerge = after !== undefined && isMergeNode(after);
  const isElse = branch.type === 'else';
  const label = branchLabel(branch, b);
  const conditions = branch.conditions ?? [];
  return (
    <div className="panel-body">
      <section aria-label="Branch">
        <h3>
          {isElse ? 'Else branch' : `Branch ${b + 1}`} of If-else {ifElseId}
        </h3>
        {(isElse || !conditions.some((g) => g.length)) && (
          <>
            <label htmlFor={`branch-${ifElseId}-${b}-label`}>Label</label>
            <input
              id={`branch-${ifElseId}-${b}-label`}
              value={branch.label ?? ''}
              placeholder={label}
              onChange={(e) =>
                apply((x) => setBranch(x, ifElseId, b, { label: e.target.value }), `branch:${ifElseId}:${b}`)
              }
            />
          </>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={Boolean(branch.merge)}
            disabled={!hasMerge}
            onChange={(e) => apply((x) => setBranch(x, ifElseId, b, { merge: e.target.checked }))}
          />
          Continue at the Merge{hasMerge ? '' : ' (add a Merge with the + at the end of a branch)'}
        </label>
        <button
          type="button"
          className="danger"
          onClick={() => {
            apply((x) => removeBranch(x, ifElseId, b));
            editor.setPanel(null);
          }}
        >
          Delete branch and its modules
        </button>
      </section>
      {isElse ? (
        <p className="muted">The else branch takes the bundles that no condition branch took.</p>
      ) : (
        <section aria-label="Conditions">
          <h3>Conditions</h3>
          <p className="muted">Branches are tried in order; only the first whose conditions pass runs.</p>
          <FormEnvContext.Provider value={formEnv}>
            <FilterEditor
              filter={{ name: branch.label, conditions }}
              idPrefix={`branch-${ifElseId}-${b}`}
              onChange={(f) =>
                apply(
                  (x) => setBranch(x, ifElseId, b, { label: f?.name ?? branch.label, filter: f }),
                  `branch:${ifElseId}:${b}`,
                )
              }
            />
          </FormEnvContext.Provider>
        </section>
      )}
    </div>
  );
}

// The conditions see what the If-else sees.
function useBranchEnv(blueprint: Blueprint, ifElseId: number, env: EditorEnv): FormEnv {
  return useMemo(
    () => ({
      sources: mappingSources(earlierModules(blueprint, ifElseId), env.catalog, env.lastRun, env.resources),
      connections: [],
      resources: {},
      errors: new Map(),
      idPrefix: `branch-${ifElseId}`,
    }),
    [blueprint, ifElseId, env.catalog, env.lastRun],
  );
}

/** In an If-else's module panel: its branches in order, each opening its own panel. */
export function BranchList({ ifElseId, editor }: { ifElseId: number; editor: EditorState }) {
  const node = findPlace(editor.blueprint, ifElseId)?.node;
  return (
    <section aria-label="Branches">
      <h3>Branches</h3>
      <p className="muted">Tried in order; the first whose conditions pass runs, else the else branch.</p>
      <ol>
        {(node?.branches ?? []).map((branch, b) => {
          const label = branchLabel(branch, b);
          const count = (branch.conditions ?? []).reduce((n, g) => n + g.length, 0);
          return (
            <li key={b}>
              <button
                type="button"
                onClick={() =>
                  editor.actions.openLink({
                    kind: 'branch',
                    ifElseId,
                    branch: b,
                    branchLabel: label,
                    filterConditions: branch.type === 'else' ? 0 : count,
                  })
                }
              >
                {label}
              </button>{' '}
              {branch.type === 'else' ? 'else' : `${count} condition${count === 1 ? '' : 's'}`}
              {branch.merge ? ', merges' : ''}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
