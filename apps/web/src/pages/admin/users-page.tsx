import { useState } from 'react';
import type { UserRow } from '../../api/admin-types';
import type { Group } from '../../api/types';
import { formatTime } from '../../components/format';
import { LoadState, NoteLine, PageHeader, DataTable } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';
import { GroupDrawer, UserDrawer } from './people-drawers';

// Users and user groups (super users only): who may sign in, their role and time zone, and
// the groups app connectors grant access through.

export default function UsersPage() {
  const { api, isSuperUser, user: me } = useSession();
  const users = useLoad(() => api.users.list(), [api]);
  const groups = useLoad(() => api.groups.list(), [api]);
  const [editingUser, setEditingUser] = useState<UserRow | 'new' | null>(null);
  const [editingGroup, setEditingGroup] = useState<Group | 'new' | null>(null);
  const action = useAction();
  if (!isSuperUser) return <p className="page note error">Only a super user can manage users and groups.</p>;
  const userName = new Map((users.data ?? []).map((u) => [String(u.id), u.name || u.email]));

  const removeUser = (u: UserRow) =>
    action.run(async () => {
      await api.users.remove(u.id);
      users.reload();
      groups.reload();
      return `${u.email} deleted.`;
    });
  const removeGroup = (g: Group) =>
    action.run(async () => {
      await api.groups.remove(g.id);
      groups.reload();
      return `${g.name} deleted.`;
    });

  return (
    <div className="page">
      <PageHeader title="Users and groups">
        <button type="button" onClick={() => setEditingGroup('new')}>
          New group
        </button>
        <button type="button" className="primary" onClick={() => setEditingUser('new')}>
          New user
        </button>
      </PageHeader>
      <NoteLine note={action.note} />
      <h2>Users</h2>
      <LoadState loading={users.loading} error={users.error}>
        <UsersTable
          users={users.data ?? []}
          me={String(me.id)}
          onEdit={setEditingUser}
          onRemove={(u) => void removeUser(u)}
        />
      </LoadState>
      <h2>Groups</h2>
      <LoadState
        loading={groups.loading}
        error={groups.error}
        empty={!groups.loading && groups.data?.length === 0 && 'No groups yet.'}
      >
        <GroupsTable
          groups={groups.data ?? []}
          userName={userName}
          onEdit={setEditingGroup}
          onRemove={(g) => void removeGroup(g)}
        />
      </LoadState>
      {editingUser && (
        <UserDrawer
          user={editingUser === 'new' ? undefined : editingUser}
          onClose={() => setEditingUser(null)}
          onSaved={users.reload}
        />
      )}
      {editingGroup && (
        <GroupDrawer
          group={editingGroup === 'new' ? undefined : editingGroup}
          users={users.data ?? []}
          onClose={() => setEditingGroup(null)}
          onSaved={groups.reload}
        />
      )}
    </div>
  );
}

function UsersTable({
  users,
  me,
  onEdit,
  onRemove,
}: {
  users: readonly UserRow[];
  me: string;
  onEdit(u: UserRow): void;
  onRemove(u: UserRow): void;
}) {
  return (
    <DataTable headers={['E-mail', 'Name', 'Role', 'Time zone', 'Last sign-in', '']}>
      {users.map((u) => (
        <tr key={u.id}>
          <td>
            {u.email}
            {u.disabled && <span className="tag danger">disabled</span>}
          </td>
          <td>{u.name}</td>
          <td>{u.role === 'superuser' ? 'Owner' : u.role === 'admin' ? 'Admin' : 'Member'}</td>
          <td>{u.timezone ?? <span className="muted">organisation's</span>}</td>
          <td>{formatTime(u.lastLoginAt)}</td>
          <td className="row">
            <button type="button" onClick={() => onEdit(u)}>
              Edit
            </button>
            {String(u.id) !== me && (
              <button type="button" className="danger" onClick={() => onRemove(u)}>
                Delete
              </button>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function GroupsTable({
  groups,
  userName,
  onEdit,
  onRemove,
}: {
  groups: readonly Group[];
  userName: ReadonlyMap<string, string>;
  onEdit(g: Group): void;
  onRemove(g: Group): void;
}) {
  return (
    <DataTable headers={['Name', 'Description', 'Members', '']}>
      {groups.map((g) => (
        <tr key={g.id}>
          <td>{g.name}</td>
          <td>{g.description}</td>
          <td>
            {g.userIds.map((id) => userName.get(String(id)) ?? `user ${id}`).join(', ') || (
              <span className="muted">nobody</span>
            )}
          </td>
          <td className="row">
            <button type="button" onClick={() => onEdit(g)}>
              Edit
            </button>
            <button type="button" className="danger" onClick={() => onRemove(g)}>
              Delete
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
