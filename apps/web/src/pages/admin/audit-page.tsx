import { useState } from 'react';
import type { AuditEvent } from '../../api/admin-types';
import { SelectField, TextField } from '../../components/fields';
import { formatTime } from '../../components/format';
import { DataTable, LoadState, PageHeader } from '../../components/page-parts';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';

// Who did what, when: organisation admins see everything, a team admin their team's events.

const ACTIONS = [
  'login',
  'login.failed',
  'user.created',
  'user.role_changed',
  'user.removed',
  'team.created',
  'team.renamed',
  'team.removed',
  'team.member_set',
  'team.member_removed',
  'connection.created',
  'connection.changed',
  'connection.removed',
  'connection.shared',
  'connection.unshared',
  'connection.moved',
  'connection.used',
  'scenario.saved',
  'scenario.activated',
  'scenario.deactivated',
  'incomplete.edited',
  'key.rotated',
  'app_token.created',
  'app_token.revoked',
];
const PAGE_SIZE = 50;

export default function AuditPage() {
  const { api } = useSession();
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const events = useLoad(
    () =>
      api.audit.list({
        action: action || undefined,
        from: from || undefined,
        to: to || undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [api, action, from, to, page],
  );
  const total = events.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="page">
      <PageHeader title="Audit log" />
      <div className="row">
        <SelectField
          label="What"
          value={action}
          onChange={(v) => {
            setAction(v);
            setPage(1);
          }}
          empty="Everything"
          choices={ACTIONS.map((a) => ({ value: a, label: a }))}
        />
        <TextField label="From (date)" type="date" value={from} onChange={(v) => (setFrom(v), setPage(1))} />
        <TextField label="Until (date)" type="date" value={to} onChange={(v) => (setTo(v), setPage(1))} />
      </div>
      <LoadState
        loading={events.loading}
        error={events.error}
        empty={total === 0 && !events.loading && 'Nothing recorded.'}
      >
        <DataTable headers={['When', 'Who', 'What', 'Team', 'Record', 'Details']}>
          {(events.data?.items ?? []).map((e) => (
            <Row key={e.id} event={e} />
          ))}
        </DataTable>
      </LoadState>
      <nav className="row" aria-label="Pages">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Newer
        </button>
        <span className="muted">
          Page {page} of {pages} ({total} events)
        </span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          Older
        </button>
      </nav>
    </div>
  );
}

function Row({ event: e }: { event: AuditEvent }) {
  return (
    <tr>
      <td>{formatTime(e.at)}</td>
      <td>
        {e.actorEmail || <span className="muted">—</span>}
        {e.ip && <small className="muted"> {e.ip}</small>}
      </td>
      <td>{e.action}</td>
      <td>{e.teamId ?? <span className="muted">organisation</span>}</td>
      <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</td>
      <td>
        <code>{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code>
      </td>
    </tr>
  );
}
