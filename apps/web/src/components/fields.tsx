import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

// Labelled inputs for the admin pages: label, input, help and the server's message for the
// field right under it (aria-invalid and aria-describedby wired up for screen readers).

interface Common {
  label: string;
  error?: string;
  help?: ReactNode;
  required?: boolean;
}

function useIds(error?: string, help?: ReactNode) {
  const id = `i${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const described =
    [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, described };
}

function Messages({ id, error, help }: { id: string; error?: string; help?: ReactNode }) {
  return (
    <>
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={id}>
      {label}
      {required && (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </label>
  );
}

type TextProps = Common &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
    value: string | number | undefined;
    onChange(value: string): void;
  };

export function TextField({ label, error, help, required, value, onChange, ...input }: TextProps) {
  const { id, described } = useIds(error, help);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <input
        {...input}
        id={id}
        value={value ?? ''}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      />
      <Messages id={id} error={error} help={help} />
    </div>
  );
}

export function TextAreaField({
  label,
  error,
  help,
  required,
  value,
  onChange,
  rows = 5,
}: Common & { value: string; onChange(value: string): void; rows?: number }) {
  const { id, described } = useIds(error, help);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <textarea
        id={id}
        value={value}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      />
      <Messages id={id} error={error} help={help} />
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField({
  label,
  error,
  help,
  required,
  value,
  onChange,
  choices,
  empty,
}: Common & { value: string; onChange(value: string): void; choices: readonly Choice[]; empty?: string }) {
  const { id, described } = useIds(error, help);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <Messages id={id} error={error} help={help} />
    </div>
  );
}

export function CheckField({
  label,
  error,
  help,
  checked,
  onChange,
}: Omit<Common, 'required'> & { checked: boolean; onChange(checked: boolean): void }) {
  const { id, described } = useIds(error, help);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <div className="check">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <Messages id={id} error={error} help={help} />
    </div>
  );
}
