import { useCallback, useEffect, type RefObject } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';

// How a scenario opens: fitted to the screen, as long as its captions stay readable. A large
// scenario (dozens of modules, several routes) would fit only at a zoom where a caption is a few
// pixels high; it opens instead at the smallest readable zoom with its start, the trigger, at the
// top left, and the rest a pan (or "Zoom to fit") away, as in Make.

/** Below this zoom a module's caption is too small to read, even enlarged (see editor.css). */
export const READABLE_ZOOM = 0.6;
const PADDING = 0.2;
const MARGIN = 48;

/** Sets the opening viewport; called once, when React Flow has measured every node. */
export function useOpeningView(): () => void {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useCallback(() => {
    const nodes = flow.getNodes();
    if (!nodes.length) return;
    const bounds = flow.getNodesBounds(nodes);
    const { width, height } = store.getState();
    const fit = Math.min(
      width / (bounds.width * (1 + 2 * PADDING)),
      height / (bounds.height * (1 + 2 * PADDING)),
    );
    if (fit >= READABLE_ZOOM || !Number.isFinite(fit)) {
      void flow.fitView({ padding: PADDING, maxZoom: 1 });
      return;
    }
    const zoom = READABLE_ZOOM;
    // Rows that fit the height are centred; a taller scenario shows its first row at the top.
    const tall = bounds.height * zoom + 2 * MARGIN > height;
    void flow.setViewport({
      x: MARGIN - bounds.x * zoom,
      y: tall ? MARGIN - bounds.y * zoom : (height - bounds.height * zoom) / 2 - bounds.y * zoom,
      zoom,
    });
  }, [flow, store]);
}

/**
 * The canvas's zoom as the CSS variable --zoom on `ref`'s element: captions keep a readable size
 * on screen when zoomed out. Written straight to the style, so zooming re-renders no node.
 */
export function useZoomVariable(ref: RefObject<HTMLElement | null>): void {
  const store = useStoreApi();
  useEffect(() => {
    const write = (zoom: number) => ref.current?.style.setProperty('--zoom', String(zoom));
    write(store.getState().transform[2]);
    let last = store.getState().transform[2];
    return store.subscribe((state) => {
      const zoom = state.transform[2];
      if (zoom === last) return;
      last = zoom;
      write(zoom);
    });
  }, [ref, store]);
}
