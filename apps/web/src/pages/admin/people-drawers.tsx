import { useMemo, useState } from 'react';
import type { UserRow } from '../../api/admin-types';
import type { Group } from '../../api/types';
import { Drawer } from '../../components/drawer';
import { errorMap, summaryText } from '../../components/errors';
import { CheckField, SelectField, TextField } from '../../components/fields';
import { useAction } from '../../components/use-action';
import { useSession } from '../../shell/session';
import { timeZones } from '../scenario/schedule-form';

// The forms of the users page: a user (new, or changes to one) and a group with its members.

// Organisation roles; what a user may do inside a team is set on the Teams page.
const ROLES = [
  { value: 'user', label: 'Member (their teams only)' },
  { value: 'admin', label: 'Admin (all teams, users, settings)' },
  { value: 'superuser', label: 'Owner' },
];

export function UserDrawer({ user, onClose, onSaved }: { user?: UserRow; onClose(): void; onSaved(): void }) {
  const { api } = useSession();
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRow['role']>(user?.role ?? 'user');
  const [timezone, setTimezone] = useState(user?.timezone ?? '');
  const [disabled, setDisabled] = useState(Boolean(user?.disabled));
  const action = useAction();
  const errors = errorMap(action.error);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);

  const save = () =>
    action.run(async () => {
      if (user)
        await api.users.update(user.id, {
          name: name.trim(),
          role,
          disabled,
          // Empty is "the organisation's": null clears a zone the user had.
          timezone: timezone || null,
          ...(password ? { password } : {}),
        });
      else
        await api.users.create({
          email: email.trim(),
          name: name.trim(),
          password,
          role,
          ...(timezone ? { timezone } : {}),
        });
      onSaved();
      onClose();
    });
  const shown = new Set(['email', 'name', 'password', 'role', 'timezone']);

  return (
    <Drawer title={user ? `Edit ${user.email}` : 'New user'} onClose={onClose}>
      {!user && (
        <TextField
          label="E-mail address"
          type="email"
          value={email}
          onChange={setEmail}
          error={errors.get('email')}
          required
          autoComplete="off"
        />
      )}
      <TextField label="Name" value={name} onChange={setName} error={errors.get('name')} />
      <TextField
        label={user ? 'New password' : 'Password'}
        type="password"
        value={password}
        onChange={setPassword}
        error={errors.get('password')}
        required={!user}
        autoComplete="new-password"
        help={user ? 'Leave empty to keep the current one.' : 'At least 8 characters.'}
      />
      <SelectField
        label="Role"
        value={role}
        onChange={(r) => setRole(r as UserRow['role'])}
        choices={ROLES}
        error={errors.get('role')}
      />
      <SelectField
        label="Time zone"
        value={timezone}
        onChange={setTimezone}
        choices={zones}
        empty="The organisation's"
        error={errors.get('timezone')}
      />
      {user && (
        <CheckField
          label="Disabled (cannot sign in)"
          checked={disabled}
          onChange={setDisabled}
          error={errors.get('disabled')}
        />
      )}
      {action.error !== null && (
        <p className="note error" role="alert">
          {summaryText(action.error, shown)}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={action.busy}>
          {user ? 'Save user' : 'Create user'}
        </button>
      </div>
    </Drawer>
  );
}

export function GroupDrawer({
  group,
  users,
  onClose,
  onSaved,
}: {
  group?: Group;
  users: readonly UserRow[];
  onClose(): void;
  onSaved(): void;
}) {
  const { api } = useSession();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [members, setMembers] = useState<ReadonlySet<string>>(new Set((group?.userIds ?? []).map(String)));
  const action = useAction();
  const errors = errorMap(action.error);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(members);
    if (on) next.add(id);
    else next.delete(id);
    setMembers(next);
  };
  const save = () =>
    action.run(async () => {
      const body = { name: name.trim(), description, userIds: [...members].map(Number) };
      if (group) await api.groups.update(group.id, body);
      else await api.groups.create(body);
      onSaved();
      onClose();
    });
  return (
    <Drawer title={group ? `Edit group ${group.name}` : 'New group'} onClose={onClose}>
      <TextField label="Name" value={name} onChange={setName} error={errors.get('name')} required />
      <TextField
        label="Description"
        value={description}
        onChange={setDescription}
        error={errors.get('description')}
      />
      <fieldset className="plain">
        <legend>Members</legend>
        {users.map((u) => (
          <label key={u.id} className="check">
            <input
              type="checkbox"
              checked={members.has(String(u.id))}
              onChange={(e) => toggle(String(u.id), e.target.checked)}
            />
            {u.name || u.email} <span className="muted">{u.email}</span>
          </label>
        ))}
        {errors.get('userIds') && (
          <p className="field-error" role="alert">
            {errors.get('userIds')}
          </p>
        )}
      </fieldset>
      {action.error !== null && (
        <p className="note error" role="alert">
          {summaryText(action.error, new Set(['name', 'description', 'userIds']))}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={action.busy}>
          {group ? 'Save group' : 'Create group'}
        </button>
      </div>
    </Drawer>
  );
}
