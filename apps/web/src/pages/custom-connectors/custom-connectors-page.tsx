import { useState } from 'react';
import { ApiError } from '../../api/client';
import { LoadState, NoteLine, PageHeader, type Note } from '../../components/page-parts';
import { useLoad } from '../../components/use-load';
import { navigate, type Route } from '../../shell/router';
import { useSession } from '../../shell/session';
import { ConnectorEditor } from './connector-editor';

// Custom connectors: the list, and the request builder for a new or a saved one
// (#/custom-connectors/new, #/custom-connectors/12). The integration must be enabled first.

export default function CustomConnectorsPage({ route }: { route: Route }) {
  const { api, isSuperUser } = useSession();
  const which = route.parts[1];
  const list = useLoad(() => api.customConnectors.list(), [api]);
  const [created, setCreated] = useState<Note | null>(null);
  const disabled = isForbidden(list.failure);

  if (disabled) {
    return (
      <div className="page">
        <PageHeader title="Custom connectors" />
        <p className="banner warning">
          The Custom connector integration is off.{' '}
          {isSuperUser ? (
            <a href="#/organization">Enable it in the organisation settings.</a>
          ) : (
            'A super user can enable it in the organisation settings.'
          )}
        </p>
      </div>
    );
  }
  const current = which && which !== 'new' ? list.data?.find((c) => String(c.id) === which) : undefined;
  return (
    <div className="page">
      <PageHeader title="Custom connectors">
        <a className="button primary" href="#/custom-connectors/new">
          New connector
        </a>
      </PageHeader>
      <div className="list-layout">
        <nav className="folders" aria-label="Connectors">
          <LoadState
            loading={list.loading}
            error={list.error}
            empty={!list.loading && list.data?.length === 0 && 'No connectors yet.'}
          >
            {(list.data ?? []).map((c) => (
              <a
                key={c.id}
                href={`#/custom-connectors/${c.id}`}
                aria-current={String(c.id) === which ? 'page' : undefined}
              >
                {c.name}
                {c.usedBy.length > 0 && <span className="count">{c.usedBy.length} uses</span>}
              </a>
            ))}
          </LoadState>
        </nav>
        <section className="list-main">
          {which !== 'new' && <NoteLine note={created} />}
          {which === 'new' && (
            <ConnectorEditor
              key="new"
              onSaved={(c) => {
                list.reload();
                setCreated({ text: `Created "${c.name}".`, tone: 'success' });
                navigate(`/custom-connectors/${c.id}`);
              }}
            />
          )}
          {current && (
            <ConnectorEditor key={String(current.id)} connector={current} onSaved={() => list.reload()} />
          )}
          {!which && (
            <p className="muted">
              Choose a connector, or create one: a request whose response gives a value to scenarios and key
              results.
            </p>
          )}
          {which && which !== 'new' && !current && !list.loading && (
            <p className="muted">Connector {which} was not found.</p>
          )}
        </section>
      </div>
    </div>
  );
}

function isForbidden(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403;
}
