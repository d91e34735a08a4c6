import { memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import type {
  IfElseFlowNode,
  ModuleFlowNode,
  PlaceholderFlowNode,
  RouterFlowNode,
} from '../canvas/graph-types';
import { useEditorContext } from './editor-context';
import { ModuleIcon } from './module-icon';

// Round module nodes in the app's color, router nodes, and "+" placeholders. Memoised, and
// `nodeTypes` lives at module scope so React Flow never remounts them.

function RunBubble({ id }: { id: number }) {
  const { runs, actions } = useEditorContext();
  const log = runs.get(id);
  if (!log) return null;
  const failed = log.errors > 0;
  const message = failed ? log.ops.find((op) => op.error)?.error?.message : undefined;
  return (
    <button
      type="button"
      className={`run-bubble nodrag${failed ? ' failed' : ''}`}
      title={message}
      aria-label={`Module ${id}: ${log.operations} operation${log.operations === 1 ? '' : 's'}${failed ? `, failed${message ? `: ${message}` : ''}` : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        actions.openRun(id);
      }}
    >
      {log.operations}
    </button>
  );
}

// What the import could not carry over: a badge on the node; the module panel lists it.
function WarningBadge({ data }: { data: ModuleFlowNode['data'] }) {
  const { actions } = useEditorContext();
  const count = data.warnings.length;
  return (
    <button
      type="button"
      className="warning-badge nodrag"
      title={data.warnings.join('\n')}
      aria-label={`Module ${data.id}: ${count} import warning${count === 1 ? '' : 's'}`}
      onClick={(e) => {
        e.stopPropagation();
        actions.openModule(data.id);
      }}
    >
      !
    </button>
  );
}

const ModuleNodeView = memo(function ModuleNodeView({ data, selected }: NodeProps<ModuleFlowNode>) {
  const { actions, runs } = useEditorContext();
  const failed = (runs.get(data.id)?.errors ?? 0) > 0;
  const classes = [
    'module-node',
    selected && 'selected',
    failed && 'failed',
    !data.known && 'unknown',
    data.inErrorRoute && 'in-error-route',
  ];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      style={{ '--app-color': data.color } as CSSProperties}
      data-module-id={data.id}
      onContextMenu={(e) => {
        e.preventDefault();
        e.stopPropagation();
        actions.openMenu(data.id, e.clientX, e.clientY);
      }}
    >
      <Handle type="target" position={Position.Left} id="in" isConnectable={!data.trigger} />
      <button
        type="button"
        className="module-circle"
        aria-label={`${data.label} (module ${data.id})`}
        onDoubleClick={() => actions.openModule(data.id)}
      >
        <ModuleIcon icon={data.icon} label={data.appLabel} />
      </button>
      <RunBubble id={data.id} />
      {data.warnings.length > 0 && <WarningBadge data={data} />}
      {data.canAppend && (
        <button
          type="button"
          className="append-button nodrag"
          aria-label={`Add a module after ${data.label}`}
          onClick={(e) => {
            e.stopPropagation();
            actions.openCatalog({ type: 'after', id: data.id });
          }}
        >
          +
        </button>
      )}
      <div className="module-caption">
        <strong>{data.label}</strong>
        <span>
          {data.appLabel} · {data.id}
        </span>
      </div>
      <Handle type="source" position={Position.Right} id="out" />
      {data.hasErrorHandler && (
        <Handle type="source" position={Position.Bottom} id="error" isConnectable={false} />
      )}
    </div>
  );
});

type FanOutData = RouterFlowNode['data'] | IfElseFlowNode['data'];
const PLURAL = { route: 'routes', branch: 'branches' } as const;

/**
 * A module its paths fan out from: a router (every route runs) or an If-else (one branch runs
 * per bundle; its "+" adds a condition branch before the else branch).
 */
function FanOutNode({
  data,
  selected,
  className,
  paths,
  pathName,
  onAdd,
  bubble,
}: {
  data: FanOutData;
  selected: boolean;
  className: string;
  paths: number;
  pathName: 'route' | 'branch';
  onAdd(): void;
  bubble?: boolean;
}) {
  const { actions } = useEditorContext();
  return (
    <div
      className={`${className}${selected ? ' selected' : ''}`}
      style={{ '--app-color': data.color } as CSSProperties}
      data-module-id={data.id}
    >
      <Handle type="target" position={Position.Left} id="in" />
      <button
        type="button"
        className="router-circle"
        aria-label={`${data.label} (module ${data.id}, ${paths} ${PLURAL[pathName]})`}
        onDoubleClick={() => actions.openModule(data.id)}
      >
        <ModuleIcon icon={data.icon} label={data.appLabel} />
      </button>
      {bubble && <RunBubble id={data.id} />}
      <button
        type="button"
        className="append-button nodrag"
        aria-label={`Add a ${pathName} to ${data.label} ${data.id}`}
        onClick={(e) => {
          e.stopPropagation();
          onAdd();
        }}
      >
        +
      </button>
      <div className="module-caption">
        <span>
          {data.label} · {data.id}
        </span>
      </div>
      <Handle type="source" position={Position.Right} id="out" />
    </div>
  );
}

const RouterNodeView = memo(function RouterNodeView({ data, selected }: NodeProps<RouterFlowNode>) {
  const { actions } = useEditorContext();
  return (
    <FanOutNode
      data={data}
      selected={selected}
      className="router-node"
      paths={data.routes}
      pathName="route"
      onAdd={() => actions.addRoute(data.id)}
    />
  );
});

const IfElseNodeView = memo(function IfElseNodeView({ data, selected }: NodeProps<IfElseFlowNode>) {
  const { actions } = useEditorContext();
  return (
    <FanOutNode
      data={data}
      selected={selected}
      className="router-node if-else-node"
      paths={data.branches}
      pathName="branch"
      onAdd={() => actions.addBranch(data.id)}
      bubble
    />
  );
});

const PlaceholderNodeView = memo(function PlaceholderNodeView({ data }: NodeProps<PlaceholderFlowNode>) {
  const { actions } = useEditorContext();
  return (
    <div className="placeholder-node">
      <Handle type="target" position={Position.Left} id="in" isConnectable={false} />
      <button
        type="button"
        className="placeholder-circle nodrag"
        aria-label={data.label}
        onClick={(e) => {
          e.stopPropagation();
          actions.openCatalog(data.anchor);
        }}
      >
        +
      </button>
    </div>
  );
});

export const nodeTypes: NodeTypes = {
  module: ModuleNodeView,
  router: RouterNodeView,
  ifelse: IfElseNodeView,
  placeholder: PlaceholderNodeView,
};
