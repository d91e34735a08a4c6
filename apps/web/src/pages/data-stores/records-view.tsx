import { useState } from 'react';
import type { DataRecord, DataStore } from '../../api/admin-types';
import { errorMap, summaryText } from '../../components/errors';
import { TextAreaField, TextField } from '../../components/fields';
import { formatTime } from '../../components/format';
import { LoadState, NoteLine, DataTable } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';

// A data store's records, a page at a time, with a JSON editor to add or change one.

const TAKE = 50;

export function RecordsView({ store, onChanged }: { store: DataStore; onChanged(): void }) {
  const { api } = useSession();
  const [skip, setSkip] = useState(0);
  const records = useLoad(
    () => api.dataStores.records(store.id, { skip, take: TAKE }),
    [api, store.id, skip, store.records],
  );
  const [editing, setEditing] = useState<DataRecord | 'new' | null>(null);
  const action = useAction();
  const total = records.data?.total ?? 0;

  const remove = (r: DataRecord) =>
    action.run(async () => {
      await api.dataStores.removeRecord(store.id, r.key);
      onChanged();
      return `Record ${r.key} deleted.`;
    });

  return (
    <div>
      <div className="row">
        <button type="button" onClick={() => setEditing('new')}>
          Add record
        </button>
      </div>
      <NoteLine note={action.note} />
      {editing && (
        <RecordEditor
          store={store}
          record={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <LoadState
        loading={records.loading}
        error={records.error}
        empty={!records.loading && total === 0 && 'No records.'}
      >
        <DataTable headers={['Key', 'Data', 'Updated', '']}>
          {(records.data?.items ?? []).map((r) => (
            <tr key={r.key}>
              <td>
                <code>{r.key}</code>
              </td>
              <td>
                <code className="json-inline">{JSON.stringify(r.data)}</code>
              </td>
              <td>{formatTime(r.updatedAt)}</td>
              <td className="row">
                <button type="button" onClick={() => setEditing(r)}>
                  Edit
                </button>
                <button type="button" className="danger" onClick={() => void remove(r)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
        <nav className="pager" aria-label="Record pages">
          <button type="button" disabled={skip === 0} onClick={() => setSkip(Math.max(0, skip - TAKE))}>
            Previous
          </button>
          <span>{total ? `${skip + 1}–${Math.min(total, skip + TAKE)} of ${total}` : '0'}</span>
          <button type="button" disabled={skip + TAKE >= total} onClick={() => setSkip(skip + TAKE)}>
            Next
          </button>
        </nav>
      </LoadState>
    </div>
  );
}

function RecordEditor({
  store,
  record,
  onDone,
  onCancel,
}: {
  store: DataStore;
  record?: DataRecord;
  onDone(): void;
  onCancel(): void;
}) {
  const { api } = useSession();
  const [key, setKey] = useState(record?.key ?? '');
  const [text, setText] = useState(() => JSON.stringify(record?.data ?? {}, null, 2));
  const [problem, setProblem] = useState<string | undefined>();
  const action = useAction();
  const errors = errorMap(action.error);
  const dataError =
    problem ?? errors.get('data') ?? [...errors].find(([p]) => p.startsWith('data.'))?.join(': ');

  const save = async () => {
    let data: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new Error('must be a JSON object');
      data = value as Record<string, unknown>;
    } catch (err) {
      setProblem(err instanceof SyntaxError ? `is not valid JSON: ${err.message}` : (err as Error).message);
      return;
    }
    const ok = await action.run(async () => {
      if (record) await api.dataStores.putRecord(store.id, record.key, data);
      else await api.dataStores.addRecord(store.id, { ...(key.trim() ? { key: key.trim() } : {}), data });
    });
    if (ok) onDone();
  };

  return (
    <div
      className="record-editor"
      role="group"
      aria-label={record ? `Edit record ${record.key}` : 'New record'}
    >
      {!record && (
        <TextField
          label="Key"
          value={key}
          onChange={setKey}
          help="Leave empty for a generated key."
          error={errors.get('key')}
        />
      )}
      <TextAreaField
        label="Data (JSON)"
        rows={8}
        value={text}
        onChange={(t) => {
          setText(t);
          setProblem(undefined);
        }}
        error={dataError}
      />
      {action.error !== null && !dataError && !errors.get('key') && (
        <p className="note error" role="alert">
          {summaryText(action.error)}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={action.busy}>
          {record ? 'Save record' : 'Add record'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
