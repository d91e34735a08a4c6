import { createContext, useContext } from 'react';
import type { ModuleLog } from '@integrator/engine/runner/types';
import type { LinkData } from '../canvas/graph-types';
import type { Anchor } from '../canvas/insert';

// How canvas nodes and edges reach the editor: actions through context, so node data stays
// plain JSON (the xyflow lesson) and memoised nodes re-render only when this value changes.

export interface EditorActions {
  openCatalog(anchor: Anchor): void;
  openLink(link: LinkData): void;
  openModule(id: number): void;
  openRun(id: number): void;
  addRoute(routerId: number): void;
  addBranch(ifElseId: number): void;
  /** The module's right-click menu, at the pointer (page coordinates). */
  openMenu(id: number, x: number, y: number): void;
}

export interface EditorContextValue {
  actions: EditorActions;
  /** Last run's log per module id. */
  runs: ReadonlyMap<number, ModuleLog>;
}

const noop = () => undefined;

export const EditorContext = createContext<EditorContextValue>({
  actions: {
    openCatalog: noop,
    openLink: noop,
    openModule: noop,
    openRun: noop,
    addRoute: noop,
    addBranch: noop,
    openMenu: noop,
  },
  runs: new Map(),
});

export const useEditorContext = (): EditorContextValue => useContext(EditorContext);
