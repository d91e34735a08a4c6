import { useMemo, useRef, useState } from 'react';
import { hasMapping, templateProblem } from './expression-check';
import { useFormEnv } from './form-env';
import { MappingPicker } from './mapping-picker';

// A text input that may hold {{ mappings }}: a button opens the mapping picker, and the
// expressions are parsed as the user types, the parse error shown under the input.

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
}: Props) {
  const input = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const { mapping } = useFormEnv();
  const [picking, setPicking] = useState(false);
  const text = inputText(value);
  const problem = useMemo(
    () => (hasMapping(text) ? templateProblem(text) : text ? literalProblem?.(text) : undefined),
    [text, literalProblem],
  );
  const problemId = `${id}-problem`;
  const describe = [describedBy, problem ? problemId : undefined].filter(Boolean).join(' ') || undefined;

  const insert = (snippet: string) => {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? start;
    const piece = insideMapping(text, start) ? snippet : `{{${snippet}}}`;
    onChange(text.slice(0, start) + piece + text.slice(end));
    setPicking(false);
    el?.focus();
  };

  const common = {
    id,
    value: text,
    placeholder,
    'aria-describedby': describe,
    'aria-invalid': invalid || Boolean(problem) || undefined,
    className: hasMapping(text) ? 'mapped' : undefined,
  };
  return (
    <div className="mapped-input">
      <div className="mapped-input-row">
        {multiline ? (
          <textarea
            {...common}
            ref={(el) => void (input.current = el)}
            rows={3}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            {...common}
            ref={(el) => void (input.current = el)}
            type={secret && !hasMapping(text) ? 'password' : 'text'}
            autoComplete={secret ? 'off' : undefined}
            onChange={(e) => onChange(e.target.value)}
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
      {picking && <MappingPicker onPick={insert} onClose={() => setPicking(false)} />}
      {problem && (
        <p className="field-problem" id={problemId} role="status">
          {problem}
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
