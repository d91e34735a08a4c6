import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';

// Keeps the module being edited on screen: a module added past the edge of the view (or
// opened from elsewhere) is panned into view, at the current zoom. On a tablet the side panel
// lies over the canvas's right part: the module is brought into the part left uncovered.

const MARGIN = 48;
/** A panel leaving less of the canvas than this (a phone) covers it all: nothing to reveal into. */
const MIN_UNCOVERED = 160;

export function useReveal(id: number | null): void {
  const flow = useReactFlow();
  const store = useStoreApi();
  useEffect(() => {
    if (id === null) return;
    // The new node reaches React Flow's store after this render: look a frame later.
    const frame = requestAnimationFrame(() => {
      const node = flow.getInternalNode(String(id));
      if (!node) return;
      const { width: full, height, transform, domNode } = store.getState();
      const width = uncoveredWidth(domNode, full);
      const [tx, ty, zoom] = transform;
      const w = (node.measured.width ?? 96) * zoom;
      const h = (node.measured.height ?? 96) * zoom;
      const x = node.internals.positionAbsolute.x * zoom + tx;
      const y = node.internals.positionAbsolute.y * zoom + ty;
      if (x >= MARGIN && y >= MARGIN && x + w <= width - MARGIN && y + h <= height - MARGIN) return;
      // The node's centre at the centre of the uncovered part.
      void flow.setViewport({
        x: width / 2 - (node.internals.positionAbsolute.x * zoom + w / 2),
        y: height / 2 - (node.internals.positionAbsolute.y * zoom + h / 2),
        zoom,
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [id, flow, store]);
}

/** The canvas's width left of a side panel that lies over it (the full width when none does). */
function uncoveredWidth(canvas: Element | null, full: number): number {
  const panel = canvas?.closest('.scenario-editor')?.querySelector('.side-panel');
  if (!canvas || !panel) return full;
  const flowBox = canvas.getBoundingClientRect();
  const panelBox = panel.getBoundingClientRect();
  const uncovered = panelBox.left - flowBox.left;
  if (panelBox.left >= flowBox.right || uncovered < MIN_UNCOVERED) return full;
  return Math.min(full, uncovered);
}
