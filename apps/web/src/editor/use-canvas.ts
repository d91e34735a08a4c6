import { useCallback, useMemo, useState } from 'react';
import {
  applyNodeChanges,
  type Connection,
  type Edge,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import type { Catalog } from '../canvas/catalog';
import { canConnect, connectModules, moveModule } from '../canvas/edits';
import type { GraphEdge, GraphNode } from '../canvas/graph-types';
import { blueprintToGraph } from '../canvas/to-graph';
import { reconcileNodes } from './reconcile-nodes';
import type { EditorState } from './use-editor';

// React Flow's side of the editor: the drawn nodes (projected from the blueprint, moved live
// while dragging) and the handlers that turn gestures into blueprint edits.

export function useCanvas(editor: EditorState, catalog: Catalog) {
  const { blueprint, apply, setSelected, actions } = editor;
  const graph = useMemo(() => blueprintToGraph(blueprint, catalog), [blueprint, catalog]);
  const [nodes, setNodes] = useState<GraphNode[]>(graph.nodes);
  const [projected, setProjected] = useState(graph.nodes);
  // A new projection replaces the drawn nodes, keeping the unchanged ones (and the selection).
  if (projected !== graph.nodes) {
    setProjected(graph.nodes);
    setNodes(reconcileNodes(nodes, graph.nodes));
  }

  const onNodesChange = useCallback(
    (changes: NodeChange<GraphNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      for (const change of changes) {
        if (change.type === 'select' && /^\d+$/.test(change.id)) {
          setSelected((s) => (change.selected ? Number(change.id) : s === Number(change.id) ? null : s));
        }
      }
    },
    [setSelected],
  );
  const onNodeDragStop: OnNodeDrag<GraphNode> = useCallback(
    (_event, _node, dragged) => {
      const modules = dragged.filter((n) => n.type !== 'placeholder');
      if (modules.length)
        apply((b) => modules.reduce((acc, n) => moveModule(acc, Number(n.id), n.position), b));
    },
    [apply],
  );
  const isValidConnection = useCallback(
    (c: Connection | Edge) =>
      c.sourceHandle !== 'error' && canConnect(blueprint, catalog, Number(c.source), Number(c.target)),
    [blueprint, catalog],
  );
  const onConnect = useCallback(
    (c: Connection) => apply((b) => connectModules(b, catalog, Number(c.source), Number(c.target))),
    [apply, catalog],
  );
  const onNodeClick = useCallback(
    (_e: unknown, node: GraphNode) => node.type !== 'placeholder' && actions.openModule(Number(node.id)),
    [actions],
  );
  const onEdgeClick = useCallback(
    (_e: unknown, edge: GraphEdge) => edge.data && actions.openLink(edge.data),
    [actions],
  );

  return {
    nodes,
    edges: graph.edges,
    onNodesChange,
    onNodeDragStop,
    isValidConnection,
    onConnect,
    onNodeClick,
    onEdgeClick,
  };
}
