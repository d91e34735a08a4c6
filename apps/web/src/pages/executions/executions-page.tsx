import { useMemo } from 'react';
import type { ExecutionSummary, ScenarioSummary } from '../../api/types';
import { DayChart } from '../../components/day-chart';
import { SelectField, TextField } from '../../components/fields';
import { formatBytes, formatDuration, formatTime } from '../../components/format';
import { LoadState, PageHeader, StatusBadge, DataTable } from '../../components/page-parts';
import { useLoad } from '../../components/use-load';
import { href, navigate, type Route } from '../../shell/router';
import { useSession } from '../../shell/session';
import { dateRange } from './date-range';

// Execution history: filters (scenario, status, the days started), runs and operations per day drawn as inline
// SVG, and the executions newest first, page by page, each opening its detail or its scenario's
// canvas with the run's bubbles.

const PAGE_SIZE = 25;
const STATUSES = ['success', 'warning', 'error', 'running', 'queued'];
const PERIODS = [7, 30, 90];

export default function ExecutionsPage({ route }: { route: Route }) {
  const { api } = useSession();
  const scenarioId = route.query.get('scenarioId') ?? '';
  const status = route.query.get('status') ?? '';
  const fromDay = route.query.get('from') ?? '';
  const toDay = route.query.get('to') ?? '';
  const days = Number(route.query.get('days') ?? 30) || 30;
  const page = Math.max(1, Number(route.query.get('page') ?? 1) || 1);
  const scenarios = useLoad(() => api.scenarios.list(), [api]);
  // The charts count the runs the list shows: same scenario, status and days.
  const stats = useLoad(
    () =>
      api.executions.stats({
        scenarioId: scenarioId || undefined,
        status: status || undefined,
        ...dateRange(fromDay, toDay),
        days,
      }),
    [api, scenarioId, status, fromDay, toDay, days],
  );
  const list = useLoad(
    () =>
      api.executions.list({
        scenarioId: scenarioId || undefined,
        status: status || undefined,
        ...dateRange(fromDay, toDay),
        page,
        pageSize: PAGE_SIZE,
      }),
    [api, scenarioId, status, fromDay, toDay, page],
  );
  const names = useMemo(
    () => new Map((scenarios.data?.items ?? []).map((s: ScenarioSummary) => [String(s.id), s.name])),
    [scenarios.data],
  );
  const query = {
    scenarioId,
    status,
    from: fromDay || undefined,
    to: toDay || undefined,
    days: days === 30 ? undefined : days,
    page: page === 1 ? undefined : page,
  };
  const go = (patch: Record<string, string | number | undefined>) =>
    navigate('/executions', { ...query, page: undefined, ...patch });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <div className="page">
      <PageHeader title="History" />
      <div className="filters" role="search" aria-label="Filter executions">
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
          onChange={(v) => go({ status: v || undefined })}
          empty="Any status"
          choices={STATUSES.map((s) => ({ value: s, label: s }))}
        />
        <TextField type="date" label="From" value={fromDay} onChange={(v) => go({ from: v || undefined })} />
        <TextField
          type="date"
          label="To"
          value={toDay}
          min={fromDay || undefined}
          onChange={(v) => go({ to: v || undefined })}
        />
        {/* With a start date the charts span the chosen dates; the period only applies without one. */}
        {!fromDay && (
          <SelectField
            label="Chart period"
            value={String(days)}
            onChange={(v) => go({ days: Number(v) === 30 ? undefined : Number(v), page: query.page })}
            choices={PERIODS.map((d) => ({ value: String(d), label: `Last ${d} days` }))}
          />
        )}
      </div>
      <LoadState loading={stats.loading} error={stats.error}>
        {stats.data && (
          <div className="charts">
            <DayChart days={stats.data} metric="runs" title="Runs per day" />
            <DayChart days={stats.data} metric="operations" title="Operations per day" />
          </div>
        )}
      </LoadState>
      <LoadState
        loading={list.loading}
        error={list.error}
        empty={!list.loading && total === 0 && 'No executions match these filters.'}
      >
        <DataTable
          headers={['Started', 'Scenario', 'Status', 'Trigger', 'Duration', 'Operations', 'Data', '']}
        >
          {(list.data?.items ?? []).map((e) => (
            <ExecutionRow key={e.id} execution={e} scenarioName={names.get(String(e.scenarioId))} />
          ))}
        </DataTable>
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => navigate('/executions', { ...query, page: page - 1 === 1 ? undefined : page - 1 })}
          >
            Newer
          </button>
          <span>
            Page {page} of {pages} ({total} executions)
          </span>
          <button
            type="button"
            disabled={page >= pages}
            onClick={() => navigate('/executions', { ...query, page: page + 1 })}
          >
            Older
          </button>
        </nav>
      </LoadState>
    </div>
  );
}

function ExecutionRow({
  execution: e,
  scenarioName,
}: {
  execution: ExecutionSummary;
  scenarioName?: string;
}) {
  return (
    <tr>
      <td>
        <a href={href(`/executions/${e.id}`)}>{formatTime(e.startedAt ?? e.createdAt)}</a>
      </td>
      <td>{scenarioName ?? `Scenario ${e.scenarioId}`}</td>
      <td>
        <StatusBadge status={e.status} />
        {e.error && <div className="field-error small">{e.error.message}</div>}
      </td>
      <td>{e.trigger ?? '—'}</td>
      <td>{formatDuration(e.durationMs)}</td>
      <td>{e.operations}</td>
      <td>{formatBytes(e.dataSize)}</td>
      <td>
        <a href={href(`/scenarios/${e.scenarioId}`, { execution: e.id })}>
          Open on canvas
          <span className="visually-hidden"> (run of {formatTime(e.startedAt ?? e.createdAt)})</span>
        </a>
      </td>
    </tr>
  );
}
