import type { ModuleLog } from '@integrator/engine/runner/types';
import type { Execution } from '../../api/types';
import { formatBytes, formatDuration, formatTime, plural } from '../../components/format';
import { LoadState, PageHeader, StatusBadge } from '../../components/page-parts';
import { useLoad } from '../../components/use-load';
import { RunPanel } from '../../editor/run-panel';
import { href } from '../../shell/router';
import { useSession } from '../../shell/session';

// One execution: its summary, error and warnings, the run's input, and per module every
// operation with its input and output bundles (none when the scenario is confidential).

export default function ExecutionPage({ executionId }: { executionId: string }) {
  const { api } = useSession();
  const detail = useLoad(() => api.executions.get(executionId), [api, executionId]);
  const e = detail.data;
  return (
    <div className="page">
      <PageHeader title="Execution">
        <a className="button" href={href('/executions', e ? { scenarioId: String(e.scenarioId) } : {})}>
          Back to history
        </a>
        {e && (
          <a className="button" href={href(`/scenarios/${e.scenarioId}`, { execution: e.id })}>
            Open on canvas
          </a>
        )}
      </PageHeader>
      <LoadState loading={detail.loading} error={detail.error}>
        {e && (
          <>
            <Facts execution={e} />
            {e.error && (
              <p className="banner error" role="alert">
                {e.error.moduleId !== undefined && `Module ${e.error.moduleId}: `}
                {e.error.type}: {e.error.message}
              </p>
            )}
            {(e.warnings ?? []).map((w, i) => (
              <p key={i} className="banner warning">
                {w.moduleId !== undefined && `Module ${w.moduleId}: `}
                {w.message}
              </p>
            ))}
            {(e.incomplete ?? []).length > 0 && (
              <p className="banner warning">
                {plural(e.incomplete!.length, 'incomplete execution')} stored:{' '}
                <a href={href('/incomplete', { scenarioId: String(e.scenarioId) })}>retry or resolve</a>
              </p>
            )}
            {e.input !== undefined && e.input !== null && (
              <details className="operation">
                <summary>Input of the run</summary>
                <pre className="code">{JSON.stringify(e.input, null, 2)}</pre>
              </details>
            )}
            <Modules execution={e} />
          </>
        )}
      </LoadState>
    </div>
  );
}

function Facts({ execution: e }: { execution: Execution }) {
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={e.status} />
      </dd>
      <dt>Started</dt>
      <dd>{formatTime(e.startedAt ?? e.createdAt)}</dd>
      <dt>Duration</dt>
      <dd>{formatDuration(e.durationMs)}</dd>
      <dt>Operations</dt>
      <dd>{e.operations}</dd>
      <dt>Cycles</dt>
      <dd>{e.cycles ?? '—'}</dd>
      <dt>Data size</dt>
      <dd>{formatBytes(e.dataSize)}</dd>
      <dt>Trigger</dt>
      <dd>{e.trigger ?? '—'}</dd>
      <dt>Scenario version</dt>
      <dd>
        {e.scenarioVersion ?? '—'}
        {e.draft && ' with unsaved changes (a draft run from the editor)'}
      </dd>
    </dl>
  );
}

function Modules({ execution: e }: { execution: Execution }) {
  return (
    <>
      <h2>Modules</h2>
      {e.modules.length === 0 && <p className="muted">No module ran.</p>}
      {e.modules.map((m: ModuleLog) => (
        <details key={m.id} className={`module-log${m.errors ? ' failed' : ''}`} open={m.errors > 0}>
          <summary>
            <span className="module-badge">{m.id}</span> {m.label || m.module}{' '}
            <span className="muted">· {plural(m.operations, 'operation')}</span>
            {m.errors > 0 && <span className="tag danger">{plural(m.errors, 'error')}</span>}
          </summary>
          <RunPanel id={m.id} run={e} />
        </details>
      ))}
    </>
  );
}
