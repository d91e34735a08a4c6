import { useMemo } from 'react';
import type { Blueprint, MergeOutput, ModuleNode } from '@integrator/engine/blueprint';
import { setMergeOutputs } from '../canvas/branch-edits';
import { mergeSources } from '../canvas/earlier-modules';
import { branchLabel } from '../canvas/to-graph-branches';
import { findPlace } from '../canvas/tree';
import { FormEnvContext, type FormEnv } from '../forms/form-env';
import { MappedInput } from '../forms/mapped-input';
import { mappingSources } from '../forms/mapping-sources';
import type { EditorEnv } from './editor-env';
import type { EditorState } from './use-editor';

// A Merge's outputs: each has a name (later modules map {{<merge>.<name>}}) and one value per
// merging branch; the engine takes the value that reads the branch that ran.

interface Props {
  node: ModuleNode;
  editor: EditorState;
  env: EditorEnv;
}

export function MergeOutputs({ node, editor, env }: Props) {
  const { blueprint, apply } = editor;
  const outputs = node.outputs ?? [];
  const branches = useMergingBranches(blueprint, node.id);
  const formEnv = useMergeEnv(blueprint, node.id, env);
  const write = (next: MergeOutput[]) =>
    apply((b) => setMergeOutputs(b, node.id, next), `outputs:${node.id}`);
  const update = (i: number, patch: Partial<MergeOutput>) =>
    write(outputs.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const freeName = () => {
    let n = outputs.length + 1;
    while (outputs.some((o) => o.name === `value${n}`)) n++;
    return `value${n}`;
  };
  return (
    <section aria-label="Outputs">
      <h3>Outputs</h3>
      {branches.length === 0 && <p className="warning">No branch of the If-else merges into this Merge.</p>}
      <FormEnvContext.Provider value={formEnv}>
        {outputs.map((output, i) => (
          <fieldset key={i} className="condition-group">
            <legend>Output {i + 1}</legend>
            <label htmlFor={`merge-${node.id}-${i}-name`}>Output name</label>
            <input
              id={`merge-${node.id}-${i}-name`}
              value={output.name}
              onChange={(e) => update(i, { name: e.target.value })}
            />
            {branches.map(({ label }, j) => (
              <div key={j}>
                <label htmlFor={`merge-${node.id}-${i}-${j}`}>Value from {label}</label>
                <MappedInput
                  id={`merge-${node.id}-${i}-${j}`}
                  value={output.mappings[j] ?? ''}
                  onChange={(v) => {
                    const mappings = [...output.mappings];
                    while (mappings.length < j) mappings.push('');
                    mappings[j] = v;
                    update(i, { mappings });
                  }}
                />
              </div>
            ))}
            <button
              type="button"
              className="remove-row"
              onClick={() => write(outputs.filter((_, k) => k !== i))}
            >
              Remove output {output.name}
            </button>
          </fieldset>
        ))}
      </FormEnvContext.Provider>
      <button
        type="button"
        className="add-row"
        onClick={() => write([...outputs, { name: freeName(), mappings: [] }])}
      >
        Add output
      </button>
    </section>
  );
}

function useMergingBranches(blueprint: Blueprint, mergeId: number): Array<{ label: string }> {
  return useMemo(() => {
    const place = findPlace(blueprint, mergeId);
    const ifElse = place && place.index > 0 ? place.flow[place.index - 1] : undefined;
    return (ifElse?.branches ?? []).flatMap((b, i) => (b.merge ? [{ label: branchLabel(b, i) }] : []));
  }, [blueprint, mergeId]);
}

function useMergeEnv(blueprint: Blueprint, mergeId: number, env: EditorEnv): FormEnv {
  return useMemo(
    () => ({
      sources: mappingSources(mergeSources(blueprint, mergeId), env.catalog, env.lastRun, env.resources),
      connections: [],
      resources: {},
      errors: new Map(),
      idPrefix: `merge-${mergeId}`,
    }),
    [blueprint, mergeId, env.catalog, env.lastRun],
  );
}
