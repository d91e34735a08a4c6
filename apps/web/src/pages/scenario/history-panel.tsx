import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import { formatBytes, formatDuration, formatTime } from '../../components/format';
import { DataTable, LoadState, StatusBadge } from '../../components/page-parts';
import { useLoad } from '../../components/use-load';
import { href } from '../../shell/router';

// The editor's History tab (Make's scenario page has it beside the diagram): this scenario's
// runs, newest first, each opening on the canvas with its bubbles and bundles.

const PAGE_SIZE = 20;

export function HistoryPanel({ api, scenarioId }: { api: ApiClient; scenarioId: string }) {
  const [page, setPage] = useState(1);
  const list = useLoad(
    () => api.executions.list({ scenarioId, page, pageSize: PAGE_SIZE }),
    [api, scenarioId, page],
  );
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <section className="page history-panel" role="tabpanel" aria-label="History">
      <LoadState
        loading={list.loading}
        error={list.error}
        empty={!list.loading && total === 0 && 'This scenario has not run yet. "Run once" runs it now.'}
      >
        <DataTable headers={['Started', 'Status', 'Duration', 'Operations', 'Data size', '']}>
          {(list.data?.items ?? []).map((e) => (
            <tr key={e.id}>
              <td>
                <a href={href(`/scenarios/${scenarioId}`, { execution: e.id })}>
                  {formatTime(e.startedAt ?? e.createdAt)}
                  <span className="visually-hidden"> (open on the canvas)</span>
                </a>
              </td>
              <td>
                <StatusBadge status={e.status} />
                {e.error && <div className="field-error small">{e.error.message}</div>}
                {/* A failure kept as an incomplete execution is a warning, not the run's error. */}
                {!e.error && e.warnings?.[0] && <div className="muted small">{e.warnings[0].message}</div>}
              </td>
              <td>{formatDuration(e.durationMs)}</td>
              <td>{e.operations}</td>
              <td>{formatBytes(e.dataSize)}</td>
              <td>
                <a href={href(`/executions/${e.id}`)}>Details</a>
              </td>
            </tr>
          ))}
        </DataTable>
        {pages > 1 && (
          <nav className="pager" aria-label="Pages">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Newer
            </button>
            <span>
              Page {page} of {pages} ({total} executions)
            </span>
            <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              Older
            </button>
          </nav>
        )}
      </LoadState>
    </section>
  );
}
