import { fieldDefaults, rowFields, scalarItem, type FormField } from './field-meta';
import type { InputProps } from './choice-inputs';
import { FieldInput, asRecord } from './field-input';
import { FieldList } from './field-list';
import { fieldId, joinPath, useFormEnv } from './form-env';

// An array of items: each row holds the item's sub-fields (or one field for plain items),
// with buttons to add and remove rows. A whole mapped array ({{1.items}}) is kept as text.

export function ArrayInput({
  field,
  path,
  value,
  onChange,
  describedBy,
}: InputProps<Extract<FormField, { type: 'array' }>>) {
  const env = useFormEnv();
  const rows = Array.isArray(value) ? value : [];
  const sub = rowFields(field);
  const single = scalarItem(field);
  const label = field.label ?? field.name;

  if (typeof value === 'string') {
    return (
      <div className="array-input" id={fieldId(env, path)}>
        <code>{value}</code>
        <button type="button" onClick={() => onChange(undefined)}>
          Clear mapping
        </button>
      </div>
    );
  }
  const update = (next: unknown[]) => onChange(next.length ? next : undefined);
  const setRow = (i: number, v: unknown) => update(rows.map((r, j) => (j === i ? v : r)));
  const addRow = () => update([...rows, sub ? fieldDefaults(sub) : single?.default]);
  return (
    <div
      className="array-input"
      role="group"
      aria-labelledby={`${fieldId(env, path)}-label`}
      aria-describedby={describedBy}
    >
      {rows.map((row, i) => {
        const rowPath = joinPath(path, i);
        return (
          <div className="array-row" key={i}>
            <div className="array-row-body">
              {sub ? (
                <FieldList fields={sub} path={rowPath} value={asRecord(row)} onChange={(v) => setRow(i, v)} />
              ) : single ? (
                <>
                  <label className="visually-hidden" htmlFor={fieldId(env, rowPath)}>
                    {`${label} ${i + 1}`}
                  </label>
                  <FieldInput field={single} path={rowPath} value={row} onChange={(v) => setRow(i, v)} />
                </>
              ) : null}
            </div>
            <button
              type="button"
              className="remove-row"
              aria-label={`Remove ${label} ${i + 1}`}
              onClick={() => update(rows.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        id={rows.length === 0 ? fieldId(env, path) : undefined}
        className="add-row"
        onClick={addRow}
      >
        Add {field.label ? field.label.toLowerCase() : 'item'}
      </button>
    </div>
  );
}
