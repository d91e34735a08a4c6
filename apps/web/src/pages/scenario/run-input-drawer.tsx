import { useState } from 'react';
import { Drawer } from '../../components/drawer';
import { TextAreaField } from '../../components/fields';

// Run once for a scenario that starts from an instant trigger (a webhook): the data the
// trigger would have received, as JSON. Empty runs the trigger without data, or, when its
// requests wait in the queue ("On demand"), takes the oldest of them.

interface Props {
  initial: string;
  triggerLabel: string;
  /** The scenario's requests wait in the queue for a run (the server's queueText). */
  queueText?: string;
  onRun(input: unknown, text: string): void;
  onClose(): void;
}

export function RunInputDrawer({ initial, triggerLabel, queueText, onRun, onClose }: Props) {
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | undefined>();
  const run = () => {
    if (!text.trim()) return onRun(undefined, text);
    try {
      onRun(JSON.parse(text), text);
    } catch (err) {
      setProblem(`is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <Drawer title="Run once" onClose={onClose}>
      <p className="muted">
        The scenario starts with {triggerLabel}. Give the data it would receive; a list runs the trigger once
        per item.
      </p>
      {queueText && (
        <p className="note info">{queueText} Leave the input empty to process the waiting requests.</p>
      )}
      <TextAreaField
        label="Input data (JSON)"
        rows={10}
        value={text}
        onChange={(t) => {
          setText(t);
          setProblem(undefined);
        }}
        error={problem}
        help='For example {"email": "ada@example.com"}'
      />
      <div className="row">
        <button type="button" className="primary" onClick={run}>
          Run
        </button>
      </div>
    </Drawer>
  );
}
