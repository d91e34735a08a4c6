import { useMemo, useState } from 'react';
import type { IncompleteExecution, IncompleteStatus } from '../../api/admin-types';
import { SelectField } from '../../components/fields';
import { formatTime, plural } from '../../components/format';
import { LoadState, NoteLine, PageHeader, StatusBadge } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { href, navigate, type Route } from '../../shell/router';
import { useSession } from '../../shell/session';
import { IncompleteEditor } from './incomplete-editor';

// Incomplete executions: runs stopped at a failing module whose state was kept. Retry runs the
// rest of the path again (the scenario must be on); resolve marks them as dealt with; Edit
// changes the data a retry starts from.

const STATUSES: IncompleteStatus[] = ['unresolved', 'pending', 'in_progress', 'resolved'];
const ANY = 'any';

export default function IncompletePage({ route }: { route: Route }) {
  const { api } = useSession();
  const scenarioId = route.query.get('scenarioId') ?? '';
  // Unresolved by default; "any" in the address stands for every status (empty values are dropped).
  const asked = route.query.get('status') ?? 'unresolved';
  const status = (asked === ANY ? '' : asked) as IncompleteStatus | '';
  const scenarios = useLoad(() => api.scenarios.list(), [api]);
  const list = useLoad(
    () => api.incomplete.list({ scenarioId: scenarioId || undefined, status: status || undefined }),
    [api, scenarioId, status],
  );
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [editing, setEditing] = useState<number | null>(null);
  const action = useAction();
  const names = useMemo(
    () => new Map((scenarios.data?.items ?? []).map((s) => [String(s.id), s.name])),
    [scenarios.data],
  );
  const rows = list.data ?? [];
  const go = (patch: Record<string, string | undefined>) =>
    navigate('/incomplete', { scenarioId, status: status || ANY, ...patch });

  const act = (verb: 'retry' | 'resolve' | 'remove', ids: number[]) =>
    action.run(async () => {
      if (verb === 'retry') await api.incomplete.retry(ids);
      else if (verb === 'resolve') await api.incomplete.resolve(ids);
      else await api.incomplete.remove(ids);
      setChosen(new Set());
      list.reload();
      return `${plural(ids.length, 'incomplete execution')} ${verb === 'retry' ? 'sent for retry' : verb === 'resolve' ? 'resolved' : 'deleted'}.`;
    });
  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const selected = [...chosen];

  return (
    <div className="page">
      <PageHeader title="Incomplete executions">
        <button
          type="button"
          disabled={!selected.length || action.busy}
          onClick={() => void act('retry', selected)}
        >
          Retry selected
        </button>
        <button
          type="button"
          disabled={!selected.length || action.busy}
          onClick={() => void act('resolve', selected)}
        >
          Resolve selected
        </button>
        <button
          type="button"
          className="danger"
          disabled={!selected.length || action.busy}
          onClick={() => void act('remove', selected)}
        >
          Delete selected
        </button>
      </PageHeader>
      <div className="filters">
        <SelectField
          label="Scenario"
          value={scenarioId}
          onChange={(v) => go({ scenarioId: v || undefined })}
          empty="All scenarios"
          choices={(scenarios.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
        />
        <SelectField
          label="Status"
          value={status}
          onChange={(v) => go({ status: v || ANY })}
          empty="Any status"
          choices={STATUSES.map((s) => ({ value: s, label: s.replace('_', ' ') }))}
        />
      </div>
      <NoteLine note={action.note} />
      <LoadState
        loading={list.loading}
        error={list.error}
        empty={!list.loading && rows.length === 0 && 'Nothing to do: no incomplete executions here.'}
      >
        <table className="data-table">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={rows.length > 0 && chosen.size === rows.length}
                  onChange={(e) => setChosen(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                />
              </th>
              <th>Created</th>
              <th>Scenario</th>
              <th>Failed module</th>
              <th>Error</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <IncompleteRow
                key={r.id}
                row={r}
                scenarioName={names.get(String(r.scenarioId))}
                checked={chosen.has(r.id)}
                onCheck={(on) => toggle(r.id, on)}
                onAct={(verb) => void act(verb, [r.id])}
                onEdit={() => setEditing(r.id)}
                busy={action.busy}
              />
            ))}
          </tbody>
        </table>
      </LoadState>
      {editing !== null && (
        <IncompleteEditor id={editing} onSaved={list.reload} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}

interface RowProps {
  row: IncompleteExecution;
  scenarioName?: string;
  checked: boolean;
  busy: boolean;
  onCheck(on: boolean): void;
  onAct(verb: 'retry' | 'resolve' | 'remove'): void;
  onEdit(): void;
}

function IncompleteRow({ row: r, scenarioName, checked, busy, onCheck, onAct, onEdit }: RowProps) {
  const open = r.status !== 'resolved';
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          aria-label={`Select incomplete execution ${r.id}`}
          checked={checked}
          onChange={(e) => onCheck(e.target.checked)}
        />
      </td>
      <td>
        <a href={href(`/executions/${r.executionId}`)}>{formatTime(r.createdAt)}</a>
      </td>
      <td>{scenarioName ?? `Scenario ${r.scenarioId}`}</td>
      <td>Module {r.moduleId}</td>
      <td className="field-error small">{r.lastError || '—'}</td>
      <td>
        <StatusBadge status={r.status} />
        {r.nextAttemptAt && open && <div className="muted small">next try {formatTime(r.nextAttemptAt)}</div>}
      </td>
      <td>{r.attempts}</td>
      <td className="row">
        {/* A resolved one is only looked at: its failed input stays readable. */}
        <button
          type="button"
          onClick={onEdit}
          aria-label={`${open ? 'Edit' : 'View'} incomplete execution ${r.id}`}
        >
          {open ? 'Edit' : 'View'}
        </button>
        {open && (
          <>
            <button type="button" disabled={busy} onClick={() => onAct('retry')}>
              Retry
            </button>
            <button type="button" disabled={busy} onClick={() => onAct('resolve')}>
              Resolve
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
