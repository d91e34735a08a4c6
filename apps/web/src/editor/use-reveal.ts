import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';

// Keeps the module being edited on screen: a module added past the edge of the view (or
// opened from elsewhere) is panned into view, at the current zoom.

const MARGIN = 48;

export function useReveal(id: number | null): void {
  const flow = useReactFlow();
  const store = useStoreApi();
  useEffect(() => {
    if (id === null) return;
    // The new node reaches React Flow's store after this render: look a frame later.
    const frame = requestAnimationFrame(() => {
      const node = flow.getInternalNode(String(id));
      if (!node) return;
      const { width, height, transform } = store.getState();
      const [tx, ty, zoom] = transform;
      const w = (node.measured.width ?? 96) * zoom;
      const h = (node.measured.height ?? 96) * zoom;
      const x = node.internals.positionAbsolute.x * zoom + tx;
      const y = node.internals.positionAbsolute.y * zoom + ty;
      if (x >= MARGIN && y >= MARGIN && x + w <= width - MARGIN && y + h <= height - MARGIN) return;
      void flow.setCenter(
        node.internals.positionAbsolute.x + w / zoom / 2,
        node.internals.positionAbsolute.y + h / zoom / 2,
        { zoom },
      );
    });
    return () => cancelAnimationFrame(frame);
  }, [id, flow, store]);
}
