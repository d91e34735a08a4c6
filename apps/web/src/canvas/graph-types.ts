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
};

export type PlaceholderNodeData = {
  anchor: Anchor;
  label: string;
};

export type ModuleFlowNode = Node<ModuleNodeData, 'module'>;
export type RouterFlowNode = Node<ModuleNodeData, 'router'>;
export type PlaceholderFlowNode = Node<PlaceholderNodeData, 'placeholder'>;
export type GraphNode = ModuleFlowNode | RouterFlowNode | PlaceholderFlowNode;

export type LinkData = {
  kind: 'flow' | 'route' | 'error';
  /** The module the link leads into (its filter sits on it); absent for a placeholder. */
  targetId?: number;
  routerId?: number;
  /** 0-based route index on a router. */
  route?: number;
  fallback?: boolean;
  filterName?: string;
  /** Number of conditions of the target's filter (0 = no filter). */
  filterConditions: number;
};

export type GraphEdge = Edge<LinkData, 'link'>;

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
