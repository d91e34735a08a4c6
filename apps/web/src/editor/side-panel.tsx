import { useEffect, useRef } from 'react';
import { addModule, type Anchor } from '../canvas/insert';
import { findPlace } from '../canvas/tree';
import type { Blueprint } from '@integrator/engine/blueprint';
import type { EditorEnv } from './editor-env';
import { LinkPanel } from './link-panel';
import { ModuleCatalog } from './module-catalog';
import { ModulePanel } from './module-panel';
import { RunPanel } from './run-panel';
import type { EditorState } from './use-editor';

// The panel beside the canvas: module settings, a link's filter, a run's bundles, or the
// catalog to add a module from.

export function SidePanel({ editor, env }: { editor: EditorState; env: EditorEnv }) {
  const { panel, setPanel } = editor;
  const focusRef = useFocusOnOpen(panelKey(panel));
  if (!panel) return null;
  const close = () => setPanel(null);
  if (panel.kind === 'catalog') {
    const pick = (key: string) => {
      const id = editor.apply((b) => addModule(b, env.catalog, key, panel.anchor));
      if (id !== undefined) editor.actions.openModule(id);
    };
    return (
      <aside className="side-panel">
        <ModuleCatalog
          catalog={env.catalog}
          inErrorRoute={inErrorRoute(editor.blueprint, panel.anchor)}
          atStart={panel.anchor.type === 'start'}
          onPick={pick}
          onClose={close}
        />
      </aside>
    );
  }
  const title =
    panel.kind === 'module'
      ? `Module ${panel.id}`
      : panel.kind === 'run'
        ? `Module ${panel.id}: ${env.runName ?? 'last run'}`
        : panel.link.kind === 'branch' || panel.link.kind === 'merge'
          ? `Branch ${panel.link.branchLabel ?? ''} of If-else ${panel.link.ifElseId}`
          : panel.link.targetId !== undefined
            ? `Link into module ${panel.link.targetId}`
            : 'Route';
  return (
    <section className="side-panel" role="dialog" aria-label={title} tabIndex={-1} ref={focusRef}>
      <header className="panel-head">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      {panel.kind === 'module' && <ModulePanel id={panel.id} editor={editor} env={env} />}
      {panel.kind === 'link' && <LinkPanel link={panel.link} editor={editor} env={env} />}
      {panel.kind === 'run' && <RunPanel id={panel.id} run={env.lastRun} />}
    </section>
  );
}

function panelKey(panel: EditorState['panel']): string | null {
  if (!panel) return null;
  return panel.kind === 'module' || panel.kind === 'run' ? `${panel.kind}:${panel.id}` : panel.kind;
}

/**
 * Keyboard users land in the panel they opened (its dialog, announced with its title; Tab goes on
 * to its fields), and back on what opened it (the module's bubble) when it closes.
 */
function useFocusOnOpen(key: string | null) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!key || !ref.current) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // No scrolling: the editor is laid out to fit, and a scrolled container would shift the canvas.
    ref.current.focus({ preventScroll: true });
    return () => {
      if (before?.isConnected && !ref.current?.isConnected) before.focus({ preventScroll: true });
    };
  }, [key]);
  return ref;
}

function inErrorRoute(blueprint: Blueprint, anchor: Anchor): boolean {
  if (anchor.type === 'errorHandler') return true;
  if (anchor.type !== 'after') return false;
  return findPlace(blueprint, anchor.id)?.ref.kind === 'onerror';
}
