import { useEffect, useMemo, useState } from 'react';
import type { ConnectionTypeMetadata } from '@integrator/sdk';
import type { ApiClient } from '../../api/client';
import type { Connection } from '../../api/types';
import { Drawer } from '../../components/drawer';
import { errorMap, summaryText } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { FieldForm, fieldDefaults, formFields } from '../../forms';
import { connectionFormFields, credentialsToSend, initialValues } from './connection-fields';

// Creates or edits a connection: a name, a type (GET /api/connection-types) and the type's
// fields through the generic form. Secrets are never shown back: stored ones read "set".

interface Props {
  api: ApiClient;
  /** Offer only these types (the module asking for a connection). */
  types?: readonly string[];
  /** Edit this connection (reauthorise: new secrets replace the stored ones). */
  connection?: Connection;
  onSaved(connection: Connection): void;
  onClose(): void;
}

export function ConnectionDrawer({ api, types, connection: editing, onSaved, onClose }: Props) {
  // Once saved with a failed check, the drawer stays open on that connection (edits update it).
  const [stored, setStored] = useState<Connection | undefined>(undefined);
  const connection = stored ?? editing;
  const [warning, setWarning] = useState<string | null>(null);
  const [all, setAll] = useState<ConnectionTypeMetadata[] | null>(null);
  const [typeKey, setTypeKey] = useState(connection?.type ?? types?.[0] ?? '');
  const [name, setName] = useState(connection?.name ?? '');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.connectionTypes.list().then(setAll, setError);
  }, [api]);
  const offered = useMemo(
    () => (all ?? []).filter((t) => !types?.length || types.includes(t.key)),
    [all, types],
  );
  const type = offered.find((t) => t.key === typeKey) ?? (connection ? undefined : offered[0]);
  // An edit starts from the stored non-secret values, a new connection from the type's
  // defaults: set while rendering, so the form never shows (or sends) a state without them.
  const [startedFor, setStartedFor] = useState<string | null>(null);
  if (type && startedFor !== type.key) {
    setStartedFor(type.key);
    setValues(connection ? initialValues(type, connection.values) : fieldDefaults(formFields(type.fields)));
  }

  const fields = useMemo(
    () => (type ? connectionFormFields(type, connection?.secretsSet ?? []) : []),
    [type, connection],
  );
  const credentialErrors = useMemo(
    () => [...errorMap(error, 'credentials')].map(([path, message]) => ({ path, message })),
    [error],
  );
  const top = errorMap(error);

  const save = async () => {
    if (!type) return;
    setBusy(true);
    setError(null);
    setWarning(null);
    try {
      const credentials = credentialsToSend(type, values);
      const saved = connection
        ? await api.connections.update(connection.id, { name: name.trim(), credentials })
        : await api.connections.create({ name: name.trim(), type: type.key, credentials });
      onSaved(saved);
      if (saved.status !== 'failed' && saved.status !== 'reauthorize') return onClose();
      setStored(saved);
      // What was typed is stored now: secret fields read "set" again, and the page holds no secret.
      setValues(initialValues(type, saved.values));
      setWarning(
        `Saved, but the credentials could not be verified: ${saved.statusMessage || 'the check failed'}. The connection can be used; correct the details, or close and try again later.`,
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const shown = new Set(['name', 'type', ...credentialErrors.map((e) => `credentials.${e.path}`)]);

  return (
    <Drawer title={connection ? `Edit connection ${connection.name}` : 'New connection'} onClose={onClose}>
      <TextField label="Connection name" value={name} onChange={setName} error={top.get('name')} required />
      {connection ? (
        <p className="muted">Type: {connection.typeLabel ?? type?.label ?? connection.type}</p>
      ) : (
        <SelectField
          label="Type"
          value={type?.key ?? ''}
          onChange={setTypeKey}
          choices={offered.map((t) => ({ value: t.key, label: t.label }))}
          error={top.get('type')}
        />
      )}
      {type?.description && <p className="muted">{type.description}</p>}
      {type && (
        <FieldForm
          label="Credentials"
          fields={fields}
          value={values}
          onChange={setValues}
          errors={credentialErrors}
          mapping={false}
        />
      )}
      {error !== null && !(top.size && [...top.keys()].every((k) => shown.has(k))) && (
        <p className="note error" role="alert">
          {summaryText(error, shown)}
        </p>
      )}
      {warning && (
        <p className="note warning" role="alert">
          {warning}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={save} disabled={busy || !type}>
          {connection ? 'Save connection' : 'Create connection'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Drawer>
  );
}
