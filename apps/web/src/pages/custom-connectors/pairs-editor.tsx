import { duplicateNames, type Pair } from './connector-draft';

// Name/value rows (query parameters, headers) with add and remove buttons.

interface Props {
  label: string;
  pairs: Pair[];
  onChange(pairs: Pair[]): void;
  errors: ReadonlyMap<string, string>;
  /** Path prefix of the server's messages ("params", "headers"). */
  prefix: string;
}

export function PairsEditor({ label, pairs, onChange, errors, prefix }: Props) {
  const set = (i: number, patch: Partial<Pair>) =>
    onChange(pairs.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const twice = duplicateNames(pairs);
  const own = [...errors].filter(([path]) => path === prefix || path.startsWith(`${prefix}.`));
  return (
    <div className="pairs" role="group" aria-label={label}>
      {pairs.map((p, i) => (
        <div className="pair-row" key={i}>
          <input
            aria-label={`${label} ${i + 1} name`}
            placeholder="Name"
            value={p.name}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <input
            aria-label={`${label} ${i + 1} value`}
            placeholder="Value"
            value={p.value}
            onChange={(e) => set(i, { value: e.target.value })}
          />
          <button
            type="button"
            className="remove-row"
            aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(pairs.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="add-row" onClick={() => onChange([...pairs, { name: '', value: '' }])}>
        Add {label.toLowerCase().replace(/s$/, '')}
      </button>
      {twice.length > 0 && (
        <p className="field-problem">Named twice (the last one is sent): {twice.join(', ')}</p>
      )}
      {own.map(([path, message]) => (
        <p key={path} className="field-error" role="alert">
          {path}: {message}
        </p>
      ))}
    </div>
  );
}
