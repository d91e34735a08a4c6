import type { FormField } from './field-meta';
import { FieldInput } from './field-input';
import { fieldId, joinPath, useFormEnv } from './form-env';

// A list of fields over one object value: each field with its label, help and error; fields
// marked advanced sit behind a disclosure.

interface Props {
  fields: readonly FormField[];
  path: string;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
}

export function FieldList({ fields, path, value, onChange }: Props) {
  const set = (name: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined) delete next[name];
    else next[name] = v;
    onChange(next);
  };
  const basic = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  const row = (f: FormField) => (
    <FieldRow
      key={f.name}
      field={f}
      path={joinPath(path, f.name)}
      value={value[f.name]}
      onChange={(v) => set(f.name, v)}
    />
  );
  return (
    <div className="field-list">
      {basic.map(row)}
      {advanced.length > 0 && (
        <details className="advanced">
          <summary>Advanced settings</summary>
          {advanced.map(row)}
        </details>
      )}
    </div>
  );
}

interface RowProps {
  field: FormField;
  path: string;
  value: unknown;
  onChange(value: unknown): void;
}

export function FieldRow({ field, path, value, onChange }: RowProps) {
  const env = useFormEnv();
  const id = fieldId(env, path);
  // "is required" from the last save or run no longer holds once the field has a value.
  const reported = env.errors.get(path);
  const error = reported === 'is required' && !isBlank(value) ? undefined : reported;
  const described =
    [field.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const label = (
    <label htmlFor={id} id={`${id}-label`}>
      {field.label ?? field.name}
      {field.required && (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </label>
  );
  const grouped = field.type === 'collection' || (field.type === 'array' && field.items !== undefined);
  return (
    <div className={`field field-${field.type}${error ? ' has-error' : ''}`} data-path={path}>
      {field.type === 'boolean' ? (
        <div className="check">
          <FieldInput
            field={field}
            path={path}
            value={value}
            onChange={onChange}
            describedBy={described}
            invalid={Boolean(error)}
          />
          {label}
        </div>
      ) : (
        <>
          {grouped ? (
            <span className="group-label" id={`${id}-label`}>
              {field.label ?? field.name}
              {field.required && (
                <span className="required" aria-hidden="true">
                  {' '}
                  *
                </span>
              )}
            </span>
          ) : (
            label
          )}
          <FieldInput
            field={field}
            path={path}
            value={value}
            onChange={onChange}
            describedBy={described}
            invalid={Boolean(error)}
          />
        </>
      )}
      {field.help && (
        <p className="help" id={`${id}-help`}>
          {field.help}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);
}
