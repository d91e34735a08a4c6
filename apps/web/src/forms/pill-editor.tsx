import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type MutableRefObject } from 'react';
import { useFormEnv } from './form-env';
import { caretOffset, isPill, pillsIn, placeCaret, renderPieces, serialize } from './pill-dom';
import { joinPieces, pieces, type Piece } from './pill-text';

// A field that shows its mappings as pills: an editable element in which each module
// reference is one coloured, non-editable pill. Backspace or its × removes a pill whole;
// text typed around pills stays text; a `{{1.email}}` typed or pasted becomes a pill.

export interface PillEditorProps {
  id: string;
  value: string;
  onChange(text: string): void;
  multiline?: boolean;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
  /** A caret offset to focus at after the next render (set by the owner, then cleared). */
  focusAt: MutableRefObject<number | null>;
  /** The last caret offset, kept for the picker's insert while focus is in the picker. */
  caret: MutableRefObject<number | null>;
  onFocus(): void;
  onBlur(): void;
}

export function PillEditor(props: PillEditorProps) {
  const { id, value, onChange, multiline, focusAt, caret } = props;
  const el = useRef<HTMLDivElement | null>(null);
  const shown = useRef<{ text: string; sources: unknown } | null>(null);
  const { sources } = useFormEnv();

  // Every render: the owner may have asked for the focus (focusAt) without changing the text.
  useLayoutEffect(() => {
    const node = el.current;
    if (!node) return;
    if (shown.current?.text !== value || shown.current.sources !== sources) {
      const focused = node.ownerDocument.activeElement === node;
      const at = focused ? caretOffset(node) : undefined;
      renderPieces(node, value, sources);
      shown.current = { text: value, sources };
      if (at !== undefined && focusAt.current === null) placeCaret(node, Math.min(at, value.length));
    }
    if (focusAt.current !== null) {
      node.focus();
      placeCaret(node, focusAt.current);
      caret.current = focusAt.current;
      focusAt.current = null;
    }
  });

  // A <label for> does not name a div: the label is tied by aria-labelledby instead.
  useEffect(() => {
    const node = el.current;
    const label = node?.ownerDocument.querySelector<HTMLLabelElement>(`label[for="${id}"]`);
    if (!node || !label) return;
    if (!label.id) label.id = `${id}-label`;
    node.setAttribute('aria-labelledby', label.id);
    // Nor does clicking the label focus it, as it would an input.
    const focus = () => {
      node.focus();
      placeCaret(node, serialize(node).length);
    };
    label.addEventListener('click', focus);
    return () => label.removeEventListener('click', focus);
  }, [id]);

  const commit = (node: HTMLElement, text: string, at: number) => {
    renderPieces(node, text, sources);
    shown.current = { text, sources };
    placeCaret(node, at);
    caret.current = at;
    onChange(text);
  };

  const onInput = () => {
    const node = el.current;
    if (!node) return;
    const text = serialize(node);
    const wanted = pieces(text).flatMap((p) => ('pill' in p ? [p.pill] : []));
    const at = caretOffset(node) ?? text.length;
    if (wanted.join('\u0000') !== pillsIn(node).join('\u0000')) return commit(node, text, at);
    shown.current = { text, sources };
    caret.current = at;
    onChange(text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const node = el.current;
    if (!node) return;
    const sel = node.ownerDocument.getSelection();
    const collapsed = !sel || sel.isCollapsed;
    const at = caretOffset(node);
    if (at === undefined) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (multiline && collapsed) commit(node, value.slice(0, at) + '\n' + value.slice(at), at + 1);
      return;
    }
    if ((e.key === 'Backspace' || e.key === 'Delete') && collapsed) {
      const hit = pillAt(pieces(value), at, e.key === 'Backspace' ? 'before' : 'after');
      if (!hit) return;
      e.preventDefault();
      commit(node, hit.text, hit.start);
    }
  };

  const removeClicked = (target: EventTarget) => {
    const node = el.current;
    const pill = (target as HTMLElement).closest?.('.pill');
    if (!node || !isPill(pill)) return;
    const index = Array.from(node.querySelectorAll('[data-raw]')).indexOf(pill);
    let seen = -1;
    const kept = pieces(value).filter((p) => !('pill' in p) || ++seen !== index);
    onChange(joinPieces(kept));
  };

  return (
    <div
      ref={el}
      id={id}
      role="textbox"
      tabIndex={0}
      contentEditable
      suppressContentEditableWarning
      spellCheck={false}
      className={`pill-editor mapped${multiline ? ' multiline' : ''}`}
      aria-multiline={multiline || undefined}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
      aria-placeholder={props.placeholder}
      data-empty={value === '' || undefined}
      onInput={onInput}
      onKeyDown={onKeyDown}
      onKeyUp={() => el.current && (caret.current = caretOffset(el.current) ?? caret.current)}
      onMouseUp={() => el.current && (caret.current = caretOffset(el.current) ?? caret.current)}
      onMouseDown={(e) => {
        // The × removes its pill without moving the caret or the focus.
        if ((e.target as HTMLElement).closest?.('.pill-remove')) e.preventDefault();
      }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest?.('.pill-remove')) removeClicked(e.target);
      }}
      onPaste={(e) => {
        e.preventDefault();
        const pasted = e.clipboardData.getData('text/plain');
        e.currentTarget.ownerDocument.execCommand(
          'insertText',
          false,
          multiline ? pasted : pasted.replace(/\s*\n\s*/g, ' '),
        );
      }}
      onFocus={props.onFocus}
      onBlur={() => {
        if (el.current) caret.current = caretOffset(el.current) ?? caret.current;
        props.onBlur();
      }}
    />
  );
}

/** The text without the pill just before (Backspace) or after (Delete) the offset. */
export function pillAt(
  list: readonly Piece[],
  at: number,
  side: 'before' | 'after',
): { text: string; start: number } | undefined {
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    const len = 'text' in p ? p.text.length : p.pill.length;
    if ('pill' in p && (side === 'before' ? pos + len === at : pos === at)) {
      return { text: joinPieces(list.filter((_, j) => j !== i)), start: pos };
    }
    pos += len;
  }
  return undefined;
}
