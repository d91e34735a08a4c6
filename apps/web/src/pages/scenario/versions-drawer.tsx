import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Scenario, ScenarioVersion } from '../../api/types';
import { Drawer } from '../../components/drawer';
import { errorText } from '../../components/errors';
import { formatTime } from '../../components/format';
import { LoadState, NoteLine, type Note } from '../../components/page-parts';
import { useLoad } from '../../components/use-load';

// Every saved version of the blueprint, newest first. Restoring saves the old blueprint as a
// new version (history is never rewritten), after a second click to confirm.

interface Props {
  api: ApiClient;
  scenario: Scenario;
  dirty: boolean;
  onRestored(scenario: Scenario): void;
  onClose(): void;
}

export function VersionsDrawer({ api, scenario, dirty, onRestored, onClose }: Props) {
  const versions = useLoad(() => api.scenarios.versions(scenario.id), [api, scenario.id, scenario.version]);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [note, setNote] = useState<Note | null>(null);

  const restore = async (version: number) => {
    setConfirming(null);
    try {
      const restored = await api.scenarios.restore(scenario.id, version);
      onRestored(restored);
      setNote({ text: `Version ${version} restored as version ${restored.version}.`, tone: 'success' });
    } catch (err) {
      setNote({ text: errorText(err), tone: 'error' });
    }
  };

  return (
    <Drawer title="Versions" onClose={onClose}>
      {dirty && <p className="note info">You have unsaved changes; restoring a version replaces them.</p>}
      <NoteLine note={note} />
      <LoadState
        loading={versions.loading}
        error={versions.error}
        empty={versions.data?.length === 0 && 'No versions yet.'}
      >
        <ul className="version-list">
          {(versions.data ?? []).map((v: ScenarioVersion) => (
            <li key={v.version}>
              <div>
                <strong>Version {v.version}</strong>
                {v.version === scenario.version && <span className="tag">current</span>}
                <div className="muted">
                  {formatTime(v.createdAt)}
                  {v.createdBy !== null && v.createdBy !== undefined && ` · user ${v.createdBy}`}
                </div>
              </div>
              {v.version !== scenario.version &&
                (confirming === v.version ? (
                  <span className="row">
                    <button type="button" className="primary" onClick={() => void restore(v.version)}>
                      Restore version {v.version}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button type="button" onClick={() => setConfirming(v.version)}>
                    Restore…
                  </button>
                ))}
            </li>
          ))}
        </ul>
      </LoadState>
    </Drawer>
  );
}
