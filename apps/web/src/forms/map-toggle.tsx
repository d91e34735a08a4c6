import { useState, type ReactNode } from 'react';
import { hasMapping } from './expression-check';
import type { InputProps } from './choice-inputs';
import { fieldId, useFormEnv } from './form-env';
import { MappedInput } from './mapped-input';

// Make's "Map" switch on a fixed-choice field (select, checkbox, module or resource picker):
// switched on, the field takes a {{ mapping }} evaluated per bundle, checked against the choices
// at run time. Only in a module's fields (its mapper): settings are static, as in Make.

export function MapToggle({ props, children }: { props: InputProps; children: ReactNode }) {
  const env = useFormEnv();
  const { field, path, value, onChange, describedBy, invalid } = props;
  const [mapped, setMapped] = useState(() => hasMapping(typeof value === 'string' ? value : ''));
  if (!env.mapChoices || env.mapping === false) return <>{children}</>;
  const id = fieldId(env, path);
  const toggle = () => {
    // Back to the fixed choices, a mapping has no place: the field is emptied, never left invalid.
    if (mapped && typeof value === 'string' && hasMapping(value)) onChange(undefined);
    setMapped(!mapped);
  };
  return (
    <div className="map-toggle">
      {mapped ? (
        <MappedInput
          id={id}
          value={value}
          describedBy={describedBy}
          invalid={invalid}
          label={field.label ?? field.name}
          placeholder={field.placeholder ?? '{{1.value}}'}
          onChange={(t) => onChange(t === '' ? undefined : t)}
        />
      ) : (
        children
      )}
      <button
        type="button"
        className="map-switch"
        aria-pressed={mapped}
        aria-label={`Map ${field.label ?? field.name}`}
        title={mapped ? 'Choose from the list instead' : 'Map a value per bundle'}
        onClick={toggle}
      >
        Map
      </button>
    </div>
  );
}
