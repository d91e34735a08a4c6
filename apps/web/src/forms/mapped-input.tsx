import { useMemo, useRef, useState } from 'react';
import { hasMapping, templateProblem } from './expression-check';
import { useFormEnv } from './form-env';
import { useMakeFormulas } from './make-formula';
import { MappingPicker } from './mapping-picker';
import { PillEditor } from './pill-editor';
import { hasPills } from './pill-text';

// A text input that may hold {{ mappings }}: a button opens the mapping picker, and the
// expressions are parsed as the user types, the parse error shown under the input. A value
// with mappings is edited in the pill editor (each reference one pill); a plain value in a
// plain input. Make formulas typed in are translated when the field is left.

interface Props {
  id: string;
  value: unknown;
  onChange(text: string): void;
  multiline?: boolean;
  secret?: boolean;
  placeholder?: string;
  /** Extra check of a literal value (a number, JSON); mapped values are checked as expressions. */
  literalProblem?: (text: string) => string | undefined;
  describedBy?: string;
  invalid?: boolean;
  /** The field's name in warnings; by default the text of its <label>. */
  label?: string;
}

export function MappedInput({
  id,
  value,
  onChange,
  multiline,
  secret,
  placeholder,
  literalProblem,
  describedBy,
  invalid,
  label,
}: Props) {
  const input = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const { mapping } = useFormEnv();
  const [picking, setPicking] = useState(false);
  // The pill editor stays while it has the focus, even once its last pill is removed.
  const [pillFocus, setPillFocus] = useState(false);
  const focusAt = useRef<number | null>(null);
  const caret = useRef<number | null>(null);
  const formulas = useMakeFormulas();
  const text = inputText(value);
  const pills = mapping !== false && !secret && (pillFocus || hasPills(text));
  const problem = useMemo(
    () => (hasMapping(text) ? templateProblem(text) : text ? literalProblem?.(text) : undefined),
    [text, literalProblem],
  );
  const problemId = `${id}-problem`;
  const warningId = `${id}-warning`;
  const describe =
    [describedBy, problem ? problemId : undefined, formulas.warning ? warningId : undefined]
      .filter(Boolean)
      .join(' ') || undefined;

  const change = (next: string, at?: number) => {
    // Typing a mapping into the plain input moves the editing into the pill editor, caret kept.
    if (!pills && at !== undefined && hasPills(next) && document.activeElement === input.current)
      focusAt.current = at;
    onChange(next);
  };

  const leave = () => {
    const name = label ?? labelText(id) ?? 'This field';
    const translated = formulas.leave(text, name);
    if (translated !== undefined) onChange(translated);
  };

  const insert = (snippet: string, cursor = snippet.length) => {
    const el = input.current;
    const start = pills ? (caret.current ?? text.length) : (el?.selectionStart ?? text.length);
    const end = pills ? start : (el?.selectionEnd ?? start);
    const inside = insideMapping(text, start);
    const piece = inside ? snippet : `{{${snippet}}}`;
    // The caret goes to the function's first argument, or after what was inserted.
    const at = start + (inside ? cursor : cursor === snippet.length ? piece.length : 2 + cursor);
    setPicking(false);
    const next = text.slice(0, start) + piece + text.slice(end);
    if (pills || hasPills(next)) focusAt.current = at;
    onChange(next);
    if (!pills && !hasPills(next))
      requestAnimationFrame(() => {
        el?.focus();
        el?.setSelectionRange(at, at);
      });
  };

  const close = () => {
    setPicking(false);
    if (pills) focusAt.current = caret.current ?? text.length;
    else input.current?.focus();
  };

  const common = {
    id,
    value: text,
    placeholder,
    'aria-describedby': describe,
    'aria-invalid': invalid || Boolean(problem) || undefined,
    className: hasMapping(text) ? 'mapped' : undefined,
    onBlur: leave,
  };
  return (
    <div className="mapped-input">
      <div className="mapped-input-row">
        {pills ? (
          <PillEditor
            id={id}
            value={text}
            onChange={(t) => onChange(t)}
            multiline={multiline}
            placeholder={placeholder}
            describedBy={describe}
            invalid={invalid || Boolean(problem)}
            focusAt={focusAt}
            caret={caret}
            onFocus={() => setPillFocus(true)}
            onBlur={() => {
              setPillFocus(false);
              leave();
            }}
          />
        ) : multiline ? (
          <textarea
            {...common}
            ref={(el) => void (input.current = el)}
            rows={3}
            onChange={(e) => change(e.target.value, e.target.selectionEnd)}
          />
        ) : (
          <input
            {...common}
            ref={(el) => void (input.current = el)}
            type={secret && !hasMapping(text) ? 'password' : 'text'}
            autoComplete={secret ? 'off' : undefined}
            onChange={(e) => change(e.target.value, e.target.selectionEnd ?? undefined)}
          />
        )}
        {mapping !== false && (
          <button
            type="button"
            className="map-button"
            aria-label="Insert a mapping"
            aria-expanded={picking}
            onClick={() => setPicking(!picking)}
          >
            {'{ }'}
          </button>
        )}
      </div>
      {picking && <MappingPicker onPick={insert} onClose={close} />}
      {problem && (
        <p className="field-problem" id={problemId} role="status">
          {problem}
        </p>
      )}
      {formulas.warning && (
        <p className="field-warning" id={warningId} role="status">
          {formulas.warning}
        </p>
      )}
    </div>
  );
}

export function inputText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

// Inside an open {{ the bare reference goes in; elsewhere it gets its own braces.
function insideMapping(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before.lastIndexOf('{{') > before.lastIndexOf('}}');
}

function labelText(id: string): string | undefined {
  const text = document
    .querySelector(`label[for="${id}"]`)
    ?.textContent?.replace(/\s*\*\s*$/, '')
    .trim();
  return text || undefined;
}
