import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { FUNCTION_GROUPS, MAPPING_FUNCTIONS, type MappingFunction } from './functions';
import { useFormEnv } from './form-env';
import type { MappingSource } from './mapping-sources';

// Lists the output fields of earlier modules (with the last run's values) and Make's functions;
// picking one hands a snippet (`1.email`, `$formatDate(, "YYYY-MM-DD")`) to the input, which
// wraps it in {{ }} where needed. It scrolls into view when opened; the arrow keys move
// through the entries, Enter inserts, Escape closes.

interface Props {
  /** cursor: where the caret goes inside the snippet (a function's first argument). */
  onPick(snippet: string, cursor?: number): void;
  onClose(): void;
}

export function MappingPicker({ onPick, onClose }: Props) {
  const { sources } = useFormEnv();
  const [tab, setTab] = useState<'data' | 'functions'>('data');
  const [search, setSearch] = useState('');
  const box = useRef<HTMLDivElement | null>(null);
  const searchBox = useRef<HTMLInputElement | null>(null);
  const needle = search.trim().toLowerCase();

  useLayoutEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
    searchBox.current?.focus({ preventScroll: true });
  }, []);

  const data = useMemo(
    () =>
      sources
        .map((s) => ({
          ...s,
          fields: s.fields.filter((f) => !needle || `${f.label} ${f.path}`.toLowerCase().includes(needle)),
        }))
        .filter((s) => s.fields.length || !needle),
    [sources, needle],
  );
  const functions = useMemo(
    () =>
      MAPPING_FUNCTIONS.filter((f) => !needle || `${f.name} ${f.description}`.toLowerCase().includes(needle)),
    [needle],
  );

  const entries = () => Array.from(box.current?.querySelectorAll<HTMLButtonElement>('.mapping-field') ?? []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Enter') return;
    const list = entries();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Enter') {
      // Enter in the search box takes the first entry; on an entry, the button does it.
      if (at < 0 && e.target === searchBox.current && list[0]) {
        e.preventDefault();
        list[0].click();
      }
      return;
    }
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, list.length - 1) : at - 1;
    if (next < 0) searchBox.current?.focus();
    else {
      list[next]?.focus();
      list[next]?.scrollIntoView?.({ block: 'nearest' });
    }
  };

  return (
    <div
      ref={box}
      className="mapping-picker"
      role="dialog"
      aria-label="Insert a mapping"
      onKeyDown={onKeyDown}
    >
      <div className="mapping-picker-head">
        <div role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'data'} onClick={() => setTab('data')}>
            Data
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'functions'}
            onClick={() => setTab('functions')}
          >
            Functions
          </button>
        </div>
        <input
          ref={searchBox}
          aria-label="Search mappings"
          aria-keyshortcuts="ArrowDown ArrowUp Enter Escape"
          placeholder="Search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {tab === 'data' ? (
        <DataList sources={data} onPick={onPick} />
      ) : (
        <FunctionList functions={functions} onPick={onPick} />
      )}
    </div>
  );
}

function DataList({ sources, onPick }: { sources: readonly MappingSource[]; onPick(snippet: string): void }) {
  return (
    <div className="mapping-picker-list">
      {sources.length === 0 && <p className="muted">No earlier modules to map from.</p>}
      {sources.map((source) => (
        <section key={source.id}>
          <h4>
            <span className="module-badge" style={{ background: source.color }}>
              {source.id}
            </span>
            {source.label}
            {source.origin === 'run' && <span className="muted"> · last run</span>}
          </h4>
          {source.fields.length === 0 && (
            <p className="muted">Run the scenario once to see this module's output.</p>
          )}
          {source.fields.map((f) => (
            <button
              type="button"
              key={f.path}
              className="mapping-field"
              style={{ paddingLeft: 8 + f.depth * 14 }}
              title={f.friendly ? `${f.friendly} (${f.path})` : undefined}
              onClick={() => onPick(`${source.id}.${f.path}`)}
            >
              <span>{f.label}</span>
              {f.sample !== undefined && <span className="muted">{f.sample}</span>}
            </button>
          ))}
        </section>
      ))}
    </div>
  );
}

function FunctionList({
  functions,
  onPick,
}: {
  functions: readonly MappingFunction[];
  onPick(snippet: string, cursor?: number): void;
}) {
  return (
    <div className="mapping-picker-list">
      {functions.length === 0 && <p className="muted">No function matches.</p>}
      {FUNCTION_GROUPS.map((group) => {
        const listed = functions.filter((f) => f.group === group.key);
        if (!listed.length) return null;
        return (
          <section key={group.key}>
            <h4>{group.label}</h4>
            {listed.map((f) => (
              <button
                type="button"
                key={f.name}
                className="mapping-field mapping-function"
                title={`${f.signature}: ${f.description}`}
                onClick={() => onPick(f.snippet, f.cursor)}
              >
                <code>{f.name}</code>
                <span className="muted">{f.description}</span>
              </button>
            ))}
          </section>
        );
      })}
    </div>
  );
}
