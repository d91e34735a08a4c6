import type { SendResult } from '../../api/admin-types';
import { JsonTree } from '../../components/json-tree';
import { preview } from '../../components/json-path';

// What Send answered: status, headers, and the body as a tree whose values can be picked as
// the field directory; the value at the chosen directory (or why there is none).

interface Props {
  result: SendResult;
  fieldPath: string;
  /** The value picked from the tree, before the next Send confirms it. */
  picked?: { path: string; value: unknown };
  onPick(path: string, value: unknown): void;
}

export function SendResultView({ result, fieldPath, picked, onPick }: Props) {
  const ok = result.status >= 200 && result.status < 300;
  const local = picked && picked.path === fieldPath ? picked : undefined;
  const sameAsSent = result.fieldPath === fieldPath;
  return (
    <section className="send-result" aria-label="Response">
      <h3>
        Response <span className={`badge ${ok ? 'status-success' : 'status-error'}`}>{result.status}</span>
      </h3>
      <details>
        <summary>Headers ({Object.keys(result.headers).length})</summary>
        <dl className="facts">
          {Object.entries(result.headers).map(([k, v]) => (
            <div key={k} className="fact">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="field-directory" role="status" aria-label="Field directory value">
        <strong>Field directory:</strong> <code>{fieldPath || '(whole body)'}</code>{' '}
        {local ? (
          <span>
            = <code>{preview(local.value)}</code>
          </span>
        ) : sameAsSent && result.valueError ? (
          <span className="field-error">{result.valueError}</span>
        ) : sameAsSent && 'value' in result ? (
          <span>
            = <code>{preview(result.value)}</code>
          </span>
        ) : (
          <span className="muted">Send again to read it.</span>
        )}
      </div>
      <h4>Body</h4>
      {result.bodyType === 'json' && (
        <JsonTree
          value={result.body}
          label="Response body"
          selected={fieldPath}
          onPick={(path) => onPick(path, valueAt(result.body, path))}
        />
      )}
      {result.bodyType === 'text' && <pre className="code">{String(result.body)}</pre>}
      {result.bodyType === 'binary' && (
        <p className="muted">
          Binary data ({String(result.body).length} characters of Base64): no field can be read from it.
        </p>
      )}
      {result.bodyType === 'empty' && <p className="muted">The response has no body.</p>}
    </section>
  );
}

// The tree hands over paths it built itself, so walking them back needs no parser: the tree
// rows carry the same path, and the value is found by matching each segment in turn.
function valueAt(body: unknown, path: string): unknown {
  if (!path) return body;
  const segments = path.match(/\["(?:[^"\\]|\\.)*"\]|\[\d+\]|[^.[\]]+/g) ?? [];
  let current: unknown = body;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (/^\[\d+\]$/.test(segment)) current = (current as unknown[])[Number(segment.slice(1, -1))];
    else if (segment.startsWith('["'))
      current = (current as Record<string, unknown>)[JSON.parse(segment.slice(1, -1)) as string];
    else current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
