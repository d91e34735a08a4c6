import type { AnyModuleDefinition, Coercer, ModuleKind } from '@integrator/sdk';
import type { Blueprint, ModuleNode, ScenarioSettings } from '../blueprint';
import type { FilterTest } from '../filters/filter';
import type { Resolver } from '../mapping/template';

export interface ValidationIssue {
  path: string;
  message: string;
}

export interface CompiledRoute {
  first: CompiledModule | null;
  fallback: boolean;
}

/** One branch of an If-else, compiled. */
export interface CompiledBranch {
  index: number;
  label: string;
  isElse: boolean;
  merge: boolean;
  /** The branch's conditions; null on the else branch. */
  test: FilterTest | null;
  first: CompiledModule | null;
  /** Ids of the branch's modules a later module may read (they ran when the branch did). */
  ids: number[];
  /** What a module after the branch's last one may read: the scope of the Merge's mappings. */
  visibleAtEnd: number[];
}

/** Where the bundles leaving a merging branch's last module go next. */
export interface MergeJoin {
  merge: CompiledModule;
  branch: number;
}

export interface CompiledModule {
  id: number;
  key: string;
  /** Where it sits in the blueprint, e.g. flow[2].routes[0].flow[1]. */
  path: string;
  label: string;
  node: ModuleNode;
  def: AnyModuleDefinition;
  kind: ModuleKind;
  parameters: Record<string, unknown>;
  /** Resolves the mapper for the current bundle; null when the module has none. */
  mapper: Resolver | null;
  coerceMapper: Coercer;
  filter: FilterTest | null;
  /** The module after this one in the same flow list. */
  next: CompiledModule | null;
  routes: CompiledRoute[];
  /** An If-else's branches, in order. */
  branches: CompiledBranch[];
  /** An If-else's Merge module (the one that follows it in its flow). */
  mergeModule?: CompiledModule;
  /** A Merge's If-else. */
  mergeOf?: CompiledModule;
  /** A Merge's outputs resolved for each merging branch, by branch index. */
  mergeMappers?: Array<Resolver | null>;
  /** Set on the last module of a merging branch: its bundles continue at the Merge. */
  join: MergeJoin | null;
  /** First module of the error-handler route. */
  onerror: CompiledModule | null;
  inErrorRoute: boolean;
  isFirst: boolean;
  /** Module ids whose outputs this module may read (earlier on its path). */
  visible: number[];
  /** Aggregators whose source module is this one. */
  aggregators: CompiledModule[];
  feeder?: number;
  groupBy: Resolver | null;
  stopIfEmpty: boolean;
  /** Connection id from parameters.connection, when the module has one. */
  connectionRef?: string | number;
}

export interface CompiledScenario {
  blueprint: Blueprint;
  settings: ScenarioSettings;
  first: CompiledModule | null;
  modules: Map<number, CompiledModule>;
  issues: ValidationIssue[];
}
