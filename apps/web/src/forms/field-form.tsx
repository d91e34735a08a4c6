import { useId, useMemo } from 'react';
import type { FieldMetadata, ResourceKind } from '@integrator/sdk';
import '../styles/forms.css';
import { formFields, type FormField } from './field-meta';
import { FieldList } from './field-list';
import {
  FormEnvContext,
  type ConnectionOption,
  type FieldIssue,
  type FormEnv,
  type ResourceOption,
} from './form-env';
import type { MappingSource } from './mapping-sources';

// The generic form: renders any list of field metadata, no hand-written form per module.
// Value in, onChange out; errors shown next to the field they name.

export interface FieldFormProps {
  fields: readonly FieldMetadata[] | readonly FormField[];
  value: Record<string, unknown> | null | undefined;
  onChange(value: Record<string, unknown>): void;
  /** Errors by path relative to the value, e.g. { path: "phones[0].number", message }. */
  errors?: readonly FieldIssue[];
  /** Earlier modules, for the mapping picker and module fields. */
  sources?: readonly MappingSource[];
  connections?: readonly ConnectionOption[];
  resources?: Partial<Record<ResourceKind, readonly ResourceOption[]>>;
  onAddConnection?: (connectionTypes: string[], select?: (id: string | number) => void) => void;
  onCreateResource?: (kind: ResourceKind, name: string) => Promise<ResourceOption>;
  onDetermineStructure?: FormEnv['onDetermineStructure'];
  /** Label for the group, read by screen readers. */
  label?: string;
  /** False outside a scenario (connection forms): values are literal, no {{ }} picker. */
  mapping?: boolean;
  /** A module's fields (its mapper): fixed-choice fields get the "Map" switch; settings never do. */
  mapChoices?: boolean;
}

const NONE: readonly never[] = [];

export function FieldForm({
  fields,
  value,
  onChange,
  errors,
  sources,
  connections,
  resources,
  onAddConnection,
  onCreateResource,
  onDetermineStructure,
  label,
  mapping,
  mapChoices,
}: FieldFormProps) {
  const idPrefix = `f${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const env = useMemo<FormEnv>(
    () => ({
      sources: sources ?? NONE,
      connections: connections ?? NONE,
      resources: resources ?? {},
      onAddConnection,
      onCreateResource,
      onDetermineStructure,
      errors: new Map((errors ?? []).map((e) => [e.path, e.message])),
      idPrefix,
      mapping,
      mapChoices,
    }),
    [
      sources,
      connections,
      resources,
      onAddConnection,
      onCreateResource,
      onDetermineStructure,
      errors,
      idPrefix,
      mapping,
      mapChoices,
    ],
  );
  return (
    <FormEnvContext.Provider value={env}>
      <div className="field-form" role="group" aria-label={label}>
        <FieldList
          fields={formFields(fields as readonly FieldMetadata[])}
          path=""
          value={value ?? {}}
          onChange={onChange}
        />
      </div>
    </FormEnvContext.Provider>
  );
}
