import type { TeamRef, User } from '../api/types';

// Which team the app acts in. The choice is kept beside the token; the API client sends it as
// X-Team-Id on every call, so each page lists that team's scenarios, connections, history…

export interface TeamStore {
  get(): string | null;
  set(id: string): void;
  clear(): void;
}

const ROLE_LABEL: Record<TeamRef['role'], string> = {
  admin: 'Team admin',
  member: 'Team member',
  operator: 'Team operator',
  monitoring: 'Team monitoring',
};

/** The app listens for this and mounts the page afresh: its data was the previous team's. */
export const TEAM_CHANGED_EVENT = 'integrator:team-changed';

/** The stored team if the user still belongs to it, else their first team (the server's default). */
export function currentTeam(user: Pick<User, 'teams'>, store: TeamStore): TeamRef | undefined {
  const teams = user.teams ?? [];
  const stored = store.get();
  return teams.find((t) => String(t.id) === stored) ?? teams[0];
}

/** Keeps the stored team valid for this user (a team they left would make every call a 404). */
export function syncStoredTeam(user: Pick<User, 'teams'>, store: TeamStore): void {
  const team = currentTeam(user, store);
  if (team) store.set(String(team.id));
  else store.clear();
}

export function TeamSwitcher({
  teams,
  current,
  store,
}: {
  teams: readonly TeamRef[];
  current: TeamRef | undefined;
  store: TeamStore;
}) {
  if (!teams.length) return <p className="team-switcher muted">Not in any team yet</p>;
  return (
    <div className="team-switcher">
      <label>
        Team{' '}
        <select
          value={current?.id ?? ''}
          onChange={(e) => {
            store.set(e.target.value);
            window.dispatchEvent(new Event(TEAM_CHANGED_EVENT));
          }}
        >
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {current && <small className="muted">{ROLE_LABEL[current.role]}</small>}
    </div>
  );
}
