import { useState } from 'react';
import type { Team, TeamMember, UserRow } from '../../api/admin-types';
import { SelectField, TextField } from '../../components/fields';
import { formatTime } from '../../components/format';
import { DataTable, LoadState, NoteLine, PageHeader } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';

// Teams and who is in them, with what role (as Make's organisation → teams). Organisation
// admins create teams and see every team; a team admin manages the members of their team.

const ROLE_CHOICES = [
  { value: 'admin', label: 'Team admin — everything in the team, members' },
  { value: 'member', label: 'Team member — build and run scenarios, create connections' },
  { value: 'operator', label: 'Team operator — run, switch on/off, retry; no editing' },
  { value: 'monitoring', label: 'Team monitoring — read only' },
];

export default function TeamsPage() {
  const { api, isSuperUser } = useSession();
  const teams = useLoad(() => api.teams.list(), [api]);
  const [name, setName] = useState('');
  const [open, setOpen] = useState<Team | null>(null);
  const action = useAction();
  const create = () =>
    action.run(async () => {
      await api.teams.create(name.trim());
      setName('');
      teams.reload();
      return `Team ${name.trim()} created. Reload the page to switch to it.`;
    });
  return (
    <div className="page">
      <PageHeader title="Teams" />
      <NoteLine note={action.note} />
      {isSuperUser && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <TextField label="New team" value={name} onChange={setName} required maxLength={200} />
          <button type="submit" className="primary" disabled={!name.trim() || action.busy}>
            Create team
          </button>
        </form>
      )}
      <LoadState loading={teams.loading} error={teams.error}>
        <DataTable headers={['Team', 'Your role', '']}>
          {(teams.data ?? []).map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>{t.role}</td>
              <td>
                <button type="button" onClick={() => setOpen(t)}>
                  Members
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      </LoadState>
      {open && <Members key={open.id} team={open} />}
    </div>
  );
}

function Members({ team }: { team: Team }) {
  const { api, isSuperUser } = useSession();
  const members = useLoad(() => api.teams.members(team.id), [api, team.id]);
  // Only organisation admins may list every user; a team admin changes roles of members.
  const users = useLoad(
    () => (isSuperUser ? api.users.list() : Promise.resolve([] as UserRow[])),
    [api, isSuperUser],
  );
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Team['role']>('member');
  const action = useAction();
  const canManage = isSuperUser || team.role === 'admin';
  const set = (id: string | number, r: Team['role']) =>
    action.run(async () => {
      await api.teams.setMember(team.id, id, r);
      members.reload();
      return 'Role saved.';
    });
  const remove = (m: TeamMember) =>
    action.run(async () => {
      await api.teams.removeMember(team.id, m.userId);
      members.reload();
      return `${m.email} removed from ${team.name}.`;
    });
  const outside = (users.data ?? []).filter(
    (u) => !(members.data ?? []).some((m) => String(m.userId) === String(u.id)),
  );
  return (
    <section aria-label={`Members of ${team.name}`}>
      <h2>Members of {team.name}</h2>
      <NoteLine note={action.note} />
      <LoadState
        loading={members.loading}
        error={members.error}
        empty={members.data?.length === 0 && 'No members yet.'}
      >
        <DataTable headers={['E-mail', 'Name', 'Role', 'Since', '']}>
          {(members.data ?? []).map((m) => (
            <tr key={m.userId}>
              <td>{m.email}</td>
              <td>{m.name}</td>
              <td>
                {canManage ? (
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) => void set(m.userId, e.target.value as Team['role'])}
                  >
                    {ROLE_CHOICES.map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label.split(' — ')[0]}
                      </option>
                    ))}
                  </select>
                ) : (
                  m.role
                )}
              </td>
              <td>{formatTime(m.createdAt)}</td>
              <td>
                {canManage && (
                  <button type="button" className="danger" onClick={() => void remove(m)}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </LoadState>
      {isSuperUser && outside.length > 0 && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void set(userId, role).then((ok) => ok && setUserId(''));
          }}
        >
          <SelectField
            label="Add a user"
            value={userId}
            onChange={setUserId}
            empty="Choose…"
            choices={outside.map((u) => ({ value: String(u.id), label: u.email }))}
          />
          <SelectField
            label="Role"
            value={role}
            onChange={(r) => setRole(r as Team['role'])}
            choices={ROLE_CHOICES}
          />
          <button type="submit" className="primary" disabled={!userId || action.busy}>
            Add
          </button>
        </form>
      )}
    </section>
  );
}
