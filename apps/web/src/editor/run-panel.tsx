import type { ModuleLog, OperationLog } from '@integrator/engine/runner/types';
import type { RunView } from '../forms/mapping-sources';

// Every operation of one module in the last run: its input bundle, output bundles and error.

interface Props {
  id: number;
  run: RunView | null | undefined;
}

export function RunPanel({ id, run }: Props) {
  const log = run?.modules.find((m) => m.id === id);
  if (!run || !log) return <p className="muted">Module {id} did not run in the last execution.</p>;
  return (
    <div className="panel-body run-panel">
      <p>
        {log.operations} operation{log.operations === 1 ? '' : 's'}, {log.bundlesOut} bundle
        {log.bundlesOut === 1 ? '' : 's'} out
        {log.errors > 0 && `, ${log.errors} failed`}
      </p>
      {run.confidential && (
        <p className="muted">The scenario's data is confidential: no bundle data was kept.</p>
      )}
      {log.ops.map((op) => (
        <Operation key={`${op.cycle}-${op.index}`} op={op} open={log.ops.length <= OPEN_UP_TO} />
      ))}
      <Omitted log={log} />
    </div>
  );
}

// A few operations are shown opened; a long list starts closed (failed ones always open).
const OPEN_UP_TO = 3;

function Operation({ op, open }: { op: OperationLog; open: boolean }) {
  return (
    <details className={`operation${op.error ? ' failed' : ''}`} open={open || Boolean(op.error)}>
      <summary>
        Operation {op.index}
        {op.cycle > 1 && ` (cycle ${op.cycle})`}
        {op.error && <span className="tag danger">error</span>}
        {op.handledBy && <span className="tag">handled by {op.handledBy}</span>}
      </summary>
      {op.error && (
        <p className="field-error" role="alert">
          {op.error.type}: {op.error.message}
        </p>
      )}
      {/* A failed operation's input is what broke it: named so, as Make's "bundle that failed". */}
      <h3>{op.error ? 'Input bundle that failed' : 'Input'}</h3>
      <Bundle value={op.input} />
      <h3>Output ({op.outputCount})</h3>
      {(op.output ?? []).map((bundle, i) => (
        <Bundle key={i} value={bundle} label={`Bundle ${i + 1}`} />
      ))}
      {op.omittedBundles ? <p className="muted">{op.omittedBundles} more bundles were not kept.</p> : null}
    </details>
  );
}

function Bundle({ value, label }: { value: unknown; label?: string }) {
  if (value === undefined) return <p className="muted">None</p>;
  return (
    <figure className="bundle">
      {label && <figcaption>{label}</figcaption>}
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </figure>
  );
}

function Omitted({ log }: { log: ModuleLog }) {
  return log.omittedOps ? <p className="muted">{log.omittedOps} more operations were not kept.</p> : null;
}
