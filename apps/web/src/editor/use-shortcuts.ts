import { useCallback, type KeyboardEvent } from 'react';
import type { EditorState } from './use-editor';

// Canvas shortcuts: Delete, Ctrl+C / Ctrl+V, Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y). They act on
// the canvas only: keys in the side panel (typing, copying text from a bundle) keep their
// usual meaning; Escape closes the panel from anywhere.

export function useShortcuts(editor: EditorState) {
  const { selected, remove, copy, paste, undo, redo, defaultAnchor, setPanel } = editor;
  return useCallback(
    (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      if (e.key === 'Escape') {
        setPanel(null);
        return;
      }
      if (e.target !== e.currentTarget && !(e.target instanceof Element && e.target.closest('.canvas')))
        return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if ((key === 'delete' || key === 'backspace') && selected !== null) remove(selected);
      else if (mod && key === 'c' && selected !== null) copy(selected);
      else if (mod && key === 'v') paste(defaultAnchor());
      else if (mod && key === 'z' && !e.shiftKey) undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) redo();
      else handled = false;
      if (handled) e.preventDefault();
    },
    [selected, remove, copy, paste, undo, redo, defaultAnchor, setPanel],
  );
}

function isTyping(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
