import { useState } from 'react';
import type { DataStore } from '../api/admin-types';
import { formatBytes, plural } from '../components/format';
import { LoadState, NoteLine, PageHeader, DataTable } from '../components/page-parts';
import { useAction } from '../components/use-action';
import { useLoad } from '../components/use-load';
import type { Route } from '../shell/router';
import { useSession } from '../shell/session';
import { DataStoreDrawer } from './data-stores/data-store-drawer';
import { RecordsView } from './data-stores/records-view';

// Data stores: the list with their size, a store's structure, and its records
// (#/datastores/3): browse, add, edit and delete.

export default function DataStoresPage({ route }: { route: Route }) {
  const { api } = useSession();
  const list = useLoad(() => api.dataStores.list(), [api]);
  const [editing, setEditing] = useState<DataStore | 'new' | null>(null);
  const action = useAction();
  const openId = route.parts[1];
  const open = list.data?.find((s) => String(s.id) === openId);

  const remove = (s: DataStore) =>
    action.run(async () => {
      await api.dataStores.remove(s.id);
      list.reload();
      return `${s.name} deleted.`;
    });

  return (
    <div className="page">
      <PageHeader title="Data stores">
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New data store
        </button>
      </PageHeader>
      <NoteLine note={action.note} />
      <LoadState
        loading={list.loading}
        error={list.error}
        empty={!list.loading && list.data?.length === 0 && 'No data stores yet.'}
      >
        <DataTable headers={['Name', 'Structure', 'Records', 'Size', '']}>
          {(list.data ?? []).map((s) => (
            <tr key={s.id} aria-current={s === open ? 'true' : undefined}>
              <td>
                <a href={`#/datastores/${s.id}`}>{s.name}</a>
              </td>
              <td>
                {s.fields.length ? (
                  s.fields.map((f) => `${f.name} (${f.type})`).join(', ')
                ) : (
                  <span className="muted">free-form</span>
                )}
              </td>
              <td>{s.records}</td>
              <td>
                {formatBytes(s.usedBytes)} of {formatBytes(s.maxSizeBytes)}
              </td>
              <td className="row">
                <button type="button" onClick={() => setEditing(s)}>
                  Edit structure
                </button>
                <button type="button" className="danger" onClick={() => void remove(s)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      </LoadState>
      {open && (
        <section aria-label={`Records of ${open.name}`}>
          <h2>
            Records of {open.name} <span className="muted">({plural(open.records, 'record')})</span>
          </h2>
          <RecordsView store={open} onChanged={list.reload} />
        </section>
      )}
      {editing && (
        <DataStoreDrawer
          store={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => list.reload()}
        />
      )}
    </div>
  );
}
