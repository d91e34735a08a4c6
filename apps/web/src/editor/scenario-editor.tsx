import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import '../styles/theme.css';
import '../styles/forms.css';
import '../styles/editor.css';
import type { GraphEdge, GraphNode } from '../canvas/graph-types';
import { autoAlign } from '../canvas/layout';
import { nodeTypes } from './canvas-nodes';
import { EditorContext } from './editor-context';
import type { EditorEnv, ScenarioEditorProps } from './editor-env';
import { edgeTypes } from './link-edge';
import { ModuleMenu } from './module-menu';
import { SidePanel } from './side-panel';
import { Toolbar } from './toolbar';
import { useCanvas } from './use-canvas';
import { useEditor, type EditorState } from './use-editor';
import { friendlyLogs } from '../run/friendly-error';
import { useOpeningView, useZoomVariable } from './use-opening-view';
import { useReveal } from './use-reveal';
import { useShortcuts } from './use-shortcuts';

// The scenario editor: the blueprint is the source of truth, the canvas its projection.
// Edits go through pure functions on the blueprint and are reported with onChange.

export type { ScenarioEditorProps } from './editor-env';

/** performance.mark set once the canvas is usable: React Flow initialised and every node measured. */
export const CANVAS_READY_MARK = 'integrator:canvas-interactive';

export function ScenarioEditor(props: ScenarioEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorShell {...props} />
    </ReactFlowProvider>
  );
}

function EditorShell({ blueprint, onChange, ...props }: ScenarioEditorProps) {
  const editor = useEditor({ blueprint, catalog: props.catalog, onChange });
  const onKeyDown = useShortcuts(editor);
  // The last run's errors name fields by their label, in the bubbles and the run panel.
  const { lastRun, catalog } = props;
  // Only a run with errors depends on the blueprint: otherwise the run (and every node reading
  // it from the context) stays the same object across edits.
  const failedRun = lastRun?.modules.some((m) => m.errors > 0) ? lastRun : null;
  const friendlyFailed = useMemo(
    () => failedRun && { ...failedRun, modules: friendlyLogs(failedRun.modules, blueprint, catalog) },
    [failedRun, blueprint, catalog],
  );
  const friendlyRun = friendlyFailed ?? lastRun;
  const env = useMemo(() => ({ ...props, lastRun: friendlyRun }), [props, friendlyRun]);
  const runs = useMemo(() => new Map((friendlyRun?.modules ?? []).map((m) => [m.id, m])), [friendlyRun]);
  const context = useMemo(() => ({ actions: editor.actions, runs }), [editor.actions, runs]);
  return (
    <EditorContext.Provider value={context}>
      <div className="scenario-editor" onKeyDown={onKeyDown}>
        <Canvas editor={editor} env={env} />
        <SidePanel editor={editor} env={env} />
        {editor.menu && <ModuleMenu at={editor.menu} editor={editor} env={env} />}
      </div>
    </EditorContext.Provider>
  );
}

const miniMapColor = (node: GraphNode): string =>
  node.type === 'placeholder' ? 'transparent' : node.data.color;

function Canvas({ editor, env }: { editor: EditorState; env: EditorEnv }) {
  const { apply } = editor;
  const flow = useReactFlow();
  const canvas = useCanvas(editor, env.catalog);
  const [fitPending, setFitPending] = useState(false);
  // The overview map draws every node a second time: shown on demand.
  const [showMap, setShowMap] = useState(false);
  const openingView = useOpeningView();
  const onInit = useReadyMark(openingView);
  const canvasRef = useRef<HTMLDivElement>(null);
  useZoomVariable(canvasRef);
  useReveal(editor.panel?.kind === 'module' ? editor.panel.id : null);
  useReveal(editor.selected);

  useEffect(() => {
    if (!fitPending) return;
    setFitPending(false);
    void flow.fitView({ padding: 0.2 });
  }, [fitPending, canvas.nodes, flow]);

  return (
    <div className="canvas" ref={canvasRef}>
      <Toolbar
        editor={editor}
        onAutoAlign={() => {
          apply(autoAlign);
          setFitPending(true);
        }}
        onFit={() => void flow.fitView({ padding: 0.2 })}
        showMap={showMap}
        onToggleMap={() => setShowMap(!showMap)}
      />
      {editor.notice && (
        <div className="notice" role="alert">
          {editor.notice}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => editor.setNotice(null)}
          >
            ×
          </button>
        </div>
      )}
      <ReactFlow<GraphNode, GraphEdge>
        {...canvas}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        deleteKeyCode={null}
        onInit={onInit}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        {showMap && <MiniMap<GraphNode> pannable zoomable nodeColor={miniMapColor} />}
      </ReactFlow>
    </div>
  );
}

// Marks the moment the canvas becomes interactive (the e2e run measures time to it), after
// setting the opening view (which needs every node measured).
function useReadyMark(onReady: () => void): () => void {
  const measured = useNodesInitialized();
  const [initialised, setInitialised] = useState(false);
  const marked = useRef(false);
  useEffect(() => {
    if (!initialised || !measured || marked.current) return;
    marked.current = true;
    onReady();
    performance.mark?.(CANVAS_READY_MARK);
  }, [initialised, measured, onReady]);
  return useMemo(() => () => setInitialised(true), []);
}
