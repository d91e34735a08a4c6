import { useState } from 'react';
import type { DataFieldType, DataStore, DataStructureField } from '../../api/admin-types';
import { Drawer } from '../../components/drawer';
import { errorMap, summaryText } from '../../components/errors';
import { CheckField, TextField } from '../../components/fields';
import { useAction } from '../../components/use-action';
import { useSession } from '../../shell/session';

// A data store's name, size limit and structure (its fields); strict refuses fields outside it.

const TYPES: DataFieldType[] = ['text', 'number', 'boolean', 'date', 'array', 'collection', 'any'];

export function DataStoreDrawer({
  store,
  onClose,
  onSaved,
}: {
  store?: DataStore;
  onClose(): void;
  onSaved(): void;
}) {
  const { api } = useSession();
  const [name, setName] = useState(store?.name ?? '');
  const [fields, setFields] = useState<DataStructureField[]>(store?.fields ?? []);
  const [strict, setStrict] = useState(store?.strict ?? false);
  const [maxMb, setMaxMb] = useState(store ? String(store.maxSizeBytes / 1024 / 1024) : '');
  const action = useAction();
  const errors = errorMap(action.error);
  const setField = (i: number, patch: Partial<DataStructureField>) =>
    setFields(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));

  const save = () =>
    action.run(async () => {
      const body = {
        name: name.trim(),
        fields: fields.filter((f) => f.name.trim()).map((f) => ({ ...f, name: f.name.trim() })),
        strict,
        ...(maxMb ? { maxSizeBytes: Math.round(Number(maxMb) * 1024 * 1024) } : {}),
      };
      if (store) await api.dataStores.update(store.id, body);
      else await api.dataStores.create(body);
      onSaved();
      onClose();
    });
  const shown = new Set(['name', 'maxSizeBytes', 'strict']);

  return (
    <Drawer title={store ? `Edit ${store.name}` : 'New data store'} onClose={onClose}>
      <TextField label="Name" value={name} onChange={setName} error={errors.get('name')} required />
      <TextField
        label="Size limit (MB)"
        type="number"
        min={0.001}
        step="any"
        value={maxMb}
        onChange={setMaxMb}
        placeholder="1"
        help="1 MB when left empty (the server's default)."
        error={errors.get('maxSizeBytes')}
      />
      <CheckField
        label="Strict structure"
        checked={strict}
        onChange={setStrict}
        help="Refuse records with fields outside the structure."
      />
      <fieldset className="structure">
        <legend>Structure</legend>
        {fields.map((f, i) => (
          <div className="pair-row" key={i}>
            <input
              aria-label={`Field ${i + 1} name`}
              placeholder="Name"
              value={f.name}
              onChange={(e) => setField(i, { name: e.target.value })}
            />
            <select
              aria-label={`Field ${i + 1} type`}
              value={f.type}
              onChange={(e) => setField(i, { type: e.target.value as DataFieldType })}
            >
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <label className="check">
              <input
                type="checkbox"
                checked={Boolean(f.required)}
                onChange={(e) => setField(i, { required: e.target.checked })}
              />
              required
            </label>
            <button
              type="button"
              className="remove-row"
              aria-label={`Remove field ${i + 1}`}
              onClick={() => setFields(fields.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="add-row"
          onClick={() => setFields([...fields, { name: '', type: 'text' }])}
        >
          Add field
        </button>
      </fieldset>
      {action.error !== null && (
        <p className="note error" role="alert">
          {summaryText(action.error, shown)}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={action.busy}>
          Save
        </button>
      </div>
    </Drawer>
  );
}
