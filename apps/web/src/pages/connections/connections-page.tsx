import { useState } from 'react';
import type { Connection } from '../../api/types';
import { formatTime } from '../../components/format';
import { LoadState, NoteLine, PageHeader, DataTable } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import type { Route } from '../../shell/router';
import { useSession } from '../../shell/session';
import { currentTeam } from '../../shell/team-switcher';
import { ConnectionDrawer } from './connection-drawer';
import { ConnectionSharing } from './connection-sharing';

// The connection vault: create, verify, edit, authorise in the browser (OAuth2 authorization
// code; the provider sends the user back here with ?authorized=<id>), see where each is used,
// delete. Secrets are never shown: the list names the ones that are set.

type Editing = { kind: 'new' } | { kind: 'edit'; connection: Connection };

export default function ConnectionsPage({ route }: { route: Route }) {
  const { api, user, isSuperUser } = useSession();
  const team = currentTeam(user, api.team);
  const teamAdmin = isSuperUser || team?.role === 'admin';
  const [sharing, setSharing] = useState<Connection | null>(null);
  const list = useLoad(() => api.connections.list(), [api]);
  const types = useLoad(() => api.connectionTypes.list(), [api]);
  const inBrowser = new Set(
    (types.data ?? []).filter((t) => t.oauth2?.grant === 'authorization_code').map((t) => t.key),
  );
  const authorized = list.data?.find((c) => String(c.id) === route.query.get('authorized'));
  const [editing, setEditing] = useState<Editing | null>(null);
  const action = useAction();
  const rows = list.data ?? [];

  const verify = (c: Connection) =>
    action.run(async () => {
      const result = await api.connections.verify(c.id);
      list.reload();
      if (!result.ok) throw new Error(`${c.name}: ${result.message ?? 'the check failed'}`);
      return `${c.name} works.`;
    });
  // The provider's sign-in page; its callback brings the browser back to this page.
  const authorize = (c: Connection) =>
    action.run(async () => {
      const { url } = await api.connections.authorize(c.id);
      window.location.assign(url);
    });
  const remove = (c: Connection) =>
    action.run(async () => {
      await api.connections.remove(c.id);
      list.reload();
      return `${c.name} deleted.`;
    });

  return (
    <div className="page">
      <PageHeader title="Connections">
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>
          New connection
        </button>
      </PageHeader>
      <NoteLine
        note={
          action.note ?? (authorized ? { text: `${authorized.name} is authorised.`, tone: 'success' } : null)
        }
      />
      <LoadState
        loading={list.loading}
        error={list.error}
        empty={!list.loading && rows.length === 0 && 'No connections yet.'}
      >
        <DataTable headers={['Name', 'Type', 'Status', 'Secrets', 'Used by', '']}>
          {rows.map((c) => (
            <ConnectionRow
              key={c.id}
              connection={c}
              busy={action.busy}
              onVerify={() => void verify(c)}
              onEdit={() => setEditing({ kind: 'edit', connection: c })}
              onAuthorize={inBrowser.has(c.type) ? () => void authorize(c) : undefined}
              onRemove={() => void remove(c)}
              onShare={teamAdmin && !c.shared ? () => setSharing(c) : undefined}
            />
          ))}
        </DataTable>
      </LoadState>
      {sharing && (
        <ConnectionSharing connection={sharing} teamId={team?.id} onClose={() => setSharing(null)} />
      )}
      {editing && (
        <ConnectionDrawer
          api={api}
          connection={editing.kind === 'edit' ? editing.connection : undefined}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            list.reload();
            action.setNote(savedNote(c));
          }}
        />
      )}
    </div>
  );
}

interface RowProps {
  connection: Connection;
  busy: boolean;
  onVerify(): void;
  onEdit(): void;
  /** For connections authorised at the provider (OAuth2 authorization code). */
  onAuthorize?: () => void;
  onRemove(): void;
  /** Team admins share their team's connections with other teams. */
  onShare?: () => void;
}

function ConnectionRow({ connection: c, busy, onVerify, onEdit, onAuthorize, onRemove, onShare }: RowProps) {
  const refused = c.status === 'reauthorize' || c.status === 'failed';
  if (c.shared)
    return (
      <tr>
        <td>
          {c.name} <span className="tag">shared with this team</span>
        </td>
        <td>{c.typeLabel ?? c.type}</td>
        <td colSpan={4} className="muted">
          Another team's connection: your scenarios may use it; only its team sees or changes it.
        </td>
      </tr>
    );
  return (
    <tr data-connection={c.name}>
      <td>{c.name}</td>
      <td>{c.typeLabel ?? c.type}</td>
      <td>
        <ConnectionStatus connection={c} />
      </td>
      <td>
        {c.secretsSet.length ? (
          c.secretsSet.map((s) => (
            <span key={s} className="tag">
              {s}: set
            </span>
          ))
        ) : (
          <span className="muted">none</span>
        )}
      </td>
      <td>
        {c.usedBy.length === 0 && <span className="muted">not used</span>}
        {c.usedBy.map((s) => (
          <a key={s.id} className="tag" href={`#/scenarios/${encodeURIComponent(String(s.id))}`}>
            {s.name}
          </a>
        ))}
      </td>
      <td className="row">
        <button type="button" onClick={onVerify} disabled={busy}>
          Verify
        </button>
        {onAuthorize && (
          <button
            type="button"
            className={refused || !c.secretsSet.includes('accessToken') ? 'primary' : undefined}
            onClick={onAuthorize}
            disabled={busy}
          >
            {c.secretsSet.includes('accessToken') ? 'Reauthorise' : 'Authorise'}
          </button>
        )}
        <button type="button" onClick={onEdit}>
          {/* An unreachable service needs no new secret: only a refusal asks to reauthorise. */}
          {c.status === 'reauthorize' && !onAuthorize ? 'Reauthorise' : 'Edit'}
        </button>
        {onShare && (
          <button type="button" onClick={onShare}>
            Share
          </button>
        )}
        <button
          type="button"
          className="danger"
          onClick={onRemove}
          disabled={busy}
          title={c.usedBy.length ? 'Used by scenarios: the server refuses' : undefined}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

const STATUS_TEXT: Record<string, string> = {
  ok: 'Verified',
  failed: 'Not verified',
  reauthorize: 'Reauthorise',
  unverified: 'Not checked yet',
};

// "Verified" (and when) once a check or a run showed the credentials work; the reason when not.
function ConnectionStatus({ connection: c }: { connection: Connection }) {
  return (
    <>
      <span className={`badge status-${c.status}`}>{STATUS_TEXT[c.status] ?? c.status}</span>
      {c.status === 'ok' && c.verifiedAt && <div className="small">{formatTime(c.verifiedAt)}</div>}
      {c.statusMessage && <div className="field-error small">{c.statusMessage}</div>}
    </>
  );
}

/** After a save: a failed check is a warning with its reason; the connection is saved anyway. */
export function savedNote(c: Connection): { text: string; tone: 'success' | 'warning' } {
  if (c.status === 'failed' || c.status === 'reauthorize')
    return {
      text: `${c.name} saved, but its credentials could not be verified: ${c.statusMessage || 'the check failed'}.`,
      tone: 'warning',
    };
  return { text: c.status === 'ok' ? `${c.name} saved and verified.` : `${c.name} saved.`, tone: 'success' };
}
