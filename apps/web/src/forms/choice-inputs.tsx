import { useState, type ReactNode } from 'react';
import type { SelectOption } from '@integrator/sdk';
import { DetermineStructure } from './determine-structure';
import { fieldId, useFormEnv } from './form-env';
import type { FormField } from './field-meta';

// Pickers: static options, connections of the accepted types, earlier modules, and server
// resources (data stores, webhooks…) handed in by the page.

export interface InputProps<F extends FormField = FormField> {
  field: F;
  path: string;
  value: unknown;
  onChange(value: unknown): void;
  describedBy?: string;
  invalid?: boolean;
}

type Choice = { value: string | number | boolean; label: string };

function ChoiceSelect({
  path,
  value,
  onChange,
  choices,
  required,
  describedBy,
  invalid,
  empty,
}: Omit<InputProps, 'field'> & { choices: readonly Choice[]; required?: boolean; empty: string }) {
  const env = useFormEnv();
  const current = choices.findIndex((c) => String(c.value) === String(value ?? ''));
  const unknown = value !== undefined && value !== null && value !== '' && current < 0;
  return (
    <select
      id={fieldId(env, path)}
      value={unknown ? 'unknown' : current < 0 ? '' : String(current)}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(e) => onChange(e.target.value === '' ? undefined : choices[Number(e.target.value)]?.value)}
    >
      {(!required || current < 0) && <option value="">{empty}</option>}
      {unknown && <option value="unknown">{String(value)} (not available)</option>}
      {choices.map((c, i) => (
        <option key={String(c.value)} value={String(i)}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

export function SelectInput(props: InputProps<Extract<FormField, { type: 'select' }>>) {
  const { field } = props;
  if (field.multiple) return <MultiSelect {...props} />;
  return <ChoiceSelect {...props} choices={field.options} required={field.required} empty="Choose…" />;
}

function MultiSelect({
  field,
  path,
  value,
  onChange,
  describedBy,
}: InputProps<Extract<FormField, { type: 'select' }>>) {
  const env = useFormEnv();
  const chosen = Array.isArray(value) ? value.map(String) : [];
  const toggle = (option: SelectOption, on: boolean) => {
    const next = field.options
      .filter((o) => (o === option ? on : chosen.includes(String(o.value))))
      .map((o) => o.value);
    onChange(next.length ? next : undefined);
  };
  return (
    <div
      className="choice-group"
      role="group"
      aria-labelledby={`${fieldId(env, path)}-label`}
      aria-describedby={describedBy}
    >
      {field.options.map((o, i) => (
        <label key={String(o.value)} className="check">
          <input
            type="checkbox"
            id={i === 0 ? fieldId(env, path) : undefined}
            checked={chosen.includes(String(o.value))}
            onChange={(e) => toggle(o, e.target.checked)}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export function ConnectionInput(props: InputProps<Extract<FormField, { type: 'connection' }>>) {
  const { connections, onAddConnection } = useFormEnv();
  const types = props.field.connectionTypes;
  const choices = connections
    .filter((c) => types.includes(c.type))
    .map((c) => ({
      value: c.id,
      label: [c.name, c.typeLabel, c.status === 'ok' ? 'verified' : ''].filter(Boolean).join(' · '),
    }));
  return (
    <div className="with-action">
      <ChoiceSelect
        {...props}
        choices={choices}
        required={props.field.required}
        empty={choices.length ? 'Choose a connection…' : 'No connection yet'}
      />
      {onAddConnection && (
        <button type="button" onClick={() => onAddConnection(types, (id) => props.onChange(id))}>
          Add connection
        </button>
      )}
    </div>
  );
}

export function ModuleRefInput(props: InputProps) {
  const { sources } = useFormEnv();
  const choices = sources.map((s) => ({ value: s.id, label: `${s.id}. ${s.label}` }));
  return (
    <ChoiceSelect {...props} choices={choices} required={props.field.required} empty="Choose a module…" />
  );
}

export function ResourceInput(props: InputProps<Extract<FormField, { type: 'resource' }>>) {
  const env = useFormEnv();
  const options = env.resources[props.field.resource];
  if (!options) {
    // No list from the page: the id can still be typed.
    return (
      <input
        id={fieldId(env, props.path)}
        value={props.value === undefined || props.value === null ? '' : String(props.value)}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(idValue(e.target.value))}
      />
    );
  }
  const chosen = options.find((o) => String(o.value) === String(props.value ?? ''));
  const select = (
    <ChoiceSelect {...props} choices={options} required={props.field.required} empty="Choose…" />
  );
  if (!env.onCreateResource && !chosen?.url) return select;
  return (
    <div>
      {env.onCreateResource ? <AddInPlace {...props} select={select} /> : select}
      {chosen?.url && <CopyableUrl url={chosen.url} />}
      {chosen?.url?.startsWith('http') && props.field.resource === 'webhook' && (
        <DetermineStructure hookId={chosen.value} />
      )}
    </div>
  );
}

function idValue(text: string): string | number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /^\d+$/.test(t) ? Number(t) : t;
}

// Make's "Add" next to a resource picker: a name, Save, and the new resource is chosen.
function AddInPlace(props: InputProps<Extract<FormField, { type: 'resource' }>> & { select: ReactNode }) {
  const env = useFormEnv();
  const [name, setName] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const id = `${fieldId(env, props.path)}-new`;
  const create = async () => {
    if (!name?.trim()) return setProblem('is required');
    try {
      const made = await env.onCreateResource!(props.field.resource, name.trim());
      props.onChange(made.value);
      setName(null);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };
  if (name === null)
    return (
      <div className="with-action">
        {props.select}
        <button type="button" onClick={() => setName('')}>
          Add
        </button>
      </div>
    );
  return (
    <div className="add-in-place">
      <label htmlFor={id}>New {props.field.label ?? props.field.name} name</label>
      <div className="with-action">
        <input
          id={id}
          value={name}
          autoFocus
          aria-invalid={Boolean(problem) || undefined}
          onChange={(e) => {
            setName(e.target.value);
            setProblem(undefined);
          }}
        />
        <button type="button" className="primary" onClick={() => void create()}>
          Save
        </button>
        <button type="button" onClick={() => setName(null)}>
          Cancel
        </button>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function CopyableUrl({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <p className="resource-url">
      <code>{url}</code>{' '}
      <button
        type="button"
        aria-label="Copy address"
        onClick={() =>
          void navigator.clipboard?.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </p>
  );
}
