import { useMemo, useState } from 'react';
import type { ScenarioSummary } from '../../api/types';
import { formatTime } from '../../components/format';
import { LoadState, NoteLine, PageHeader, StatusBadge, DataTable } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { href, navigate, type Route } from '../../shell/router';
import { useSession } from '../../shell/session';
import { ImportDrawer } from './import-drawer';
import { NewScenarioDrawer } from './new-scenario-drawer';

// Every scenario, grouped by folder: search, status, schedule and the last run; a new
// scenario or an imported blueprint opens in the editor.

const ALL = '\u0000all';

export default function ScenariosPage({ route }: { route: Route }) {
  const { api } = useSession();
  const search = route.query.get('search') ?? '';
  const folder = route.query.get('folder') ?? ALL;
  const list = useLoad(() => api.scenarios.list({ search: search || undefined }), [api, search]);
  const [drawer, setDrawer] = useState<'new' | 'import' | null>(null);
  const action = useAction();
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const folders = useMemo(() => countFolders(items), [items]);
  const shown = folder === ALL ? items : items.filter((s) => (s.folder ?? '') === folder);

  const setQuery = (patch: Record<string, string | undefined>) =>
    navigate('/scenarios', { search, folder: folder === ALL ? undefined : folder, ...patch });
  const toggle = (s: ScenarioSummary) =>
    action.run(async () => {
      const next = s.active ? await api.scenarios.deactivate(s.id) : await api.scenarios.activate(s.id);
      list.reload();
      return `${next.name} is ${next.active ? 'active' : 'switched off'}.`;
    });

  return (
    <div className="page">
      <PageHeader title="Scenarios">
        <button type="button" onClick={() => setDrawer('import')}>
          Import blueprint
        </button>
        <button type="button" className="primary" onClick={() => setDrawer('new')}>
          New scenario
        </button>
      </PageHeader>
      <div className="list-layout">
        <nav className="folders" aria-label="Folders">
          <button type="button" aria-pressed={folder === ALL} onClick={() => setQuery({ folder: undefined })}>
            All scenarios <span className="count">{items.length}</span>
          </button>
          {folders.map(([name, count]) => (
            <button
              type="button"
              key={name}
              aria-pressed={folder === name}
              onClick={() => setQuery({ folder: name })}
            >
              {name || 'No folder'} <span className="count">{count}</span>
            </button>
          ))}
        </nav>
        <section className="list-main">
          <input
            type="search"
            className="search"
            aria-label="Search scenarios"
            placeholder="Search by name"
            defaultValue={search}
            onChange={(e) => setQuery({ search: e.target.value || undefined })}
          />
          <NoteLine note={action.note} />
          <LoadState
            loading={list.loading}
            error={list.error}
            empty={
              !list.loading &&
              shown.length === 0 &&
              (search ? `No scenario matches "${search}".` : 'No scenarios yet: create one.')
            }
          >
            <DataTable headers={['Name', 'Folder', 'Schedule', 'Last run', 'Active']}>
              {shown.map((s) => (
                <ScenarioRow key={s.id} scenario={s} onToggle={() => void toggle(s)} busy={action.busy} />
              ))}
            </DataTable>
          </LoadState>
        </section>
      </div>
      {drawer === 'new' && (
        <NewScenarioDrawer folder={folder === ALL ? '' : folder} onClose={() => setDrawer(null)} />
      )}
      {drawer === 'import' && (
        <ImportDrawer folder={folder === ALL ? '' : folder} onClose={() => setDrawer(null)} />
      )}
    </div>
  );
}

function ScenarioRow({
  scenario: s,
  onToggle,
  busy,
}: {
  scenario: ScenarioSummary;
  onToggle(): void;
  busy: boolean;
}) {
  return (
    <tr>
      <td>
        <a href={`#/scenarios/${encodeURIComponent(String(s.id))}`}>{s.name}</a>
        {s.invalid && <span className="tag danger">has problems</span>}
        {s.deactivation && !s.active && (
          <div className="warning small" title={s.deactivation.reason ?? undefined}>
            Switched off {formatTime(s.deactivation.at)}: {s.deactivation.reason}
          </div>
        )}
      </td>
      <td>{s.folder || <span className="muted">—</span>}</td>
      <td>
        {s.scheduleText ?? 'On demand'}
        {s.queueText && <div className="small">{s.queueText}</div>}
      </td>
      <td>
        {s.lastRun ? (
          <a href={href(`/executions/${s.lastRun.executionId}`)}>
            <StatusBadge status={s.lastRun.status} /> {formatTime(s.lastRun.at)}
          </a>
        ) : (
          <StatusBadge status={null} />
        )}
      </td>
      <td>
        <button
          type="button"
          role="switch"
          aria-checked={s.active}
          aria-label={`${s.name} active`}
          className={`switch${s.active ? ' on' : ''}`}
          onClick={onToggle}
          disabled={busy}
        >
          <span className="switch-knob" aria-hidden="true" />
          {s.active ? 'On' : 'Off'}
        </button>
      </td>
    </tr>
  );
}

function countFolders(items: readonly ScenarioSummary[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const s of items) counts.set(s.folder ?? '', (counts.get(s.folder ?? '') ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
}
