import { useState } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import { Drawer } from '../../components/drawer';
import { TextAreaField } from '../../components/fields';
import { findModuleNode } from '../../canvas/tree';
import type { RunView } from '../../forms/mapping-sources';

// Make's "Run this module only": the module runs alone on an input bundle the user gives (its
// field values, offered from its last run or else from its fields), as a draft run that saves
// nothing. Its result shows on its bubble like any run.

/** The draft that runs module `id` alone, its fields replaced by the given bundle. */
export function singleModuleBlueprint(
  blueprint: Blueprint,
  id: number,
  bundle: Record<string, unknown>,
): Blueprint {
  const node = findModuleNode(blueprint, id);
  if (!node) throw new Error(`module ${id} is not in the scenario`);
  // Its place in the flow (routes, error handler, filter) has no meaning for a module on its own.
  const { routes: _routes, branches: _branches, onerror: _onerror, filter: _filter, ...alone } = node;
  return { ...blueprint, flow: [{ ...alone, mapper: bundle }] };
}

/** The bundle offered: what the module received in the last run, else its fields as they are. */
export function initialBundle(blueprint: Blueprint, id: number, lastRun: RunView | null | undefined): string {
  const input = lastRun?.modules.find((m) => m.id === id)?.ops.find((op) => op.input)?.input;
  return JSON.stringify(input ?? findModuleNode(blueprint, id)?.mapper ?? {}, null, 2);
}

interface Props {
  id: number;
  label: string;
  initial: string;
  onRun(bundle: Record<string, unknown>): void;
  onClose(): void;
}

export function ModuleRunDrawer({ id, label, initial, onRun, onClose }: Props) {
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | undefined>();
  const run = () => {
    try {
      const bundle: unknown = JSON.parse(text || '{}');
      if (bundle === null || typeof bundle !== 'object' || Array.isArray(bundle))
        return setProblem('must be a JSON object of the module’s fields');
      onRun(bundle as Record<string, unknown>);
    } catch (err) {
      setProblem(`is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <Drawer title="Run this module only" onClose={onClose}>
      <p className="muted">
        {label} (module {id}) runs on its own with this input bundle. Nothing is saved.
      </p>
      <TextAreaField
        label="Input bundle (JSON)"
        rows={10}
        value={text}
        onChange={(t) => {
          setText(t);
          setProblem(undefined);
        }}
        error={problem}
      />
      <div className="row">
        <button type="button" className="primary" onClick={run}>
          Run
        </button>
      </div>
    </Drawer>
  );
}
