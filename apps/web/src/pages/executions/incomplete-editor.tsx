import { useEffect, useState } from 'react';
import type { IncompleteExecution } from '../../api/admin-types';
import { Drawer } from '../../components/drawer';
import { errorText } from '../../components/errors';
import { TextAreaField } from '../../components/fields';
import { LoadState, NoteLine } from '../../components/page-parts';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';
import { parseState, stateText, type StoredRecord } from './incomplete-state';

// Make's "edit the bundle" of an incomplete execution: the input that broke the failed module
// (read only: the module maps it again on retry) and the state a retry starts from (the outputs
// of the modules it reads and the variables), edited as JSON, checked as typed, then saved.

interface Props {
  id: number;
  onSaved(): void;
  onClose(): void;
}

export function IncompleteEditor({ id, onSaved, onClose }: Props) {
  const { api } = useSession();
  const detail = useLoad(() => api.incomplete.get(id), [api, id]);
  const row = detail.data;
  return (
    <Drawer title={`Incomplete execution ${id}`} onClose={onClose} wide>
      <LoadState loading={detail.loading} error={detail.error}>
        {row && <StateForm row={row} onSaved={onSaved} />}
      </LoadState>
    </Drawer>
  );
}

function StateForm({ row, onSaved }: { row: IncompleteExecution; onSaved(): void }) {
  const { api } = useSession();
  const record = (row.record ?? {}) as StoredRecord;
  const readable = Object.keys(record.outputs ?? {});
  const [text, setText] = useState(() => stateText(record));
  const [saved, setSaved] = useState(text);
  const action = useAction();
  const parsed = parseState(text, readable, row.moduleId);
  const editable = row.status !== 'resolved' && row.status !== 'in_progress';
  useEffect(() => action.clear(), [text, action.clear]);

  const save = () => {
    const state = parsed.state;
    if (!state) return;
    void action.run(async () => {
      try {
        await api.incomplete.edit(row.id, state);
      } catch (err) {
        throw new Error(`Not saved: ${errorText(err)}`);
      }
      setSaved(text);
      onSaved();
      return 'Saved. Retry runs the failed module again with this data.';
    });
  };

  return (
    <>
      <p>
        Module {row.moduleId} failed:{' '}
        <span className="field-error">{row.lastError ?? 'no message kept'}</span>
      </p>
      <h3>Input bundle that failed</h3>
      {record.input === undefined ? (
        <p className="muted">No input was kept for this operation.</p>
      ) : (
        <pre className="code" tabIndex={0} aria-label="Input bundle that failed">
          {JSON.stringify(record.input, null, 2)}
        </pre>
      )}
      <h3>Data the retry starts from</h3>
      <p className="muted">
        Module {row.moduleId} maps its fields again from this on retry:{' '}
        {readable.length
          ? `the outputs of module${readable.length > 1 ? 's' : ''} ${readable.join(', ')} (by id)`
          : 'no earlier module'}{' '}
        and the execution's variables.
      </p>
      <TextAreaField
        label="Stored data (JSON)"
        rows={14}
        value={text}
        onChange={setText}
        error={parsed.problem}
        help={
          editable
            ? undefined
            : `This incomplete execution is ${row.status.replace('_', ' ')}: it can no longer be edited.`
        }
      />
      <NoteLine note={action.note} />
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!editable || Boolean(parsed.problem) || text === saved || action.busy}
          onClick={save}
        >
          Save
        </button>
      </div>
    </>
  );
}
