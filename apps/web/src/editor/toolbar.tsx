import type { EditorState } from './use-editor';

// The editor's commands as buttons, with their shortcuts in the tooltip.

interface Props {
  editor: EditorState;
  onAutoAlign(): void;
  onFit(): void;
  showMap: boolean;
  onToggleMap(): void;
}

export function Toolbar({ editor, onAutoAlign, onFit, showMap, onToggleMap }: Props) {
  const { selected, canUndo, canRedo } = editor;
  return (
    <div className="toolbar" role="toolbar" aria-label="Scenario editor">
      <button type="button" onClick={() => editor.actions.openCatalog(editor.defaultAnchor())}>
        Add module
      </button>
      <button type="button" onClick={editor.undo} disabled={!canUndo} title="Ctrl+Z">
        Undo
      </button>
      <button type="button" onClick={editor.redo} disabled={!canRedo} title="Ctrl+Shift+Z">
        Redo
      </button>
      <button
        type="button"
        onClick={() => selected !== null && editor.copy(selected)}
        disabled={selected === null}
        title="Ctrl+C"
      >
        Copy
      </button>
      <button type="button" onClick={() => editor.paste(editor.defaultAnchor())} title="Ctrl+V">
        Paste
      </button>
      <button
        type="button"
        onClick={() => selected !== null && editor.remove(selected)}
        disabled={selected === null}
        title="Delete"
      >
        Delete
      </button>
      <button type="button" onClick={onAutoAlign}>
        Auto-align
      </button>
      <button type="button" onClick={onFit}>
        Zoom to fit
      </button>
      <button type="button" aria-pressed={showMap} onClick={onToggleMap}>
        Overview map
      </button>
    </div>
  );
}
