import type { ApiClient } from '../../api/client';
import type { Execution } from '../../api/types';
import { formatTime, plural } from '../../components/format';
import { StatusBadge } from '../../components/page-parts';
import { useLoad } from '../../components/use-load';
import { href } from '../../shell/router';

// A past execution shown on the scenario's canvas (#/scenarios/:id?execution=:eid): its bubbles,
// bundles and failed module as right after "Run once", with a banner that says which run it is
// and leads back to the live editor.

export interface PastRun {
  execution: Execution | null;
  loading: boolean;
  error: string | null;
}

export function usePastRun(api: ApiClient, scenarioId: string, executionId: string | undefined): PastRun {
  const loaded = useLoad(
    () => (executionId ? api.executions.get(executionId) : Promise.resolve(null)),
    [api, executionId],
  );
  const execution = loaded.data ?? null;
  // An execution of another scenario would draw its counts on the wrong modules.
  if (execution && String(execution.scenarioId) !== scenarioId)
    return {
      execution: null,
      loading: false,
      error: `execution ${executionId} is not a run of this scenario`,
    };
  return { execution: executionId ? execution : null, loading: loaded.loading, error: loaded.error };
}

interface BannerProps {
  scenarioId: string;
  version: number | undefined;
  run: PastRun;
}

export function PastRunBanner({ scenarioId, version, run }: BannerProps) {
  const back = (
    <a className="button" href={href(`/scenarios/${scenarioId}`)}>
      Back to the live editor
    </a>
  );
  if (run.error)
    return (
      <div className="banner error past-run" role="alert">
        <span>The run could not be shown: {run.error}</span>
        {back}
      </div>
    );
  const e = run.execution;
  if (!e)
    return (
      <div className="banner past-run" role="status">
        <span>Loading the run…</span>
        {back}
      </div>
    );
  // A failure kept as an incomplete execution leaves no run error: the module logs still name it.
  const failedIn = e.error?.moduleId ?? e.modules.find((m) => m.errors > 0)?.id;
  const other = e.scenarioVersion !== undefined && version !== undefined && e.scenarioVersion !== version;
  return (
    <div className="banner past-run" role="status" aria-label="Run shown on the canvas">
      <span>
        Showing the run of <strong>{formatTime(e.startedAt ?? e.createdAt)}</strong>{' '}
        <StatusBadge status={e.status} /> {plural(e.operations, 'operation')}
        {failedIn !== undefined && `, failed in module ${failedIn}`}.
        {other && ` It ran version ${e.scenarioVersion}; the canvas shows version ${version}.`}
        {e.draft && ' It ran unsaved changes from the editor.'}
      </span>
      <a href={href(`/executions/${e.id}`)}>Execution details</a>
      {back}
    </div>
  );
}
