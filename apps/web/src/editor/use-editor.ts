import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import type { Catalog } from '../canvas/catalog';
import { clipboardText, copyModule, pasteModule, type ModuleClipboard } from '../canvas/clipboard';
import { addBranch } from '../canvas/branch-edits';
import { addRoute, deleteModule } from '../canvas/edits';
import type { LinkData } from '../canvas/graph-types';
import type { Anchor } from '../canvas/insert';
import { findPlace } from '../canvas/tree';
import type { EditorActions } from './editor-context';
import { useDocument } from './use-document';

// The editor's state: the document (blueprint and history), the open side panel, the selected
// module and the clipboard.

export type Panel =
  | { kind: 'module'; id: number }
  | { kind: 'link'; link: LinkData }
  | { kind: 'run'; id: number }
  | { kind: 'catalog'; anchor: Anchor };

export type { Edit } from './use-document';

interface Options {
  blueprint: Blueprint;
  catalog: Catalog;
  onChange(blueprint: Blueprint): void;
}

export function useEditor({ blueprint, catalog, onChange }: Options) {
  const { history, apply, undo, redo, notice, setNotice, loads } = useDocument(blueprint, onChange);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [menu, setMenu] = useState<{ id: number; x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => {
    setPanel(null);
    setSelected(null);
  }, [loads]);

  const { copy, paste } = useClipboard(history.current, apply, catalog, setSelected, setNotice);

  const remove = useCallback(
    (id: number) => {
      apply((b) => deleteModule(b, id));
      setSelected(null);
      setPanel((p) => (p && 'id' in p && p.id === id ? null : p));
    },
    [apply],
  );

  const actions = useMemo<EditorActions>(
    () => ({
      openCatalog: (anchor) => setPanel({ kind: 'catalog', anchor }),
      openLink: (link) => setPanel({ kind: 'link', link }),
      openModule: (id) => {
        setSelected(id);
        setPanel({ kind: 'module', id });
      },
      openRun: (id) => setPanel({ kind: 'run', id }),
      addRoute: (routerId) => apply((b) => addRoute(b, routerId)),
      addBranch: (ifElseId) => apply((b) => addBranch(b, ifElseId)),
      openMenu: (id, x, y) => {
        setSelected(id);
        setMenu({ id, x, y });
      },
    }),
    [apply],
  );

  /** Where Ctrl+V and "add module" go: after the selected module, else at the end of the scenario. */
  const defaultAnchor = useCallback((): Anchor => {
    const current = history.current();
    if (selected !== null && findPlace(current, selected)) return { type: 'after', id: selected };
    const flow = current.flow ?? [];
    return flow.length ? { type: 'after', id: flow[flow.length - 1].id } : { type: 'start' };
  }, [history, selected]);

  return {
    blueprint: history.present,
    canUndo: history.canUndo,
    canRedo: history.canRedo,
    panel,
    setPanel,
    menu,
    closeMenu,
    selected,
    setSelected,
    notice,
    setNotice,
    apply,
    undo,
    redo,
    copy,
    paste,
    remove,
    actions,
    defaultAnchor,
  };
}

export type EditorState = ReturnType<typeof useEditor>;

// Ctrl+C / Ctrl+V: the copied module lives in the editor (and, best effort, the system clipboard).
function useClipboard(
  current: () => Blueprint,
  apply: ReturnType<typeof useDocument>['apply'],
  catalog: Catalog,
  select: (id: number) => void,
  notify: (message: string) => void,
) {
  const clipboard = useRef<ModuleClipboard | null>(null);
  const copy = useCallback(
    (id: number) => {
      clipboard.current = copyModule(current(), id);
      navigator.clipboard?.writeText(clipboardText(clipboard.current)).catch(() => undefined);
    },
    [current],
  );
  const paste = useCallback(
    (anchor: Anchor) => {
      const clip = clipboard.current;
      if (!clip) return notify('Copy a module first (Ctrl+C)');
      const id = apply((b) => pasteModule(b, catalog, clip, anchor));
      if (id !== undefined) select(id);
    },
    [apply, catalog, notify, select],
  );
  return { copy, paste };
}
