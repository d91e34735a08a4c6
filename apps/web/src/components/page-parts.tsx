import { useLayoutEffect, useRef, type ReactNode } from 'react';

// The pieces every admin page is made of: a header with actions, the outcome of the last
// action, and the empty, loading and error states of a list.

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-title">
      <h1>{title}</h1>
      <div className="row">{children}</div>
    </header>
  );
}

export type Tone = 'info' | 'success' | 'warning' | 'error';

export interface Note {
  text: string;
  tone: Tone;
}

/** The outcome of the last action; errors are announced at once (role alert). */
export function NoteLine({ note }: { note: Note | null }) {
  if (!note) return null;
  return (
    <p className={`note ${note.tone}`} role={note.tone === 'error' ? 'alert' : 'status'}>
      {note.text}
    </p>
  );
}

export function LoadState({
  loading,
  error,
  empty,
  children,
}: {
  loading: boolean;
  error: string | null;
  empty?: string | false;
  children?: ReactNode;
}) {
  if (error)
    return (
      <p className="note error" role="alert">
        {error}
      </p>
    );
  if (loading && !children) return <p className="muted">Loading…</p>;
  if (empty) return <p className="muted">{empty}</p>;
  return <>{children}</>;
}

export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="badge">never run</span>;
  return <span className={`badge status-${status}`}>{status.replace('_', ' ')}</span>;
}

/** The app's list table: a header row of column titles ('' for an actions column), then rows. */
export function DataTable({
  headers,
  children,
  label,
}: {
  headers: string[];
  children?: ReactNode;
  label?: string;
}) {
  // Phones show each row as a card of "column: value" lines (pages.css): every cell carries its
  // column's title. Set after each render, so rows added later get theirs too.
  const table = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    for (const row of table.current?.tBodies[0]?.rows ?? [])
      Array.from(row.cells).forEach((cell, i) => cell.setAttribute('data-label', headers[i] ?? ''));
  });
  // Tablets scroll a wide table sideways inside its box instead of widening the page.
  return (
    <div className="table-scroll">
      <table className="data-table stacking" aria-label={label} ref={table}>
        <thead>
          <tr>
            {headers.map((h, i) =>
              h ? (
                <th key={i}>{h}</th>
              ) : (
                <th key={i}>
                  <span className="visually-hidden">Actions</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
