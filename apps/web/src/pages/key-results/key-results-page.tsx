import { useState } from 'react';
import type { Objective } from '../../api/okr-types';
import { ProgressBar } from '../../components/progress-bar';
import { LoadState, NoteLine, PageHeader } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import type { Route } from '../../shell/router';
import { useSession } from '../../shell/session';
import { KeyResultDrawer } from './key-result-drawer';
import { KeyResultPage } from './key-result-page';
import { ObjectiveDrawer } from './objective-drawer';
import { describeTarget } from './okr-text';

// Objectives and their key results with progress bars; a key result opens its page
// (#/key-results/7) for check-ins, their review and the history.

export default function KeyResultsPage({ route }: { route: Route }) {
  const openId = route.parts[1];
  if (openId) return <KeyResultPage key={openId} keyResultId={openId} />;
  return <Objectives />;
}

function Objectives() {
  const { api } = useSession();
  const objectives = useLoad(() => api.objectives.list(), [api]);
  const [drawer, setDrawer] = useState<
    { kind: 'objective'; objective?: Objective } | { kind: 'keyResult'; objectiveId: number } | null
  >(null);
  const action = useAction();
  const remove = (o: Objective) =>
    action.run(async () => {
      await api.objectives.remove(o.id);
      objectives.reload();
      return `${o.name} deleted with its key results.`;
    });

  return (
    <div className="page">
      <PageHeader title="Key results">
        <button type="button" className="primary" onClick={() => setDrawer({ kind: 'objective' })}>
          New objective
        </button>
      </PageHeader>
      <NoteLine note={action.note} />
      <LoadState
        loading={objectives.loading}
        error={objectives.error}
        empty={!objectives.loading && objectives.data?.length === 0 && 'No objectives yet.'}
      >
        {(objectives.data ?? []).map((o) => (
          <section key={o.id} className="objective" aria-label={`Objective ${o.name}`}>
            <header className="objective-head">
              <div>
                <h2>{o.name}</h2>
                <p className="muted">
                  {o.periodStart} – {o.periodEnd}
                  {o.description && ` · ${o.description}`}
                </p>
              </div>
              <ProgressBar value={o.progress} label={`Progress of ${o.name}`} />
              <div className="row">
                <button type="button" onClick={() => setDrawer({ kind: 'keyResult', objectiveId: o.id })}>
                  Add key result
                </button>
                <button type="button" onClick={() => setDrawer({ kind: 'objective', objective: o })}>
                  Edit
                </button>
                <button type="button" className="danger" onClick={() => void remove(o)}>
                  Delete
                </button>
              </div>
            </header>
            {o.keyResults.length === 0 && <p className="muted">No key results yet.</p>}
            <ul className="key-results">
              {o.keyResults.map((kr) => (
                <li key={kr.id}>
                  <a href={`#/key-results/${kr.id}`}>{kr.name}</a>
                  <span className="muted">{describeTarget(kr)}</span>
                  <ProgressBar value={kr.progress} label={`Progress of ${kr.name}`} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </LoadState>
      {drawer?.kind === 'objective' && (
        <ObjectiveDrawer
          objective={drawer.objective}
          onClose={() => setDrawer(null)}
          onSaved={objectives.reload}
        />
      )}
      {drawer?.kind === 'keyResult' && (
        <KeyResultDrawer
          objectiveId={drawer.objectiveId}
          onClose={() => setDrawer(null)}
          onSaved={objectives.reload}
        />
      )}
    </div>
  );
}
