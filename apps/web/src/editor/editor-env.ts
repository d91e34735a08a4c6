import type { ResourceKind } from '@integrator/sdk';
import type { Blueprint } from '@integrator/engine/blueprint';
import type { Catalog } from '../canvas/catalog';
import type { ConnectionOption, FieldIssue, ResourceOption } from '../forms/form-env';
import type { RunView } from '../forms/mapping-sources';

/** What the page hands the editor besides the blueprint. */
export interface ScenarioEditorProps {
  blueprint: Blueprint;
  /** GET /api/apps */
  catalog: Catalog;
  onChange(blueprint: Blueprint): void;
  /** The last execution, for run bubbles, bundles and mapping fields. */
  lastRun?: RunView | null;
  /** How the run panel names `lastRun` ("last run" when not given; a past run: "run of <time>"). */
  runName?: string;
  /** GET /api/connections (only id, name and type are used). */
  connections?: readonly ConnectionOption[];
  /** Options of resource pickers (data stores, webhooks…), by kind. */
  resources?: Partial<Record<ResourceKind, readonly ResourceOption[]>>;
  onAddConnection?: (connectionTypes: string[], select?: (id: string | number) => void) => void;
  /** Validation issues of the scenario (Scenario.issues or an API 400's fields), paths like flow[1].mapper.email. */
  issues?: readonly FieldIssue[];
  /** Creates a resource from a module's picker (a webhook: "Add", a name, done). */
  onCreateResource?: (kind: ResourceKind, name: string) => Promise<ResourceOption>;
  /** "Redetermine data structure" of a webhook (see FormEnv). */
  onDetermineStructure?: (hookId: string | number, signal: AbortSignal) => Promise<void>;
  /** "Run this module only" (module menu and panel): the page asks for its input bundle. */
  onRunModule?: (id: number) => void;
}

export type EditorEnv = Omit<ScenarioEditorProps, 'blueprint' | 'onChange'>;
