import type { Edge, Node } from '@xyflow/react';
import type { Anchor } from './insert';

// What the canvas draws. Node and edge data are plain JSON (ids, keys, labels): actions reach
// the editor through context, never through callbacks stored in the data.

export type ModuleNodeData = {
  id: number;
  moduleKey: string;
  label: string;
  appLabel: string;
  /** Inline SVG of the app, drawn as an image (never injected as markup). */
  icon?: string;
  color: string;
  kind: string;
  /** The first module of the scenario. */
  trigger: boolean;
  /** False when the module is missing from the catalog (an imported blueprint, say). */
  known: boolean;
  inErrorRoute: boolean;
  /** Last in its flow, so a module can be added after it. */
  canAppend: boolean;
  hasErrorHandler: boolean;
  canHaveErrorHandler: boolean;
  hasFilter: boolean;
  routes: number;
  /** What an import could not carry over (metadata.integrator.warnings). */
  warnings: string[];
  /** Branches of an If-else (0 for other modules). */
  branches: number;
};

export type PlaceholderNodeData = {
  anchor: Anchor;
  label: string;
};

export type ModuleFlowNode = Node<ModuleNodeData, 'module'>;
export type RouterFlowNode = Node<ModuleNodeData, 'router'>;
export type IfElseFlowNode = Node<ModuleNodeData, 'ifelse'>;
export type PlaceholderFlowNode = Node<PlaceholderNodeData, 'placeholder'>;
export type GraphNode = ModuleFlowNode | RouterFlowNode | IfElseFlowNode | PlaceholderFlowNode;

export type LinkData = {
  /** `branch`: from an If-else into a branch; `merge`: from a merging branch into the Merge. */
  kind: 'flow' | 'route' | 'error' | 'branch' | 'merge';
  /** The module the link leads into (its filter sits on it); absent for a placeholder. */
  targetId?: number;
  routerId?: number;
  /** 0-based route index on a router. */
  route?: number;
  fallback?: boolean;
  ifElseId?: number;
  /** 0-based branch index on an If-else. */
  branch?: number;
  /** The branch's label ("Else" for the else branch). */
  branchLabel?: string;
  elseBranch?: boolean;
  filterName?: string;
  /** Number of conditions of the target's filter, or of the branch (0 = none). */
  filterConditions: number;
};

export type GraphEdge = Edge<LinkData, 'link'>;

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
