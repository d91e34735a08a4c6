import { useMemo, useState } from 'react';
import type { Webhook } from '../api/admin-types';
import { Drawer } from '../components/drawer';
import { errorMap } from '../components/errors';
import { SelectField, TextField } from '../components/fields';
import { formatTime, plural } from '../components/format';
import { LoadState, NoteLine, PageHeader, DataTable } from '../components/page-parts';
import { useAction } from '../components/use-action';
import { useLoad } from '../components/use-load';
import { useSession } from '../shell/session';

// Webhooks: their URLs (what callers post to), the scenario each starts, and the requests
// waiting in each queue (kept while the scenario is off or busy).

export default function WebhooksPage() {
  const { api } = useSession();
  const list = useLoad(() => api.webhooks.list(), [api]);
  const scenarios = useLoad(() => api.scenarios.list(), [api]);
  const [creating, setCreating] = useState(false);
  const [queueOf, setQueueOf] = useState<Webhook | null>(null);
  const action = useAction();
  const names = useMemo(
    () => new Map((scenarios.data?.items ?? []).map((s) => [String(s.id), s.name])),
    [scenarios.data],
  );

  const remove = (h: Webhook) =>
    action.run(async () => {
      await api.webhooks.remove(h.id);
      list.reload();
      return `${h.name} deleted.`;
    });
  const copy = (h: Webhook) =>
    action.run(async () => {
      await navigator.clipboard.writeText(h.address ?? h.url);
      return h.address ? 'Address copied.' : 'URL copied.';
    });

  return (
    <div className="page">
      <PageHeader title="Webhooks">
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New webhook
        </button>
      </PageHeader>
      <NoteLine note={action.note} />
      <LoadState
        loading={list.loading}
        error={list.error}
        empty={
          !list.loading &&
          list.data?.length === 0 &&
          'No webhooks yet. A scenario that starts with "Custom webhook" uses one.'
        }
      >
        <DataTable headers={['Name', 'URL or address', 'Scenario', 'Queue', '']}>
          {(list.data ?? []).map((h) => (
            <tr key={h.id}>
              <td>
                {h.name}
                {h.kind === 'mail' && <div className="muted small">Mailhook</div>}
              </td>
              <td>
                <code className="url">{h.address ?? h.url}</code>
                {h.notice && <div className="field-error small">{h.notice}</div>}
              </td>
              <td>
                {h.scenarioId !== null ? (
                  <a href={`#/scenarios/${h.scenarioId}`}>
                    {names.get(String(h.scenarioId)) ?? `Scenario ${h.scenarioId}`}
                  </a>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td>
                <button type="button" onClick={() => setQueueOf(h)}>
                  {plural(h.queued ?? 0, 'request')} waiting
                </button>
                <div className="muted small">max {h.maxQueue}</div>
              </td>
              <td className="row">
                <button type="button" onClick={() => void copy(h)}>
                  {h.address ? 'Copy address' : 'Copy URL'}
                </button>
                <button type="button" className="danger" onClick={() => void remove(h)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      </LoadState>
      {creating && (
        <NewWebhook
          scenarios={scenarios.data?.items ?? []}
          onClose={() => setCreating(false)}
          onCreated={() => list.reload()}
        />
      )}
      {queueOf && <QueueDrawer hook={queueOf} onClose={() => setQueueOf(null)} />}
    </div>
  );
}

function NewWebhook({
  scenarios,
  onClose,
  onCreated,
}: {
  scenarios: ReadonlyArray<{ id: string | number; name: string }>;
  onClose(): void;
  onCreated(): void;
}) {
  const { api } = useSession();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'web' | 'mail'>('web');
  const [scenarioId, setScenarioId] = useState('');
  const [required, setRequired] = useState('');
  const [maxQueue, setMaxQueue] = useState('');
  const action = useAction();
  const fields = errorMap(action.error);
  const create = () =>
    action.run(async () => {
      const requiredFields = required
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      await api.webhooks.create({
        name: name.trim(),
        ...(kind === 'mail' ? { kind } : {}),
        ...(scenarioId ? { scenarioId: Number(scenarioId) } : {}),
        ...(requiredFields.length ? { requiredFields } : {}),
        ...(maxQueue ? { maxQueue: Number(maxQueue) } : {}),
      });
      onCreated();
      onClose();
    });
  return (
    <Drawer title="New webhook" onClose={onClose}>
      <TextField label="Name" value={name} onChange={setName} error={fields.get('name')} required />
      <SelectField
        label="Receives"
        value={kind}
        onChange={(v) => setKind(v === 'mail' ? 'mail' : 'web')}
        choices={[
          { value: 'web', label: 'HTTP requests (webhook)' },
          { value: 'mail', label: 'Email (mailhook: an address whose mail starts the scenario)' },
        ]}
        error={fields.get('kind')}
      />
      <SelectField
        label="Scenario"
        value={scenarioId}
        onChange={setScenarioId}
        empty="None yet (choose it in the scenario's trigger)"
        choices={scenarios.map((s) => ({ value: String(s.id), label: s.name }))}
        error={fields.get('scenarioId')}
      />
      <TextField
        label="Required fields"
        value={required}
        onChange={setRequired}
        help="Comma-separated; requests without them are refused with 400. Dots for nested fields."
        error={fields.get('requiredFields')}
      />
      <TextField
        label="Queue limit"
        type="number"
        min={1}
        value={maxQueue}
        onChange={setMaxQueue}
        placeholder="10000"
        error={fields.get('maxQueue')}
      />
      {!fields.size && <NoteLine note={action.note} />}
      <div className="row">
        <button type="button" className="primary" onClick={() => void create()} disabled={action.busy}>
          Create webhook
        </button>
      </div>
    </Drawer>
  );
}

function QueueDrawer({ hook, onClose }: { hook: Webhook; onClose(): void }) {
  const { api } = useSession();
  const queue = useLoad(() => api.webhooks.queue(hook.id), [api, hook.id]);
  return (
    <Drawer title={`Queue of ${hook.name}`} onClose={onClose} wide>
      <LoadState
        loading={queue.loading}
        error={queue.error}
        empty={queue.data?.total === 0 && 'The queue is empty.'}
      >
        <p className="muted">{plural(queue.data?.total ?? 0, 'request')} waiting (the oldest 100 shown).</p>
        {(queue.data?.items ?? []).map((r) => (
          <details key={r.id} className="operation">
            <summary>
              Request {r.id} · {formatTime(r.receivedAt)}
            </summary>
            <pre className="code">{JSON.stringify(r.payload, null, 2)}</pre>
          </details>
        ))}
      </LoadState>
    </Drawer>
  );
}
