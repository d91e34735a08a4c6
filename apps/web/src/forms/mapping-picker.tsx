import { useMemo, useState, type KeyboardEvent } from 'react';
import { MAPPING_FUNCTIONS, type MappingFunction } from './functions';
import { useFormEnv } from './form-env';
import type { MappingSource } from './mapping-sources';

// Lists the output fields of earlier modules and the mapping functions; picking one hands a
// snippet (`1.email`, `$uppercase()`) to the input, which wraps it in {{ }} where needed.

interface Props {
  onPick(snippet: string): void;
  onClose(): void;
}

export function MappingPicker({ onPick, onClose }: Props) {
  const { sources } = useFormEnv();
  const [tab, setTab] = useState<'data' | 'functions'>('data');
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();

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
    () => MAPPING_FUNCTIONS.filter((f) => !needle || f.name.toLowerCase().includes(needle)),
    [needle],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="mapping-picker" role="dialog" aria-label="Insert a mapping" onKeyDown={onKeyDown}>
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
          aria-label="Search mappings"
          placeholder="Search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          autoFocus
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
  onPick(snippet: string): void;
}) {
  return (
    <div className="mapping-picker-list">
      {functions.map((f) => (
        <button
          type="button"
          key={f.name}
          className="mapping-field"
          title={f.description}
          onClick={() => onPick(f.snippet)}
        >
          <code>${f.name}</code>
          <span className="muted">{f.description}</span>
        </button>
      ))}
    </div>
  );
}
