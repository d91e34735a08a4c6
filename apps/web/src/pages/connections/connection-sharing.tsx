import { useState } from 'react';
import type { Connection } from '../../api/types';
import { SelectField } from '../../components/fields';
import { DataTable, LoadState, NoteLine } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';

// Sharing a connection with other teams (team admins): they may select it in their scenarios,
// never read or edit it. Withdrawing a share stops their runs from using it at once.

export function ConnectionSharing({
  connection,
  teamId,
  onClose,
}: {
  connection: Connection;
  teamId: number | undefined;
  onClose(): void;
}) {
  const { api } = useSession();
  const shares = useLoad(() => api.shares.list(connection.id), [api, connection.id]);
  const teams = useLoad(() => api.teams.list(), [api]);
  const [chosen, setChosen] = useState('');
  const action = useAction();
  const shared = new Set((shares.data ?? []).map((s) => s.teamId));
  const others = (teams.data ?? []).filter((t) => t.id !== teamId && !shared.has(t.id));
  const add = () =>
    action.run(async () => {
      await api.shares.add(connection.id, chosen);
      setChosen('');
      shares.reload();
      return 'Shared.';
    });
  const remove = (id: number, name: string) =>
    action.run(async () => {
      await api.shares.remove(connection.id, id);
      shares.reload();
      return `No longer shared with ${name}.`;
    });
  return (
    <section aria-label={`Sharing of ${connection.name}`}>
      <h2>
        {connection.name}: shared with{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </h2>
      <NoteLine note={action.note} />
      <LoadState
        loading={shares.loading}
        error={shares.error}
        empty={shares.data?.length === 0 && 'Only this team uses it.'}
      >
        <DataTable headers={['Team', '']}>
          {(shares.data ?? []).map((s) => (
            <tr key={s.teamId}>
              <td>{s.teamName}</td>
              <td>
                <button type="button" className="danger" onClick={() => void remove(s.teamId, s.teamName)}>
                  Stop sharing
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      </LoadState>
      {others.length > 0 && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <SelectField
            label="Share with"
            value={chosen}
            onChange={setChosen}
            empty="Choose a team…"
            choices={others.map((t) => ({ value: String(t.id), label: t.name }))}
          />
          <button type="submit" className="primary" disabled={!chosen || action.busy}>
            Share
          </button>
        </form>
      )}
    </section>
  );
}
