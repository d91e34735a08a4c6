import { ArrayInput } from './array-input';
import {
  ConnectionInput,
  ModuleRefInput,
  ResourceInput,
  SelectInput,
  type InputProps,
} from './choice-inputs';
import { FieldList } from './field-list';
import { fieldId, useFormEnv } from './form-env';
import { MapToggle } from './map-toggle';
import { MappedInput } from './mapped-input';

// One input per field type; any field that takes text can also hold a {{ mapping }}.

export function FieldInput(props: InputProps) {
  const { field, path, value, onChange, describedBy, invalid } = props;
  const env = useFormEnv();
  const id = fieldId(env, path);
  const mapped = {
    id,
    value,
    describedBy,
    invalid,
    placeholder: field.placeholder,
    label: field.label ?? field.name,
  };
  switch (field.type) {
    case 'text':
      return (
        <MappedInput
          {...mapped}
          multiline={field.multiline}
          secret={field.secret}
          onChange={(t) => onChange(t === '' ? undefined : t)}
          literalProblem={textProblem(field)}
        />
      );
    case 'number':
      return (
        <MappedInput {...mapped} onChange={(t) => onChange(numberValue(t))} literalProblem={numberProblem} />
      );
    case 'date':
      return (
        <MappedInput
          {...mapped}
          placeholder={field.placeholder ?? 'YYYY-MM-DD or {{…}}'}
          onChange={(t) => onChange(t === '' ? undefined : t)}
          literalProblem={dateProblem}
        />
      );
    case 'json':
      return (
        <MappedInput
          {...mapped}
          multiline
          onChange={(t) => onChange(t === '' ? undefined : t)}
          literalProblem={jsonProblem}
        />
      );
    case 'any':
      return <MappedInput {...mapped} onChange={(t) => onChange(t === '' ? undefined : t)} />;
    case 'boolean':
      return (
        <MapToggle props={props}>
          <input
            type="checkbox"
            id={id}
            checked={value === true || value === 'true'}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => onChange(e.target.checked)}
          />
        </MapToggle>
      );
    case 'select':
      return (
        <MapToggle props={props}>
          <SelectInput {...props} field={field} />
        </MapToggle>
      );
    case 'connection':
      return <ConnectionInput {...props} field={field} />;
    case 'resource':
      return (
        <MapToggle props={props}>
          <ResourceInput {...props} field={field} />
        </MapToggle>
      );
    case 'module':
      return (
        <MapToggle props={props}>
          <ModuleRefInput {...props} />
        </MapToggle>
      );
    case 'array':
      if (field.items === undefined)
        return (
          <MappedInput
            {...mapped}
            placeholder={field.placeholder ?? '{{1.items}}'}
            onChange={(t) => onChange(t === '' ? undefined : t)}
          />
        );
      return <ArrayInput {...props} field={field} />;
    case 'collection':
      return (
        <FieldList
          fields={field.fields ?? []}
          path={path}
          value={asRecord(value)}
          onChange={(v) => onChange(Object.keys(v).length ? v : undefined)}
        />
      );
  }
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function numberValue(text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
}

function numberProblem(text: string): string | undefined {
  return Number.isFinite(Number(text.trim())) ? undefined : 'must be a number or a {{ mapping }}';
}

function dateProblem(text: string): string | undefined {
  const t = text.trim();
  return /^-?\d+$/.test(t) || !Number.isNaN(Date.parse(t))
    ? undefined
    : 'must be a date such as 2024-05-01 or 2024-05-01T09:00:00Z';
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return `is not valid JSON: ${err instanceof Error ? err.message : String(err)}`;
  }
}

const textProblems = new WeakMap<object, (text: string) => string | undefined>();

// One checker per field, so the input's memo sees a stable function.
function textProblem(
  field: Extract<InputProps['field'], { type: 'text' }>,
): ((text: string) => string | undefined) | undefined {
  if (field.pattern === undefined && field.minLength === undefined && field.maxLength === undefined)
    return undefined;
  let check = textProblems.get(field);
  if (!check) {
    check = (text) => {
      if (field.minLength !== undefined && text.length < field.minLength)
        return `must be at least ${field.minLength} characters`;
      if (field.maxLength !== undefined && text.length > field.maxLength)
        return `must be at most ${field.maxLength} characters`;
      if (field.pattern && !safeTest(field.pattern, text)) return `must match ${field.pattern}`;
      return undefined;
    };
    textProblems.set(field, check);
  }
  return check;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return true;
  }
}
