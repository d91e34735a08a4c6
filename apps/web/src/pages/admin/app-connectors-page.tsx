import { useMemo, useState } from 'react';
import type { AppConnector } from '../../api/admin-types';
import { formatTime } from '../../components/format';
import { LoadState, NoteLine, PageHeader, DataTable } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';
import { AppConnectorDrawer } from './app-connector-drawer';

// App connectors (super users): how outside applications reach scenarios and data stores with
// one-time codes and tokens; each connector's tokens can be revoked. The outbox shows mail kept
// when no SMTP server is configured (the one-time codes on a laptop install).

export default function AppConnectorsPage() {
  const { api, isSuperUser } = useSession();
  const list = useLoad(() => api.appConnectors.list(), [api]);
  const groups = useLoad(() => api.groups.list(), [api]);
  const [editing, setEditing] = useState<AppConnector | 'new' | null>(null);
  const [tokensOf, setTokensOf] = useState<AppConnector | null>(null);
  const action = useAction();
  const groupName = useMemo(
    () => new Map((groups.data ?? []).map((g) => [String(g.id), g.name])),
    [groups.data],
  );
  if (!isSuperUser) return <p className="page note error">Only a super user can manage app connectors.</p>;

  const remove = (c: AppConnector) =>
    action.run(async () => {
      await api.appConnectors.remove(c.id);
      list.reload();
      return `${c.description} deleted; its tokens no longer work.`;
    });

  return (
    <div className="page">
      <PageHeader title="App connectors">
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New app connector
        </button>
      </PageHeader>
      <NoteLine note={action.note} />
      <LoadState
        loading={list.loading}
        error={list.error}
        empty={!list.loading && list.data?.length === 0 && 'No app connectors yet.'}
      >
        <DataTable headers={['Description', 'Key', 'Group', 'Access', 'IP restriction', '']}>
          {(list.data ?? []).map((c) => (
            <tr key={c.id}>
              <td>
                {c.description}
                {c.blocked && <span className="tag danger">blocked</span>}
              </td>
              <td>
                <code>{c.key}</code>
              </td>
              <td>{groupName.get(String(c.groupId)) ?? `group ${c.groupId}`}</td>
              <td>
                {c.scenarioIds.length} scenarios, {c.dataStoreIds.length} data stores
              </td>
              <td>
                {!c.ipRules ? (
                  <span className="muted">none</span>
                ) : 'allow' in c.ipRules ? (
                  `allow ${c.ipRules.allow.join(', ')}`
                ) : (
                  `deny ${c.ipRules.deny.join(', ')}`
                )}
              </td>
              <td className="row">
                <button type="button" onClick={() => setEditing(c)}>
                  Edit
                </button>
                <button
                  type="button"
                  onClick={() => setTokensOf(tokensOf?.id === c.id ? null : c)}
                  aria-expanded={tokensOf?.id === c.id}
                >
                  Tokens
                </button>
                <button type="button" className="danger" onClick={() => void remove(c)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      </LoadState>
      {tokensOf && <Tokens connector={tokensOf} />}
      <Outbox />
      {editing && (
        <AppConnectorDrawer
          connector={editing === 'new' ? undefined : editing}
          groups={groups.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={list.reload}
        />
      )}
    </div>
  );
}

function Tokens({ connector }: { connector: AppConnector }) {
  const { api } = useSession();
  const tokens = useLoad(() => api.appConnectors.tokens(connector.id), [api, connector.id]);
  const action = useAction();
  const revoke = (id: string | number) =>
    action.run(async () => {
      await api.appConnectors.revokeToken(id);
      tokens.reload();
      return 'Token revoked.';
    });
  return (
    <section aria-label={`Tokens of ${connector.description}`}>
      <h2>Tokens of {connector.description}</h2>
      <NoteLine note={action.note} />
      <LoadState
        loading={tokens.loading}
        error={tokens.error}
        empty={!tokens.loading && tokens.data?.length === 0 && 'No tokens issued yet.'}
      >
        <DataTable headers={['User', 'Issued', 'Last used', 'State', '']}>
          {(tokens.data ?? []).map((t) => (
            <tr key={t.id}>
              <td>{t.userEmail ?? `user ${t.userId}`}</td>
              <td>{formatTime(t.createdAt)}</td>
              <td>{formatTime(t.lastUsedAt)}</td>
              <td>{t.active ? 'active' : `revoked ${formatTime(t.revokedAt)}`}</td>
              <td>
                {t.active && (
                  <button type="button" className="danger" onClick={() => void revoke(t.id)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </LoadState>
    </section>
  );
}

function Outbox() {
  const { api } = useSession();
  const outbox = useLoad(() => api.appConnectors.outbox(20), [api]);
  return (
    <details className="outbox">
      <summary>Outbox (mail kept without an SMTP server)</summary>
      <LoadState
        loading={outbox.loading}
        error={outbox.error}
        empty={outbox.data?.items.length === 0 && 'No mail kept.'}
      >
        {(outbox.data?.items ?? []).map((m) => (
          <article key={m.id} className="mail">
            <header>
              <strong>{m.subject}</strong> to {m.to} · {formatTime(m.createdAt)}
            </header>
            <pre className="code">{m.text}</pre>
          </article>
        ))}
      </LoadState>
    </details>
  );
}
