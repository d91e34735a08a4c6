import { useState } from 'react';
import { Drawer } from '../../components/drawer';
import { TextAreaField } from '../../components/fields';

// Run once for a scenario that starts from an instant trigger (a webhook): the data the
// trigger would have received, as JSON. Empty runs the trigger without data.

interface Props {
  initial: string;
  triggerLabel: string;
  onRun(input: unknown, text: string): void;
  onClose(): void;
}

export function RunInputDrawer({ initial, triggerLabel, onRun, onClose }: Props) {
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
