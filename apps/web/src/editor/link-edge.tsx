import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import type { GraphEdge, LinkData } from '../canvas/graph-types';
import { useEditorContext } from './editor-context';

// A link between modules. A route link shows its number (and whether it is the fallback), an
// If-else branch its label, a filtered link its filter's name; the label opens the filter of
// the module it leads into (the branch's conditions). Links into a Merge are dotted.

const LinkEdgeView = memo(function LinkEdgeView(props: EdgeProps<GraphEdge>) {
  const { actions } = useEditorContext();
  const { data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style } =
    props;
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const dashed = data?.kind === 'error';
  const route =
    data?.kind === 'route' && data.route !== undefined
      ? `Route ${data.route + 1}${data.fallback ? ' (fallback)' : ''}`
      : undefined;
  // An If-else branch is named by its label, with how many conditions it has.
  // An If-else branch is named by its label, drawn just before the module it leads into (the
  // links fan out from one point, so their middles would crowd the If-else).
  const branch = data?.kind === 'branch' ? data.branchLabel : undefined;
  const filter = data?.filterConditions && data.kind !== 'branch' ? data.filterName : undefined;
  // As in Make, a filtered link shows its filter's name (the route's number is in its name for
  // assistive technology): short enough to sit between two modules.
  const text = branch ?? filter ?? route ?? '';
  const merge = data?.kind === 'merge';
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={markerEnd}
        style={
          dashed ? { ...style, strokeDasharray: '6 4' } : merge ? { ...style, strokeDasharray: '2 4' } : style
        }
      />
      {/* Only links with something to say get a label (a filter, a route); any link opens its filter when clicked. */}
      {data && text && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`link-label nodrag nopan${filter ? ' has-filter' : ''}${dashed ? ' error-link' : ''}`}
            style={{
              transform: branch
                ? `translate(-100%, -125%) translate(${targetX - 12}px, ${targetY}px)`
                : `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            }}
            title={branch ? branchTitle(data) : text}
            aria-label={linkName(data, text, route, filter)}
            onClick={() => actions.openLink(data)}
          >
            {text}
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

function branchTitle(data: LinkData): string {
  if (data.elseBranch) return 'Takes the bundles that no other branch took';
  const n = data.filterConditions;
  return n ? `${n} condition${n === 1 ? '' : 's'}` : 'No conditions: takes every bundle that reaches it';
}

// The name starts with the label people see ("Pro customers: filtered link into module 4
// (Route 1)"), so speaking the label (voice control) finds the button.
function linkName(
  data: LinkData,
  text: string,
  route: string | undefined,
  filter: string | undefined,
): string {
  if (data.kind === 'branch') return `Branch ${data.branchLabel} of If-else ${data.ifElseId}`;
  if (data.targetId === undefined) return `${text} of router ${data.routerId}`;
  if (!filter) return `${text}: link into module ${data.targetId}`;
  return `${text}: filtered link into module ${data.targetId}${route ? ` (${route})` : ''}`;
}

export const edgeTypes: EdgeTypes = { link: LinkEdgeView };
