import { useEffect, useRef } from 'react';
import { findModule } from '../canvas/catalog';
import { copyModule, pasteModule } from '../canvas/clipboard';
import { addErrorHandler } from '../canvas/edits';
import { isIfElseNode, isRouterNode } from '../canvas/insert';
import { findPlace } from '../canvas/tree';
import type { EditorEnv } from './editor-env';
import type { EditorState } from './use-editor';

// Make's right-click menu on a module: run it alone, add an error handler, rename, clone,
// delete. Opened at the pointer; Escape, a click elsewhere or a choice closes it.

export interface MenuAt {
  id: number;
  x: number;
  y: number;
}

export function ModuleMenu({ at, editor, env }: { at: MenuAt; editor: EditorState; env: EditorEnv }) {
  const { id } = at;
  const menu = useRef<HTMLDivElement>(null);
  const close = editor.closeMenu;
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [close]);
  const node = findPlace(editor.blueprint, id)?.node;
  if (!node) return null;
  const kind = findModule(env.catalog, node.module)?.module.kind;
  const handles = !isRouterNode(node) && !isIfElseNode(node) && kind !== 'directive' && !node.onerror?.length;
  const items: Array<[string, () => void]> = [];
  if (env.onRunModule) items.push(['Run this module only', () => env.onRunModule?.(id)]);
  if (handles)
    items.push(['Add error handler', () => editor.apply((b) => addErrorHandler(b, env.catalog, id))]);
  items.push(
    [
      'Rename',
      () => {
        editor.actions.openModule(id);
        requestAnimationFrame(() => document.getElementById(`m${id}-name`)?.focus());
      },
    ],
    [
      'Clone',
      () => {
        const clone = editor.apply((b) =>
          pasteModule(b, env.catalog, copyModule(b, id), { type: 'after', id }),
        );
        if (clone !== undefined) editor.setSelected(clone);
      },
    ],
    ['Delete', () => editor.remove(id)],
  );
  return (
    <div
      ref={menu}
      className="module-menu"
      role="menu"
      aria-label={`Module ${id} menu`}
      style={{ left: at.x, top: at.y }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
        e.preventDefault();
        const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
        const at = all.indexOf(document.activeElement as HTMLElement);
        all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
      }}
    >
      {items.map(([label, act]) => (
        <button
          key={label}
          type="button"
          role="menuitem"
          className={label === 'Delete' ? 'danger' : undefined}
          onClick={() => {
            close();
            act();
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
